"""Searching the index kg.search.index wrote: a phrase of 3 characters or more through FTS5's
trigram index, ranked by bm25 with the phrase marked in a snippet; a shorter one by LIKE."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.search.index import INDEX, KINDS, MIN_TRIGRAM, VERSION, SearchIndexError

START, END = "\x02", "\x03"   # what snippet() puts around a match; no plan text holds them
SNIPPET_TOKENS = 40           # a trigram is a token: about as many characters around the phrase
CONTEXT = 30                  # characters either side of the phrase in a LIKE hit's snippet
CHUNK = 500                   # values bound in one IN (…) list
LABELS = {"title", "prefLabel", "altLabel"}   # the fields that name a resource


@dataclass(frozen=True)
class Source:
    file: str
    start_line: int
    end_line: int


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str                     # task, plan, indicator, body (kg.search.index.KINDS)
    plan: str | None              # the plan id of a task or a plan
    title: str
    number: int | None
    task_kind: str | None         # a task's pk:kind
    field: str                    # where the best match is: title, text, prefLabel, altLabel
    in_label: bool                # whether the phrase is in a title or a name of the resource
    snippet: str
    marks: list[tuple[int, int]]  # [start, end) of each match in the snippet
    score: float | None           # bm25 (lower is better); None for a LIKE search
    sources: list[Source]


def parse_snippet(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet with START/END markers → its text and the matches' offsets in it."""
    text, marks, start = [], [], None
    length = 0
    for char in marked:
        if char == START:
            start = length
        elif char == END and start is not None:
            marks.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), marks


def like_snippet(body: str, phrase: str) -> tuple[str, list[tuple[int, int]]]:
    """The phrase in context, for a LIKE hit (snippet() needs a MATCH): every occurrence in the
    window marked, matched case-insensitively as LIKE does."""
    lower, needle = body.lower(), phrase.lower()
    at = max(lower.find(needle), 0)
    start, end = max(at - CONTEXT, 0), min(at + len(phrase) + CONTEXT, len(body))
    prefix = "…" if start else ""
    marks, found = [], lower.find(needle, start)
    while needle and found >= 0 and found + len(needle) <= end:
        marks.append((found - start + len(prefix), found - start + len(prefix) + len(needle)))
        found = lower.find(needle, found + len(needle))
    return prefix + body[start:end] + ("…" if end < len(body) else ""), marks


def match_expression(phrase: str) -> str:
    """The phrase as one FTS5 string (double quotes doubled), matched as a substring."""
    return '"' + phrase.replace('"', '""') + '"'


def like_pattern(phrase: str) -> str:
    return "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class SearchIndex:
    """A build's search index, opened read-only once: the open file stays the one searched even
    when a later build swaps a new folder in (the server's store is the old build's too)."""

    def __init__(self, path: Path):
        if not path.exists():
            raise SearchIndexError(f"{path} does not exist: run `plankg build` to write it")
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.lock = threading.Lock()
        version = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if not version or version[0] != VERSION:
            raise SearchIndexError(f"{path} is an index of another version: run `plankg build`")

    @classmethod
    def of_build(cls, build: Path) -> SearchIndex | None:
        """The index of the build in `build`, or None if it has none (built by a remote store's
        user, or by an older plankg)."""
        return cls(build / INDEX) if (build / INDEX).exists() else None

    def search(self, phrase: str, kinds: set[str] | None = None, plan: str | None = None,
               limit: int | None = None) -> list[Hit]:
        """The resources whose texts contain `phrase` (case-insensitively), best first."""
        unknown = (kinds or set()) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds {sorted(unknown)}: the kinds are {sorted(KINDS)}")
        where, values = [], []
        if kinds:
            where.append(f"r.kind IN ({', '.join('?' for _ in kinds)})")
            values += sorted(kinds)
        if plan is not None:
            where.append("r.plan = ?")
            values.append(plan)
        filters = "".join(f" AND {w}" for w in where)
        with self.lock:
            if len(phrase) >= MIN_TRIGRAM:
                rows = self.db.execute(
                    "SELECT text.rowid, e.iri, e.field, bm25(text) FROM text"
                    " JOIN entry e ON e.id = text.rowid JOIN resource r ON r.iri = e.iri"
                    f" WHERE text MATCH ?{filters} ORDER BY bm25(text), e.iri, e.field",
                    [match_expression(phrase), *values]).fetchall()
            else:
                # Under 3 characters the trigram index cannot answer: a scan of the same table
                # with LIKE. The `+` keeps SQLite from handing LIKE to FTS5, which (3.40) answers
                # a pattern that short with no rows instead of scanning.
                rows = self.db.execute(
                    "SELECT text.rowid, e.iri, e.field, NULL FROM text"
                    " JOIN entry e ON e.id = text.rowid JOIN resource r ON r.iri = e.iri"
                    f" WHERE +text.body LIKE ? ESCAPE '\\'{filters}"
                    " ORDER BY r.kind, e.iri, e.field", [like_pattern(phrase), *values]).fetchall()
            return self._hits(rows, phrase, limit)

    def _hits(self, rows: list[tuple], phrase: str, limit: int | None) -> list[Hit]:
        best: dict[str, tuple] = {}
        labelled: set[str] = set()
        for row in rows:
            best.setdefault(row[1], row)
            if row[2] in LABELS:
                labelled.add(row[1])
        chosen = list(best.values())[:limit]
        snippets = self._snippets([row[0] for row in chosen], phrase)
        about = self._about([row[1] for row in chosen])
        hits = []
        for rowid, iri, field, score in chosen:
            kind, plan, title, number, task_kind, sources = about[iri]
            snippet, marks = snippets[rowid]
            hits.append(Hit(iri, kind, plan, title, number, task_kind, field, iri in labelled,
                            snippet, marks, score, sources))
        return hits

    def _snippets(self, rowids: list[int], phrase: str) -> dict[int, tuple[str, list]]:
        if len(rowids) > CHUNK:
            return {k: v for at in range(0, len(rowids), CHUNK)
                    for k, v in self._snippets(rowids[at:at + CHUNK], phrase).items()}
        if not rowids:
            return {}
        marks = ", ".join("?" for _ in rowids)
        if len(phrase) >= MIN_TRIGRAM:
            rows = self.db.execute(
                f"SELECT rowid, snippet(text, 0, '{START}', '{END}', '…', {SNIPPET_TOKENS})"
                f" FROM text WHERE text MATCH ? AND rowid IN ({marks})",
                [match_expression(phrase), *rowids])
            return {rowid: parse_snippet(marked) for rowid, marked in rows}
        rows = self.db.execute(f"SELECT rowid, body FROM text WHERE rowid IN ({marks})", rowids)
        return {rowid: like_snippet(body, phrase) for rowid, body in rows}

    def _about(self, iris: list[str]) -> dict[str, tuple]:
        if len(iris) > CHUNK:
            return {k: v for at in range(0, len(iris), CHUNK)
                    for k, v in self._about(iris[at:at + CHUNK]).items()}
        if not iris:
            return {}
        marks = ", ".join("?" for _ in iris)
        about = {iri: [kind, plan, title, number, task_kind, []]
                 for iri, kind, plan, title, number, task_kind in self.db.execute(
                     "SELECT iri, kind, plan, title, number, task_kind FROM resource"
                     f" WHERE iri IN ({marks})", iris)}
        for iri, file, start, end in self.db.execute(
                f"SELECT iri, file, start_line, end_line FROM source WHERE iri IN ({marks})"
                " ORDER BY file, start_line", iris):
            about[iri][5].append(Source(file, start, end))
        return {iri: tuple(values) for iri, values in about.items()}
