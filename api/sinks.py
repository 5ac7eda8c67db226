"""Binary writers for pyoxigraph's serialize() that count solutions as they are written and stop
the writing at the first byte past the Nth (by raising Capped, which pyoxigraph passes on; it
writes in chunks of 8 KiB). pyoxigraph has no way to write only the first N solutions, nor to
build results from solutions read in Python (api/README.md)."""
from __future__ import annotations

import re

# A solution after the first in pyoxigraph's SPARQL JSON: `},{"` and a variable name's first
# character, as in `…"}},{"plan":{"type":"uri"…`. Inside a string every `"` is escaped (`\"`),
# so a `},{"` there is a string's content ending in `},{` and its closing quote, which `}` or `,`
# follows (`{"type":"literal","value":"a},{"}`): never a variable's first character.
NEXT_SOLUTION = re.compile(rb'\},\{"[^},]')
OVERLAP = 4                       # a match is 5 bytes: a new chunk is searched from 4 before it
FIRST_SOLUTION = b'"bindings":[{"'  # the first solution, binding something
EMPTY_SOLUTION = b"{}"            # a solution binding nothing: not counted here (and rare)


class Capped(Exception):
    """Raised by a sink at the first byte past its room, to stop pyoxigraph writing."""


class LineSink:
    """Keeps the first `lines` lines written (a TSV results line is one solution: newlines
    inside terms are escaped) and raises Capped at the first byte past them."""

    def __init__(self, lines: int):
        self.room, self.lines, self.capped = lines, 0, False
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.room == 0:
            self.capped = True
            raise Capped
        ends = data.count(b"\n")
        if ends < self.room:
            self.parts.append(data)
            self.room -= ends
            self.lines += ends
            return len(data)
        at = -1
        for _ in range(self.room):
            at = data.index(b"\n", at + 1)
        self.parts.append(data[:at + 1])
        self.lines += self.room
        self.room = 0
        if at + 1 < len(data):
            self.capped = True
            raise Capped
        return len(data)

    def flush(self) -> None:
        pass

    def kept(self) -> bytes:
        return b"".join(self.parts)


class JsonSink:
    """Keeps pyoxigraph's SPARQL JSON up to its `rows`th solution, closed as a whole document
    when a solution past them starts (Capped raised). `unsure`: a solution binding nothing was
    seen (or a `{}` inside a string), which this count cannot see; the writing stops and the
    answer must be counted another way."""

    def __init__(self, rows: int):
        self.room, self.solutions = rows, 0
        self.capped = self.unsure = False
        self.buffer = bytearray()
        self.after_first = -1  # where the search for later solutions may start

    def write(self, data) -> int:
        if self.capped or self.unsure:  # pyoxigraph writes its buffer again as it lets go
            raise Capped
        start = len(self.buffer)
        self.buffer += data
        if EMPTY_SOLUTION in self.buffer[max(start - 1, 0):]:
            self.unsure = True
            raise Capped
        if self.after_first < 0:
            at = self.buffer.find(FIRST_SOLUTION, max(start - len(FIRST_SOLUTION), 0))
            if at < 0:
                return len(data)
            self.solutions, self.after_first = 1, at + len(FIRST_SOLUTION)
            if self.room == 0:
                return self._cut(at + len(FIRST_SOLUTION) - 2)
        cut = None
        for match in NEXT_SOLUTION.finditer(self.buffer, max(self.after_first, start - OVERLAP)):
            if self.solutions == self.room:
                cut = match.start() + 1
                break
            self.solutions += 1
        if cut is not None:  # after the search, which holds the buffer while it runs
            self._cut(cut)
        return len(data)

    def _cut(self, at: int) -> int:
        """Keep the document up to `at` (the end of the last kept solution) and close it."""
        del self.buffer[at:]
        self.buffer += b"]}}"
        self.capped = True
        raise Capped

    def flush(self) -> None:
        pass

    def kept(self) -> bytes:
        return bytes(self.buffer)
