"""Errors that name the input and what is wrong with it."""
from __future__ import annotations


class InputError(Exception):
    """A file (or a line of it) that cannot be read as a report."""

    def __init__(self, path: str, message: str, line: int | None = None, kept: bool = False):
        self.path, self.message, self.line = path, message, line
        self.kept = kept  # the document was still built, in part
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


def merged(errors: list[InputError]) -> list[InputError]:
    """One error per file (and line), in order: messages about the same place joined with "; "."""
    by_place: dict[tuple[str, int | None], InputError] = {}
    for e in errors:
        first = by_place.get((e.path, e.line))
        if first is None:
            by_place[(e.path, e.line)] = e
        else:
            by_place[(e.path, e.line)] = InputError(first.path, f"{first.message}; {e.message}", first.line,
                                                    kept=first.kept and e.kept)
    return list(by_place.values())


def no_date(path: str) -> InputError:
    """The note for a report built without a date."""
    return InputError(path, "no date found in the text: the report is built without one", kept=True)
