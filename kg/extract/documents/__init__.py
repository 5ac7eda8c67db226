"""Plan documents (.txt, PDF, DOCX, HTML) read into lines the text parsers read, each line with
where it is in the original (page and line, paragraph, table row, element path).

The format is the suffix's, checked against the content; caps on size refuse hostile input
before any library reads it; the library then reads in a child process under a time and a
memory cap (capped.py), and whatever it raises becomes a DocumentError.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.documents.capped import MEMORY, SECONDS, run_capped
from kg.extract.documents.errors import DocumentError
from kg.extract.documents.sniff import looks_like
from kg.extract.glyphs import normalise

__all__ = ["Document", "DocumentError", "read_document", "FORMATS", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024   # no plan document comes near it; a larger file is refused unread
# A document reader's caps: wall seconds, and bytes of memory over its parent's (capped.py)
CAPS = [SECONDS, MEMORY]
# the suffixes read, and the format each claims
FORMATS = {".txt": "txt", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class Document:
    """One document as lines in reading order; `locations[i]` says where `lines[i]` is."""

    file: str                       # the name spans cite (the file name)
    format: str                     # "txt" | "pdf" | "docx" | "html"
    lines: tuple[str, ...]
    locations: tuple[str, ...]      # "l.12", "p.3 l.12", "paragraph 14", "table 2 row 3", …
    metadata: dict[str, str] = field(default_factory=dict)   # as the container says, never guessed

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def page_starts(self) -> list[int] | None:
        """The 0-based lines each page starts on, for a PDF (its locations name pages: "p.3 …")."""
        if self.format != "pdf":
            return None
        starts, page = [], None
        for index, where in enumerate(self.locations):
            number = where.split(" ", 1)[0]
            if number != page:
                starts.append(index)
                page = number
        return starts


def read_document(path: Path) -> Document:
    """The document at `path`, or a DocumentError naming the file, where, and why not."""
    path = Path(path)
    name = path.name
    claimed = FORMATS.get(path.suffix.lower())
    if claimed is None:
        raise DocumentError(name, "", f"unsupported file type {path.suffix or '(no suffix)'!r}: "
                            f"plankg reads {', '.join(sorted(FORMATS))}")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DocumentError(name, "", f"cannot be read ({error.strerror})") from error
    if size > MAX_BYTES:
        raise DocumentError(name, "", f"{size / 2**20:.0f} MB is over the {MAX_BYTES // 2**20} MB "
                            "a plan document may have")
    with path.open("rb") as handle:
        head = handle.read(4096)
    actual = looks_like(head, path)
    _check_format(name, claimed, actual)
    lines, locations, metadata = _read(path, claimed)
    # radicals a PDF's fonts gave for ideographs, full-width digits …: kg.extract.glyphs
    lines = [normalise(line) for line in lines]
    metadata = {key: normalise(value) for key, value in metadata.items()}
    if len(lines) != len(locations):
        raise AssertionError(f"{name}: {len(lines)} lines but {len(locations)} locations")
    if not any(line.strip() for line in lines):
        reason = ("no text layer: a scanned PDF needs OCR first" if claimed == "pdf"
                  else "no text at all")
        raise DocumentError(name, "", reason)
    return Document(name, claimed, tuple(lines), tuple(locations), metadata)


# what each format must look like: a .pdf a PDF, a .docx a Word zip, a .html an HTML or a text
TEXTS = {"plain text", "an HTML page", "text that is not UTF-8"}   # an HTML page may be in GBK
ACCEPTED = {"pdf": {"a PDF"}, "docx": {"a DOCX"}, "html": TEXTS, "txt": TEXTS}


def _check_format(name: str, claimed: str, actual: str) -> None:
    if actual not in ACCEPTED[claimed]:
        raise DocumentError(name, "", f"named .{claimed} but the content is {actual}")


def _read(path: Path, claimed: str) -> tuple[list[str], list[str], dict[str, str]]:
    if claimed == "txt":
        return _read_text(path)
    from kg.extract.documents import pdf, web, word   # the readers load their libraries lazily

    reader = {"pdf": pdf.read_pdf, "docx": word.read_docx, "html": web.read_html}[claimed]
    return run_capped(reader, path, claimed.upper(), *CAPS)


def _read_text(path: Path) -> tuple[list[str], list[str], dict[str, str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise DocumentError(path.name, f"l.{line}", f"not UTF-8 text ({error.reason} at byte "
                            f"{error.start}); save it as UTF-8") from error
    lines = text.split("\n")
    return lines, [f"l.{n}" for n in range(1, len(lines) + 1)], {}
