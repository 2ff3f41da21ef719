"""Properties every input must keep, and Hypothesis strategies for inputs: shared by
`tests/test_fuzz.py` (a few examples each run) and `benchmarks/fuzz.py` (thousands).

Whatever the text, the built graph parses as Turtle, N-Triples and TriG (with rdflib and
pyoxigraph, the same triples each time), passes the SHACL shapes, and every reified
statement's evidence is text[start:end] of its report's text as built.
"""
from __future__ import annotations

import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import rdflib
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, RdfFormat
from pyoxigraph import parse as ox_parse
from regionkg.builder import build
from regionkg.ingest.sources import make_ids_unique, read_sources
from regionkg.pipeline import default_pipeline
from regionkg.rdf.triples import report_iri
from regionkg.validation import shapes_graph, validate

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RKG = rdflib.Namespace("https://w3id.org/regionkg/ontology#")
DERIVED = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
FORMATS = {"turtle": (RdfFormat.TURTLE, "turtle"), "nt": (RdfFormat.N_TRIPLES, "nt"), "trig": (RdfFormat.TRIG, "trig")}


@lru_cache(maxsize=1)
def pipeline():
    return default_pipeline()


@lru_cache(maxsize=1)
def shapes() -> rdflib.Graph:
    return shapes_graph()


@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[str, ...]:
    """The corpus cut into sentences and lines (empty when the corpus is not beside the project)."""
    out: set[str] = set()
    for path in sorted(CORPUS.rglob("*.txt")) if CORPUS.is_dir() else []:
        for piece in re.split(r"(?<=[。！？；\n])", path.read_text("utf-8")):
            if piece.strip():
                out.add(piece)
    return tuple(sorted(out))


# --- strategies -------------------------------------------------------------------------------

# what breaks serialisers and HTML: quotes, backslashes, brackets, controls, separators, surrogates
NASTY = ['"', "'", '"""', "\\", "\\u0000", "\\n", "<", ">", "&", "<script>alert(1)</script>", "\x00", "\x07",
         "\x1b", "\x7f", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\ufeff", "\ufffd", "\ud800", "\udfff",
         "{", "}", "?x", "@zh", "^^", "_:b", "#", "%", "\t", "\u3000", "-\n", "\n-\n", "。", "“", "”"]
SEPARATORS = ["", "", "\n", "\n\n", "。", "，", " ", "\n-\n"]

any_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=400)


@st.composite
def mixed_text(draw) -> str:
    """Corpus sentences and nasty pieces, shuffled, joined, then cut at random points."""
    sentences = corpus_sentences()
    pool = st.sampled_from(sentences) if sentences else st.text(max_size=40)
    parts = draw(st.lists(st.one_of(pool, pool, pool, st.sampled_from(NASTY)), min_size=1, max_size=40))
    parts = draw(st.permutations(parts))
    text = ""
    for part in parts:
        text += draw(st.sampled_from(SEPARATORS)) + part
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text[start:end] if draw(st.booleans()) else text


@st.composite
def input_file(draw, texts: st.SearchStrategy[str] | None = None) -> tuple[str, bytes]:
    """(file name, bytes): a text as .txt (UTF-8, GB18030, lines of both, cut off anywhere), as
    HTML, or in a JSONL line with metadata."""
    text = draw(texts if texts is not None else mixed_text())
    kind = draw(st.sampled_from(["txt", "txt-gb", "txt-mixed", "txt-cut", "html", "jsonl"]))
    if kind == "txt":
        return "doc.txt", text.encode("utf-8", "surrogatepass")
    if kind == "txt-gb":
        return "doc.txt", text.encode("gb18030", "replace")
    if kind == "txt-mixed":
        lines = text.split("\n")
        return "doc.txt", b"\n".join(ln.encode("gb18030", "replace") if n % 2 else ln.encode("utf-8", "surrogatepass")
                                      for n, ln in enumerate(lines))
    if kind == "txt-cut":
        data = text.encode("utf-8", "surrogatepass")
        return "doc.txt", data[: draw(st.integers(0, len(data)))]
    if kind == "html":
        return "doc.html", f"<html><body><p>{text}</p></body></html>".encode("utf-8", "surrogatepass")
    meta = draw(st.fixed_dictionaries({}, optional={"title": any_text, "date": any_text, "region": any_text,
                                                     "url": any_text, "id": any_text}))
    return "doc.jsonl", (json.dumps({"text": text, **meta}) + "\n").encode("ascii")


# --- the property ----------------------------------------------------------------------------

def check_file(name: str, data: bytes) -> int:
    """Build one input file and check the graph; the number of triples checked."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = build([folder], pipeline=pipeline(), progress=False, jobs=1)
        if not result.documents:
            assert result.errors, "nothing built and nothing said"
            return 0
        texts = built_texts(path)
    graphs = {fmt: parsed(result.serialize(fmt), fmt) for fmt in FORMATS}
    assert graphs["turtle"] == graphs["nt"] == graphs["trig"], "the formats hold different triples"
    g = rdflib.Graph()
    g.parse(data=result.serialize("turtle").decode("utf-8"), format="turtle")
    assert len(g) == len(graphs["turtle"]), "rdflib and pyoxigraph read different graphs"
    report = validate(g, shapes())
    assert report.conforms, "\n".join(report.lines(10))
    check_evidence(g, texts)
    return len(g)


def built_texts(path: Path) -> dict[str, str]:
    """Each report's text as the builder read it, by report IRI."""
    sources, _ = read_sources(path)
    make_ids_unique(sources)
    texts = {}
    for source in sources:
        doc = pipeline()(pipeline().document(source))
        texts[report_iri(doc).value] = doc.text
    return texts


def parsed(data: bytes, fmt: str) -> set:
    """The triples of a serialisation (named graphs merged), read by pyoxigraph and by rdflib."""
    ox = {(q.subject, q.predicate, q.object) for q in ox_parse(data, format=FORMATS[fmt][0])}
    if fmt == "trig":
        assert any(not isinstance(q.graph_name, DefaultGraph) for q in ox_parse(data, format=RdfFormat.TRIG))
        ds = rdflib.Dataset()
        ds.parse(data=data.decode("utf-8"), format="trig")
        count = len({t for c in ds.graphs() for t in c})
    else:
        g = rdflib.Graph()
        g.parse(data=data.decode("utf-8"), format=FORMATS[fmt][1])
        count = len(g)
    assert count == len(ox), f"{fmt}: rdflib reads {count} triples, pyoxigraph {len(ox)}"
    return ox


def check_evidence(g: rdflib.Graph, texts: dict[str, str]) -> None:
    for st_node in g.subjects(rdflib.RDF.type, rdflib.RDF.Statement):
        report = str(g.value(st_node, DERIVED))
        start, end = int(g.value(st_node, RKG.startOffset)), int(g.value(st_node, RKG.endOffset))
        evidence = str(g.value(st_node, RKG.evidence))
        assert texts[report][start:end] == evidence, (report, start, end, evidence)
