"""Split a document's text into sentences on Chinese and Western end punctuation.

A sentence ends after 。！？!? (and any closing quotes or brackets that follow)
or at a line break; a line is a paragraph. Leading and trailing white space is
left out of the span, so `text[start:end]` is the sentence as written.
Sentences longer than MAX_CHARS are cut at a comma or semicolon where one is
near, so one endless line cannot make an endless evidence string.
"""
from __future__ import annotations

import re

from ..document import Document, Sentence
from ..stages import stage

MAX_CHARS = 1000
_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\]]*|\n|$)")
_SOFT_BREAK = re.compile(r"[，,；;、]")
_SPACE = " \t\r\u3000\xa0"


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    for m in _END.finditer(text):
        start, end = m.start(), m.end()
        if start == end:
            continue
        newline = text[end - 1] == "\n"
        for s, e in _cut_long(text, start, end):
            while s < e and text[s] in _SPACE + "\n":
                s += 1
            while e > s and text[e - 1] in _SPACE + "\n":
                e -= 1
            if e > s:
                sentences.append(Sentence(s, e, paragraph))
        if newline:
            paragraph += 1
    return sentences


def _cut_long(text: str, start: int, end: int):
    while end - start > MAX_CHARS:
        window_end = start + MAX_CHARS
        cut = None
        for m in _SOFT_BREAK.finditer(text, start + MAX_CHARS // 2, window_end):
            cut = m.end()
        cut = cut or window_end
        yield start, cut
        start = cut
    yield start, end


@stage("sentences", requires=("clean-text",), assigns=("sentences",))
class SentenceSplitter:
    """Pipeline stage: fill `doc.sentences`."""


    def __call__(self, doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text)
        return doc
