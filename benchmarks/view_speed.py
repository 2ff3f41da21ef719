#!/usr/bin/env python3
"""How fast the network page of the whole corpus is ready and how it moves, in headless
Chromium at 1600×1000, next to the page of an earlier revision in the same run.

    python benchmarks/view_speed.py [--corpus DIR] [--baseline REV] [--times 10] [--rounds 3]

Builds the corpus into a temporary store and draws its page with this checkout; with
--baseline, also with the `builders/` of that git revision (git archive, run with
PYTHONPATH), on the same store. Opens each page --rounds times, alternating, with every
request but the page refused, and times navigation → `body[data-ready]` (the graph drawn
and the page usable). Then, on one page of each, the frame times while dragging the graph
and while zooming with the wheel (the way a person moves it; vis-network hides edges then)
and of a full redraw. With --times N (default 10), also a graph of N copies of the corpus
graph (every resource IRI but industries and chains given a copy suffix) and its page.
Prints the figures and the ready-time ratio. Not a test; figures depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCE = "https://w3id.org/regionkg/resource/"
SHARED = ("chain/", "industry/")          # one per corpus however many reports there are
VIEWPORT = {"width": 1600, "height": 1000}

RECORD = """() => { window.__frames = []; window.__stop = false; let last = performance.now();
  (function tick() { const t = performance.now(); window.__frames.push(t - last); last = t;
    if (!window.__stop) requestAnimationFrame(tick); })(); }"""
STOP = "() => { window.__stop = true; return window.__frames.slice(1); }"
REDRAW = """() => { const n = (window.regionkgView || window).network, times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); n.redraw(); n.renderer._redraw(); times.push(performance.now() - t); }
  return times; }"""


def regionkg(args: list[str], builders: Path | None = None) -> None:
    env = dict(os.environ)
    if builders is not None:
        env["PYTHONPATH"] = str(builders)
    subprocess.run([sys.executable, "-m", "regionkg", *args], check=True, env=env)


def baseline_builders(rev: str, into: Path) -> Path:
    """The `builders/` (and the ontology its data files link to) of a git revision."""
    archive = into / "baseline.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "builders", "ontology", "queries"], check=True,
                       stdout=out)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "baseline", filter="tar")
    return into / "baseline" / "builders"


def copies(graph: Path, times: int, out: Path) -> None:
    """N-Triples of `times` copies of a graph, resource IRIs suffixed per copy."""
    import rdflib

    g = rdflib.Graph()
    g.parse(graph)

    def renamed(term, k: int):
        if k and isinstance(term, rdflib.URIRef) and term.startswith(RESOURCE) \
                and not term[len(RESOURCE):].startswith(SHARED):
            return rdflib.URIRef(f"{term}-copy{k}")
        return term

    with out.open("w", encoding="utf-8") as f:
        for k in range(times):
            for s, p, o in g:
                f.write(f"{renamed(s, k).n3()} {p.n3()} {renamed(o, k).n3()} .\n")


def only(url: str):
    """A route handler that lets the page itself load and refuses every other request."""
    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()
    return handle


def measure(pages: dict[str, Path], rounds: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    results: dict[str, dict] = {name: {"ready": []} for name in pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
        for r in range(rounds):
            for name in (list(pages) if r % 2 == 0 else list(reversed(pages))):
                page = browser.new_page(viewport=VIEWPORT)
                url = pages[name].resolve().as_uri()
                page.route("**/*", only(url))
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("body[data-ready=true]", timeout=300_000)
                results[name]["ready"].append(time.perf_counter() - start)
                if r == 0:
                    results[name].update(moving(page))
                page.close()
        browser.close()
    return results


def moving(page) -> dict[str, list[float]]:
    out = {"redraw": page.evaluate(REDRAW)}
    for kind in ("drag", "wheel"):
        page.mouse.move(800, 500)
        page.evaluate(RECORD)
        if kind == "drag":
            page.mouse.down()
            for i in range(40):
                page.mouse.move(800 + 8 * i, 500 + 4 * i)
            page.mouse.up()
        else:
            for i in range(24):
                page.mouse.wheel(0, -80 if i < 12 else 80)
                page.wait_for_timeout(16)
        page.wait_for_timeout(100)
        out[kind] = page.evaluate(STOP)
    return out


def describe(name: str, figures: dict) -> str:
    ready = figures["ready"]
    line = f"{name}: ready {statistics.median(ready):.2f} s (median of {', '.join(f'{t:.2f}' for t in ready)})"
    for kind in ("drag", "wheel", "redraw"):
        if kind in figures:
            t = sorted(figures[kind])
            line += f"; {kind} frames median {t[len(t) // 2]:.0f} ms, p90 {t[int(len(t) * 0.9)]:.0f} ms"
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--baseline", help="a git revision whose page to measure next to this one")
    ap.add_argument("--times", type=int, default=10, help="copies of the corpus graph for the large page (0: none)")
    ap.add_argument("--rounds", type=int, default=3)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        store, graph = tmp / "store", tmp / "corpus.ttl"
        regionkg(["build", str(opts.corpus), "-o", str(graph), "--store", str(store), "-q", "-j", "2"])
        pages = {"this checkout": tmp / "page.html"}
        regionkg(["view", "--store", str(store), "-o", str(pages["this checkout"])])
        if opts.baseline:
            pages[f"baseline {opts.baseline}"] = tmp / "baseline.html"
            regionkg(["view", "--store", str(store), "-o", str(pages[f"baseline {opts.baseline}"])],
                     baseline_builders(opts.baseline, tmp))
        results = measure(pages, opts.rounds)
        for name, figures in results.items():
            print(describe(name, figures))
        if opts.baseline:
            new, old = (statistics.median(results[n]["ready"]) for n in pages)
            print(f"ready-time ratio this/baseline: {new / old:.2f}")
        if opts.times > 1:
            big_graph, big_page = tmp / "copies.nt", tmp / "copies.html"
            copies(graph, opts.times, big_graph)
            start = time.perf_counter()
            regionkg(["view", "--graph", str(big_graph), "-o", str(big_page)])
            print(f"{opts.times}× the corpus: page written in {time.perf_counter() - start:.0f} s")
            print(describe(f"{opts.times}× the corpus", measure({"big": big_page}, 1)["big"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
