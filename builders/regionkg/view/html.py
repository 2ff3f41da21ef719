"""What every RegionKG page shares: data as JSON a <script> block cannot escape, CSP
hashes for the inline script and style, the page assets, and the table of sentences and
reports that evidence items point into (each sentence stored once)."""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import resources

from markupsafe import Markup


def json_for_script(data) -> str:
    """JSON that cannot close or open a tag inside a <script> block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def csp_hash(text: str) -> Markup:
    """The CSP source that lets exactly this inline script or style run."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(f"'sha256-{digest}'")


def asset(name: str) -> str:
    """A template, script or style of the view package."""
    return resources.files("regionkg.view").joinpath(name).read_text("utf-8")


def page_script(name: str) -> str:
    """A page's script with the shared helpers (common.js) before it, as one block."""
    return asset("common.js") + "\n" + asset(name)


class EvidenceTable:
    """The sentences and reports a page cites: items are indexes into `sentences`, each
    [text, report index], and `reports` holds {title, year, region} per report."""

    def __init__(self, reports: Mapping[str, Mapping[str, str]]):
        order = sorted(reports, key=lambda r: (reports[r]["year"], reports[r]["region"], reports[r]["title"], r))
        self.report_index = {r: i for i, r in enumerate(order)}
        self.reports = [{k: reports[r][k] for k in ("title", "year", "region")} for r in order]
        self.sentences: list[list] = []
        self._index: dict[tuple[str, str], int] = {}

    def items(self, evidence: Iterable[tuple[str, str]]) -> list[int]:
        """Indexes of (text, report IRI) pairs, in the order given; an unknown report is -1."""
        out = []
        for text, report in evidence:
            key = (text, report)
            if key not in self._index:
                self._index[key] = len(self.sentences)
                self.sentences.append([text, self.report_index.get(report, -1)])
            out.append(self._index[key])
        return out
