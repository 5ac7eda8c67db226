"""Sorted, distinct N-Triples lines held as one UTF-8 buffer and an array of offsets.

A Python string costs about 560 bytes a line of the registry's (its header, and two bytes a
character once a line holds a Chinese name); here a line costs its UTF-8 bytes and eight bytes of
offset. The shared graph of 10,000 plans (about two million lines, most of them the registry's)
took about 1 GiB of the build's process as a list of strings, from before the first plan to the
last part validated. A line is decoded when it is read: iterating decodes a block at a time, and
indexing one line (bisection: `kg.build.rebuild.about`) decodes that line only.

UTF-8 keeps the order of code points, so lines sorted as strings are sorted as bytes.
"""
from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

_BLOCK = 65_536   # lines decoded at once by iteration


class Lines(Sequence[str]):
    """Lines (without their newline) in the order they were given; `of` and `union` are how a
    sorted, distinct set of them is made."""

    __slots__ = ("_text", "_starts")

    def __init__(self, text: bytearray, starts: array):
        self._text = text        # every line followed by "\n"
        self._starts = starts    # line i is text[starts[i]:starts[i + 1] - 1]; len = lines + 1

    @classmethod
    def of(cls, lines: Iterable[str]) -> Lines:
        """The lines in the order given (callers give them sorted and distinct)."""
        text = bytearray()
        starts = array("Q", [0])
        block: list[str] = []
        for line in lines:
            block.append(line)
            if len(block) == _BLOCK:
                cls._extend(text, starts, block)
                block.clear()
        cls._extend(text, starts, block)
        return cls(text, starts)

    @staticmethod
    def _extend(text: bytearray, starts: array, block: list[str]) -> None:
        encoded = [line.encode() for line in block]
        end = starts[-1]
        for line in encoded:
            end += len(line) + 1
            starts.append(end)
        if encoded:
            text += b"\n".join(encoded) + b"\n"

    @classmethod
    def union(cls, *sorted_lines: Iterable[str]) -> Lines:
        """The distinct lines of several sorted runs, sorted."""
        def distinct() -> Iterator[str]:
            last = None
            for line in heapq.merge(*sorted_lines):
                if line != last:
                    yield line
                    last = line
        return cls.of(distinct())

    def __reduce__(self):
        return Lines, (self._text, self._starts)

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(first, stop, step)]
            if stop <= first:
                return []
            return self._text[self._starts[first]:self._starts[stop] - 1].decode().split("\n")
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line index out of range")
        return self._text[self._starts[index]:self._starts[index + 1] - 1].decode()

    def __iter__(self) -> Iterator[str]:
        for first in range(0, len(self), _BLOCK):
            yield from self[first:first + _BLOCK]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self._text == other._text
        if isinstance(other, list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None   # type: ignore[assignment]   # compared by content, like a list

    def __repr__(self) -> str:
        return f"Lines({len(self):,} lines, {len(self._text):,} bytes)"

    @property
    def nbytes(self) -> int:
        """What the lines hold in memory, their buffer and offsets."""
        return len(self._text) + self._starts.itemsize * len(self._starts)
