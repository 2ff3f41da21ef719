"""Interactive network views: a store → a view graph → (focus) → one offline HTML page."""
from __future__ import annotations

from .focus import FocusError
from .views import ViewRequest, make_page

__all__ = ["FocusError", "ViewRequest", "make_page"]
