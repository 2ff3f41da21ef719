"""Pipeline stages declare what they read from the document and what they add to it.

    @stage("projects", requires=("sentences", "mentions:Enterprise"), assigns=("mentions:Project",))
    class ProjectMentions: ...

`check` holds a list of stages to their word when a pipeline is built: a stage that
reads what no earlier stage adds fails then, not halfway through a batch. The names
are a closed vocabulary (`FIELDS`), so a typo fails at import.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

KINDS = ("Region", "Enterprise", "IndustrialPark", "Industry", "Project")
RELATIONS = ("builds", "locatedIn", "inIndustry", "hasIndustry", "mentions")
FIELDS = frozenset(
    ("text", "clean-text", "sentences", "metadata")
    + tuple(f"mentions:{k}" for k in KINDS)
    + tuple(f"facts:{r}" for r in RELATIONS)
    + ("entities:product",)          # a project's product industry (rkg:product)
)
GIVEN = frozenset({"text"})  # what a new Document holds before any stage
REGISTRY: dict[str, type] = {}


class PipelineError(ValueError):
    """A pipeline whose stages do not fit together."""


def stage(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[type], type]:
    """Register a stage class under `name` with what it reads and adds."""
    requires, assigns = tuple(requires), tuple(assigns)
    unknown = sorted(set(requires + assigns) - FIELDS)
    if unknown:
        raise PipelineError(f"stage {name}: unknown document fields {', '.join(unknown)}")

    def register(cls: type) -> type:
        cls.name, cls.requires, cls.assigns = name, requires, assigns
        REGISTRY[name] = cls
        return cls

    return register


def check(stages: Iterable[object]) -> None:
    """Raise PipelineError when a stage requires what no stage before it assigns."""
    available = set(GIVEN)
    for st in stages:
        name = getattr(st, "name", type(st).__name__)
        missing = [f for f in getattr(st, "requires", ()) if f not in available]
        if missing:
            raise PipelineError(f"stage {name} requires {', '.join(missing)}, which no stage before it assigns")
        available.update(getattr(st, "assigns", ()))
