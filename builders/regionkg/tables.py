"""Rows for people and programs: an aligned text table, CSV, TSV or JSON, written the
same way by every command that prints rows (`query`, `chains`)."""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from typing import TextIO

FORMATS = ("table", "csv", "tsv", "json")


def write_rows(columns: list[str], rows: list[list[str]], fmt: str = "table", out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1), file=out)
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        print(text_table(columns, rows), file=out)


def text_table(columns: list[str], rows: list[list[str]]) -> str:
    """An aligned text table; CJK characters count two columns wide."""

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    def cell(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= 60 else text[:59] + "…"

    rows = [[cell(c) for c in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c + " " * (w - width(c)) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)
