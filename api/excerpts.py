"""Source lines as printed: the excerpt of a span read from data/sources/, for the REST answers
and the resource pages. Files are named by the graph; only plain names in that folder are read."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.pipeline import Paths

# A file name the graph gives in pk:sourceFile: `yongchuan_2025_regional_center.txt`
SOURCE_FILE = re.compile(r"^[A-Za-z0-9_.-]+\.txt$")


@lru_cache(maxsize=16)
def _lines(folder: Path, name: str) -> tuple[str, ...]:
    return tuple((folder / name).read_text(encoding="utf-8").splitlines())


def numbered_lines(file: str, start: int, end: int, folder: Path | None = None
                   ) -> list[tuple[int, str]]:
    """Lines start..end (1-based, inclusive) of a source text, each with its number; empty if the
    file is not a source text or the lines are not in it."""
    folder = folder or Paths().sources
    if not SOURCE_FILE.match(file) or not (folder / file).is_file() or start < 1 or end < start:
        return []
    lines = _lines(folder, file)
    return [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)]


def excerpt(file: str, start: int, end: int, folder: Path | None = None) -> str | None:
    lines = numbered_lines(file, start, end, folder)
    return "\n".join(text for _, text in lines) if lines else None
