"""Turn the bytes of a file into text, detecting the encoding.

Real reports arrive as UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030/GBK.
UTF-8 is tried strictly first (it almost never decodes text of another
encoding), then GB18030 (a superset of GBK and GB2312), then whatever
charset-normalizer finds. Binary files are refused, not guessed at.

Text that is only slightly off is read, with a note saying what was done: a file
cut off in the middle of a character (a half-finished download) loses that
character; a file whose lines mix UTF-8 and GB18030 is decoded line by line.
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
    b"PK\x05\x06": "an empty zip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"BZh": "a bzip2 archive",
    b"\x28\xb5\x2f\xfd": "a zstd archive",
    b"\x7fELF": "an executable",
}
_CUT = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_NOT_CHINESE = re.compile("[^\x00-\x7f\u00b7\u2010-\u2027\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Replace characters no RDF syntax can carry (lone surrogates, C0 controls
    other than tab and newlines) by U+FFFD, keeping every offset."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("\ufffd", text)


def decode(data: bytes, path: str, notes: list[str] | None = None) -> str:
    """Decode `data` read from `path`; raise InputError when it is not text.

    `notes` receives a line for each repair: a character cut off at the end, mixed encodings.
    """
    notes = [] if notes is None else notes
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"not a text file: looks like {what}")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path, notes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path, notes)
    if b"\x00" in data[:4096]:
        raise InputError(path, "not a text file: it holds NUL bytes")
    try:
        return _allow_cut(data, "utf-8", notes)
    except UnicodeDecodeError:
        pass
    mixed = _by_line(data)
    if mixed is not None:
        text, lines = mixed
        shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        notes.append(f"mixed encodings: line{'s' if len(lines) > 1 else ''} {shown} read as GB18030, the rest as UTF-8")
        return text
    try:
        return _allow_cut(data, "gb18030", notes)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "cannot decode: not UTF-8, GB18030 or another known encoding")
    text = str(best)
    if not _HAN.search(text):
        raise InputError(path, f"cannot decode: not UTF-8 or GB18030, and as {best.encoding} it holds no Chinese text")
    return text


def _allow_cut(data: bytes, encoding: str, notes: list[str]) -> str:
    """Decode strictly, but let a file end in the middle of a character (a download cut off)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason not in _CUT or exc.end != len(data) or len(data) - exc.start > 3:
            raise
        text = data[: exc.start].decode(encoding)
        notes.append(f"the file ends in the middle of a character (cut off?): its last {len(data) - exc.start} "
                     f"byte{'s' if len(data) - exc.start > 1 else ''} left out")
        return text


def _by_line(data: bytes) -> tuple[str, list[int]] | None:
    """Lines of UTF-8 Chinese mixed with lines that only GB18030 decodes: (text, GB18030 line numbers)."""
    parts, gb_lines, utf8_han = [], [], 0
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            text = line.decode("utf-8")
            if not _NOT_CHINESE.search(text):
                utf8_han += len(_HAN.findall(text))
                parts.append(text)
                continue
        except UnicodeDecodeError:
            pass
        try:
            parts.append(line.decode("gb18030"))
        except UnicodeDecodeError:
            return None
        gb_lines.append(number)
    if not gb_lines or utf8_han < 6:
        return None
    return "\n".join(parts), gb_lines


def _strict(data: bytes, encoding: str, path: str, notes: list[str]) -> str:
    try:
        return _allow_cut(data, encoding, notes)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {encoding}: bad byte at offset {exc.start}") from exc
