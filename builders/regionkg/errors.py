"""Errors that name the input and what is wrong with it."""
from __future__ import annotations


class InputError(Exception):
    """A file (or a line of it) that cannot be read as a report."""

    def __init__(self, path: str, message: str, line: int | None = None, kept: bool = False):
        self.path, self.message, self.line = path, message, line
        self.kept = kept  # the document was still built, in part
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
