"""Shared fixtures: the shipped pipeline (loaded once) and the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from regionkg.ingest.sources import Source
from regionkg.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    return default_pipeline()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return CORPUS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    gold = SHARED / "gold" / "dev"
    if not gold.is_dir():
        pytest.skip("../shared/gold is not beside the project")
    return gold


def run(pipeline, text, region=None):
    """The pipeline's document for `text` (a report of `region`, a division code, if given)."""
    given = {"region": region} if region else {}
    return pipeline(pipeline.document(Source("t", "t.txt", text, given)))


def names(doc, kind):
    return {key for (k, key) in doc.entities if k == kind}


def facts(doc, predicate):
    return {(f.subject[1], f.object[1]) for f in doc.facts if f.predicate == predicate}
