"""RegionKG: Chinese regional government reports and industry news → knowledge graph."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build", "Graph"]


def build(paths, **kwargs):
    """Build the graph of the reports under `paths` (see `regionkg.builder.build`)."""
    from .builder import build as _build

    return _build(paths, **kwargs)


def __getattr__(name):
    if name == "Graph":
        from .graph import Graph

        return Graph
    raise AttributeError(name)
