"""Searching the index kg.search.index wrote: a phrase of 3 characters or more through FTS5's
trigram index, ranked by bm25 with the phrase marked in a snippet; a shorter one by LIKE."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.search.index import INDEX, KINDS, MIN_TRIGRAM, VERSION, SearchIndexError

CONTEXT = 30                  # characters either side of the phrase in a snippet
CHUNK = 500                   # values bound in one IN (…) list
# the order of a LIKE search's hits without limit: by kind (the IRI's first segment), then IRI
KIND_ORDER = {"task": 0, "plan": 1, "indicator": 2, "org": 3}
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


def snippet(body: str, phrase: str) -> tuple[str, list[tuple[int, int]]]:
    """The phrase in context, every occurrence in the window marked ([start, end) offsets),
    matched case-insensitively as the index matches."""
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


def _first_of_each(rows: list[tuple], limit: int | None) -> list[tuple]:
    """The first row of each resource (row[1]), at most `limit` of them."""
    best: dict[str, tuple] = {}
    for row in rows:
        best.setdefault(row[1], row)
        if limit is not None and len(best) >= limit:
            break
    return list(best.values())


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
        with self.lock:
            if len(phrase) >= MIN_TRIGRAM:
                rows = self._ranked(phrase, kinds, plan, limit)
            else:
                rows = self._scanned(phrase, kinds, plan, limit)
            return self._hits(rows, phrase)

    def _kept(self, rowids: list[int], kinds: set[str] | None,
              plan: str | None) -> dict[int, tuple[str, str]]:
        """rowid → (iri, field) of the rows whose resource is of `kinds` and `plan`."""
        if len(rowids) > CHUNK:
            return {k: v for at in range(0, len(rowids), CHUNK)
                    for k, v in self._kept(rowids[at:at + CHUNK], kinds, plan).items()}
        found = self.db.execute("SELECT id, iri, field, kind, plan FROM entry"
                                f" WHERE id IN ({', '.join('?' for _ in rowids)})", rowids)
        return {rowid: (iri, field) for rowid, iri, field, kind, in_plan in found
                if (not kinds or kind in kinds) and (plan is None or in_plan == plan)}

    def _ranked(self, phrase: str, kinds: set[str] | None, plan: str | None,
                limit: int | None) -> list[tuple]:
        """The best row of each resource matching, by bm25 then row id (the order written: rows
        scoring the same may fall in another order after a rebuild than after a whole build),
        at most `limit`. FTS5 ranks the rows alone, in batches read until `limit` resources are
        kept (joined to their resources in SQL, tens of thousands of rows took three times as
        long at 1,000 plans)."""
        batch = max(4 * limit, 400) if limit else -1
        rows: list[tuple] = []
        seen: set[str] = set()
        offset = 0
        while limit is None or len(seen) < limit:
            ranked = self.db.execute(
                "SELECT rowid, bm25(text) FROM text WHERE text MATCH ?"
                " ORDER BY bm25(text), rowid LIMIT ? OFFSET ?",
                (match_expression(phrase), batch, offset)).fetchall()
            kept = self._kept([rowid for rowid, _ in ranked], kinds, plan)
            for rowid, score in ranked:
                if rowid in kept:
                    rows.append((rowid, *kept[rowid], score))
                    seen.add(kept[rowid][0])
            offset += len(ranked)
            if batch < 0 or len(ranked) < batch:
                break
        return _first_of_each(rows, limit)

    def _scanned(self, phrase: str, kinds: set[str] | None, plan: str | None,
                 limit: int | None) -> list[tuple]:
        """Under 3 characters the trigram index cannot answer: a scan of the same table with
        LIKE, unranked. With `limit`, the first resources in the order the rows were written
        (the scan stops there); without, every one, by kind and IRI. The `+` keeps SQLite from
        handing LIKE to FTS5, which (3.40) answers a pattern that short with no rows instead of
        scanning."""
        found = self.db.execute("SELECT rowid FROM text WHERE +body LIKE ? ESCAPE '\\'"
                                " ORDER BY rowid", (like_pattern(phrase),))
        rows: list[tuple] = []
        seen: set[str] = set()
        while limit is None or len(seen) < limit:
            rowids = [rowid for rowid, in found.fetchmany(CHUNK)]
            if not rowids:
                break
            kept = self._kept(rowids, kinds, plan)
            for rowid in rowids:
                if rowid in kept:
                    rows.append((rowid, *kept[rowid], None))
                    seen.add(kept[rowid][0])
        if limit is None:
            kind = {iri: KIND_ORDER.get(iri.split("/id/", 1)[-1].split("/", 1)[0], 9)
                    for iri in seen}
            rows.sort(key=lambda row: (kind[row[1]], row[1], row[2]))
        return _first_of_each(rows, limit)

    def _hits(self, chosen: list[tuple], phrase: str) -> list[Hit]:
        snippets = self._snippets([row[0] for row in chosen], phrase)
        about = self._about([row[1] for row in chosen])
        hits = []
        for rowid, iri, field, score in chosen:
            kind, plan, title, number, task_kind, sources = about[iri]
            snippet, marks = snippets[rowid]
            in_label = field in LABELS or phrase.lower() in title.lower()
            hits.append(Hit(iri, kind, plan, title, number, task_kind, field, in_label,
                            snippet, marks, score, sources))
        return hits

    def _snippets(self, rowids: list[int], phrase: str) -> dict[int, tuple[str, list]]:
        """Each row's text around the phrase, every match marked (snippet():
        FTS5's snippet() matches the same, and took a tenth of a search at 1,000 plans)."""
        if len(rowids) > CHUNK:
            return {k: v for at in range(0, len(rowids), CHUNK)
                    for k, v in self._snippets(rowids[at:at + CHUNK], phrase).items()}
        if not rowids:
            return {}
        rows = self.db.execute("SELECT rowid, body FROM text"
                               f" WHERE rowid IN ({', '.join('?' for _ in rowids)})", rowids)
        return {rowid: snippet(body, phrase) for rowid, body in rows}

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
