"""The pipeline: small stages over one Document, each replaceable.

text → boilerplate removed → sentences → metadata → mentions (regions, enterprises,
parks, industries, projects) → relations → triples
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .document import Document
from .extract.enterprises import EnterpriseMentions
from .extract.industries import IndustryMentions
from .extract.lexicon import Lexicons, load, shipped
from .extract.metadata import ReportMetadata, parse_date, parse_year
from .extract.parks import ParkMentions
from .extract.projects import ProjectMentions
from .extract.known_projects import KnownProjects
from .extract.regions import RegionMatcher, RegionMentions
from .extract.mentions import ReportMentions
from .extract.park_relations import ParkRelations
from .extract.project_relations import ProjectRelations
from .extract.region_industries import DropUnusedIndustries, RegionIndustries
from .gazetteer import Gazetteer, default_gazetteer
from .ingest.clean import BoilerplateStripper
from .ingest.decode import clean_text
from .ingest.sources import Source
from .nlp.sentences import SentenceSplitter

Stage = Callable[[Document], Document]


@dataclass(frozen=True)
class Recipe:
    """How another process (a Dask worker elsewhere) makes the same pipeline: an importable
    function, its keyword arguments (plain data) and the stage names it gives."""

    make: Callable[..., Pipeline]
    kwargs: dict = field(default_factory=dict)
    stages: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The same for the same recipe in every process."""
        text = repr((self.make.__module__, self.make.__qualname__, sorted(self.kwargs.items()), self.stages))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


class Pipeline:
    def __init__(self, stages: Iterable[Stage], gazetteer: Gazetteer, safe_prefix: int = 0,
                 lexicons: Lexicons | None = None):
        self.recipe: Recipe | None = None     # set by default_pipeline; None: this process only
        self.stages = list(stages)
        self.lexicons = lexicons or shipped()   # what later steps (chain links) match names against
        self.safe_prefix = safe_prefix  # stages that suffice for a report node when later ones fail
        self.gazetteer = gazetteer
        self._matcher = RegionMatcher(gazetteer)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def safely(self, source: Source, region: str | None = None,
               known: dict[str, str] | None = None) -> tuple[Document, Exception | None]:
        """Run all stages; if one fails on this text, keep what the first ones found
        (report, metadata, regions) rather than lose the document, and say why.
        `region`: the report's region when its text names none, `known`: project names of
        related reports → their keys (both given by the batch)."""
        try:
            doc = self.document(source, region)
            doc.known_projects = dict(known or {})
            return self(doc), None
        except Exception as exc:  # a fault on one text must not cost the batch
            doc = self.document(source, region)
            for stage in self.stages[: self.safe_prefix]:
                doc = stage(doc)
            doc.facts.extend(ReportMentions().mentions_only(doc))
            return doc, exc

    @property
    def stage_names(self) -> list[str]:
        return [getattr(s, "name", type(s).__name__) for s in self.stages]

    def document(self, source: Source, region: str | None = None) -> Document:
        """A Document for `source`, with the metadata its input states."""
        given = source.given
        if "region" in given:
            value = given["region"]
            region = value if value in self.gazetteer.divisions else self._given_region(value)
        return Document(
            id=source.id,
            source=source.name or source.path,
            text=clean_text(source.text),
            title=given.get("title"),
            date=parse_date(given["date"]) if "date" in given else None,
            year=parse_year(given["year"]) if "year" in given else None,
            region=region,
            url=given.get("url"),
        )

    def _given_region(self, name: str) -> str | None:
        codes = [code for _, _, code in self._matcher.matches(name, None)]
        return codes[-1] if codes else None


def default_pipeline(gazetteer: Gazetteer | None = None, lexicons: Lexicons | None = None,
                     user_lexicons: list[str] = ()) -> Pipeline:
    """The shipped stages in order; `user_lexicons` are TSV files added to the lexicons."""
    gaz = gazetteer or default_gazetteer()
    lex = lexicons or load(list(user_lexicons))
    matcher = RegionMatcher(gaz)
    pipeline = Pipeline(
        [
            BoilerplateStripper(),
            SentenceSplitter(),
            ReportMetadata(matcher),
            RegionMentions(matcher),
            EnterpriseMentions(lex),
            ParkMentions(gaz, lex),
            IndustryMentions(lex),
            ProjectMentions(lex),
            KnownProjects(),
            ProjectRelations(gaz, lex),
            ParkRelations(gaz),
            RegionIndustries(),
            DropUnusedIndustries(),
            ReportMentions(),
        ],
        gaz,
        safe_prefix=4,
        lexicons=lex,
    )
    if gazetteer is None and lexicons is None:
        texts = [(Path(f).name, Path(f).read_text("utf-8-sig")) for f in user_lexicons]
        pipeline.recipe = Recipe(pipeline_of_texts, {"lexicons": texts}, tuple(pipeline.stage_names))
    return pipeline


def pipeline_of_texts(lexicons: list[tuple[str, str]] = ()) -> Pipeline:
    """The shipped pipeline with user lexicons given as (file name, text): how a worker that
    cannot read the user's files makes the pipeline of a build (file names tell word lists)."""
    with tempfile.TemporaryDirectory(prefix="regionkg-lexicons-") as tmp:
        paths = []
        for n, (name, text) in enumerate(lexicons):
            os.makedirs(os.path.join(tmp, str(n)))
            paths.append(os.path.join(tmp, str(n), name))
            Path(paths[-1]).write_text(text, "utf-8")
        return default_pipeline(user_lexicons=paths)
