"""Where `Http` was: the HTTP layer of `push` and `--endpoint` is RegionKG's one, `regionkg.http`."""
from __future__ import annotations

from ..http import Http, Response, default_user_agent

__all__ = ["Http", "Response", "default_user_agent"]
