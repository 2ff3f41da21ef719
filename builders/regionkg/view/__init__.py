"""Interactive views: a store → a view graph → (focus) → one offline HTML page, a
region's projects by year (timeline.py), or a chain dashboard (chain.py).

The names below are imported on first use: pyvis and networkx take most of a second to
import, which commands other than `view` should not pay."""
from __future__ import annotations

from importlib import import_module

__all__ = ["FocusError", "ViewRequest", "make_chain_page", "make_page", "make_timeline_page"]
_HOMES = {"FocusError": ".focus", "ViewRequest": ".views", "make_page": ".views",
          "make_timeline_page": ".timeline", "make_chain_page": ".chain"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
