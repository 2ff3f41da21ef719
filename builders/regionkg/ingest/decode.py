"""Turn the bytes of a file into text, detecting the encoding.

Real reports arrive as UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030/GBK.
UTF-8 is tried strictly first (it almost never decodes text of another
encoding), then GB18030 (a superset of GBK and GB2312), then whatever
charset-normalizer finds. Binary files are refused, not guessed at.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import InputError

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a zip archive (or an Office document)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Replace characters no RDF syntax can carry (lone surrogates, C0 controls
    other than tab and newlines) by U+FFFD, keeping every offset."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("\ufffd", text)


def decode(data: bytes, path: str) -> str:
    """Decode `data` read from `path`; raise InputError when it is not text."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"not a text file: looks like {what}")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError(path, "not a text file: it holds NUL bytes")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "cannot decode: not UTF-8, GB18030 or another known encoding")
    return str(best)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {encoding}: bad byte at offset {exc.start}") from exc
