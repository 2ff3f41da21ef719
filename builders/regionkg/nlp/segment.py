"""Word segmentation and part-of-speech tags with jieba's dictionary and tag set.

Two interchangeable back ends: `rjieba` (jieba-rs, the same dictionary and algorithm in
Rust, ~20× faster, 0.1 s to load) when it is installed, else `jieba` itself. They agree
on the corpus's calls (benchmarks/segmentation_agreement.py measures it); set
REGIONKG_SEGMENTER=jieba to use the Python one.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

_backend: str = ""
_cut: Callable[[str, bool], list[str]]
_tag: Callable[[str, bool], list[tuple[str, str]]]
_known: Callable[[str], bool]


def use(name: str | None = None) -> str:
    """Choose the back end (`rjieba` or `jieba`; default: rjieba when importable)."""
    global _backend, _cut, _tag, _known
    name = name or os.environ.get("REGIONKG_SEGMENTER") or ""
    if name in ("", "rjieba"):
        try:
            import rjieba
        except ImportError:
            if name == "rjieba":
                raise
        else:
            _cut = rjieba.cut
            _tag = lambda text, hmm: [tuple(p) for p in rjieba.tag(text, hmm)]  # noqa: E731
            _known = rjieba.has_word
            _backend = "rjieba"
            return _backend
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    _cut = lambda text, hmm: jieba.lcut(text, HMM=hmm)  # noqa: E731
    _tag = lambda text, hmm: [(p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=hmm)]  # noqa: E731
    _known = lambda word: jieba.dt.FREQ.get(word, 0) > 0 if jieba.dt.initialized or jieba.dt.initialize() is None \
        else False  # noqa: E731
    _backend = "jieba"
    return _backend


def backend() -> str:
    if not _backend:
        use()
    return _backend


def cut(text: str, hmm: bool = True) -> list[str]:
    """The words of `text`."""
    if not _backend:
        use()
    return _cut(text, hmm)


def tag(text: str, hmm: bool = True) -> list[tuple[str, str]]:
    """(word, part-of-speech tag) pairs of `text`, in jieba's tag set."""
    if not _backend:
        use()
    return _tag(text, hmm)


def in_dictionary(word: str) -> bool:
    """True when the dictionary holds `word` as a word of its own (frequency above 0)."""
    if not _backend:
        use()
    return _known(word)
