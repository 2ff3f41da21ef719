"""A report's graph as a build keeps it between extraction and output."""
from __future__ import annotations

import tempfile

from pyoxigraph import RdfFormat, parse, serialize

from .ntriples import PREFIX_HEADER, turtle_body
from .vocab import RESOURCE_PATHS, RKGR

_STATEMENT_SUBJECT = f"<{RKGR}{RESOURCE_PATHS['Statement']}/".encode()


class Spill:
    """A temporary file where a build parks what it writes out only at the end (the
    reports' statements, most of a graph), so memory does not grow with them."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="regionkg-")

    def park(self, data: bytes) -> tuple[int, int]:
        offset = self._file.seek(0, 2)
        self._file.write(data)
        return offset, len(data)

    def read(self, offset: int, length: int) -> bytes:
        self._file.seek(offset)
        return self._file.read(length)


class ReportGraph:
    """A report's own triples: N-Triples for all but the reified statements, and the
    statements as Turtle blocks (prefixes of PREFIXES, sorted by statement IRI).
    Statements are most of a graph and no other report shares their nodes, so they are
    written once, by the worker that extracts the report, and can wait on disk."""

    __slots__ = ("_count", "_parked", "_statements", "ntriples")

    def __init__(self, ntriples: bytes, statements: bytes = b""):
        self.ntriples = ntriples
        self._statements = statements
        self._parked: tuple[Spill, int, int] | None = None
        self._count = statements.count(b" .\n")     # a block's last line; literals hold no raw newline

    def __getstate__(self):
        return (self.ntriples, self.statements)

    def __setstate__(self, state) -> None:
        self.__init__(*state)

    @property
    def statements(self) -> bytes:
        if self._parked is not None:
            return self._parked[0].read(*self._parked[1:])
        return self._statements

    def park(self, spill: Spill) -> None:
        """Move the statements to `spill` until they are asked for."""
        if self._parked is None and self._statements:
            self._parked = (spill, *spill.park(self._statements))
            self._statements = b""

    def statement_count(self) -> int:
        return self._count

    def statement_triples(self) -> int:
        """How many triples the statements hold: one per line of their blocks."""
        statements = self.statements
        return statements.count(b" ;\n") + statements.count(b" .\n")

    def statements_ntriples(self) -> bytes:
        statements = self.statements
        if not statements:
            return b""
        return serialize(parse(PREFIX_HEADER + statements, format=RdfFormat.TURTLE), format=RdfFormat.N_TRIPLES)

    def all_ntriples(self) -> bytes:
        return self.ntriples + self.statements_ntriples()

    @classmethod
    def from_ntriples(cls, data: bytes) -> ReportGraph:
        """Split N-Triples (as a store gives them back) the way a build keeps them."""
        statements, rest = [], []
        for x in data.split(b"\n"):
            if x:
                (statements if x.startswith(_STATEMENT_SUBJECT) else rest).append(x)
        return cls(b"".join(x + b"\n" for x in rest), turtle_body(sorted(set(statements))))
