"""Source lines as printed: the excerpt of a span, for the REST answers and the resource pages.
A .txt plan's lines are read from data/sources/; a PDF, DOCX or HTML plan's from the lines the
build read from it (data/build/texts/{file}.txt). Files are named by the graph; only plain names
in those folders are read."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.extract.documents import FORMATS
from kg.build.parts import text_file
from kg.paths import Paths

# A file name the graph gives in pk:sourceFile: `yongchuan_2025_regional_center.txt`, `plan.docx`
SOURCE_FILE = re.compile(r"^[A-Za-z0-9_.-]+\.(?P<suffix>[A-Za-z]+)$")


@lru_cache(maxsize=16)
def _lines(path: Path, text: bool, stamp: int) -> tuple[str, ...]:
    content = path.read_text(encoding="utf-8")
    return tuple(content.splitlines() if text else content.split("\n"))


def _source(file: str, folder: Path | None, build: Path | None) -> tuple[Path, bool] | None:
    """The file holding the lines of `file`'s spans, and whether it is the plan text itself."""
    match = SOURCE_FILE.match(file)
    suffix = f".{match.group('suffix').lower()}" if match else ""
    if suffix not in FORMATS:
        return None
    if FORMATS[suffix] == "txt":
        return (folder or Paths().sources) / file, True
    return text_file(build or Paths().build, file), False


def numbered_lines(file: str, start: int, end: int, folder: Path | None = None,
                   build: Path | None = None) -> list[tuple[int, str]]:
    """Lines start..end (1-based, inclusive) of a plan's source, each with its number; empty if
    the file is not a plan source or the lines are not in it."""
    source = _source(file, folder, build)
    if source is None or not source[0].is_file() or start < 1 or end < start:
        return []
    path, text = source
    lines = _lines(path, text, path.stat().st_mtime_ns)   # a new build replaces a document's lines
    return [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)]


def excerpt(file: str, start: int, end: int, folder: Path | None = None,
            build: Path | None = None) -> str | None:
    lines = numbered_lines(file, start, end, folder, build)
    return "\n".join(text for _, text in lines) if lines else None
