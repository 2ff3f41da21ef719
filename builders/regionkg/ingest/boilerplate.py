"""Remove web boilerplate (navigation, widgets, disclaimers) line by line.

The rules are data: `data/boilerplate.tsv`. Dropped lines are kept aside as
header lines, since publication dates live there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    action: str  # "drop" or "cut"
    pattern: re.Pattern[str]


def _compile(match: str, pattern: str) -> re.Pattern[str]:
    if match == "exact":
        return re.compile(re.escape(pattern))
    if match == "prefix":
        return re.compile(re.escape(pattern) + ".*")
    if match == "regex":
        return re.compile(pattern)
    raise ValueError(f"unknown match kind {match!r}")


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """Read boilerplate rules from a TSV file (the shipped one by default)."""
    if path is None:
        text = resources.files("regionkg.data").joinpath("boilerplate.tsv").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    rules = []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        action, match, pattern, *_ = line.split("\t")
        if action not in ("drop", "cut"):
            raise ValueError(f"boilerplate rule with unknown action {action!r}: {line}")
        rules.append(Rule(action, _compile(match, pattern)))
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


def strip_boilerplate(text: str, rules: tuple[Rule, ...] | None = None) -> tuple[str, list[str]]:
    """Return (cleaned text, removed lines).

    Lines keep their order and line breaks; removed lines disappear entirely.
    A "cut" rule ends the document only in its second half.
    """
    rules = default_rules() if rules is None else rules
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    removed: list[str] = []
    half = len(text) // 2
    pos = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        action = None
        if stripped and len(stripped) <= 200:
            for rule in rules:
                if rule.pattern.fullmatch(stripped):
                    action = rule.action
                    break
        if action == "cut" and pos >= half:
            removed.extend(ln.strip() for ln in lines[i:])
            break
        if action is not None:
            removed.append(stripped)
        else:
            kept.append(line)
        pos += len(line)
    return "".join(kept), removed
