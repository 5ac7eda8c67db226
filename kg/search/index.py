"""The search index written by the build: every task's title and text, every plan's title and
every printed name (skos:prefLabel, skos:altLabel) of an indicator or a body, in SQLite FTS5.

The index is read from the graph files the build put into its staging folder, so it is swapped in
with them (a failed build leaves the last index). A build that rewrote a few plans' graphs updates
an index made before, the staging folder's own (kg.build.folder: the build before last's) or a copy
of the last build's, and replaces those plans' rows only (and the shared graph's, if its file
changed): at 1,000 plans the whole index takes seconds to write, a plan's rows milliseconds.
"""
from __future__ import annotations

import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.graphs import plan_file, shared_file
from kg.vocab import DCTERMS, PK, PKID, PROV, RDF, SKOS

INDEX = "search.sqlite"   # in the build folder, beside graphs/
VERSION = "4"             # of the tables below; an index of another version is written again
SHARED_PART = ""          # the part (plan id) of the shared graph's rows

MIN_TRIGRAM = 3           # FTS5's trigram tokenizer matches phrases of 3 characters and more

# kind of resource → the rdf:type IRIs it covers
KINDS = {"task": {str(PK.Task)}, "plan": {str(PK.Plan)}, "indicator": {str(PK.Indicator)},
         "body": {str(PK.GovernmentDepartment), str(PK.Institution),
                  str(PK.OrganizationGroup)}}
KIND_OF_TYPE = {iri: kind for kind, types in KINDS.items() for iri in types}

# the predicates the index reads, as N-Quads writes them
READ = {f"<{p}>".encode() for p in (RDF.type, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title,
                                    PK.text, PK.inPlan, PK.number, PK.kind, PROV.wasDerivedFrom,
                                    PK.sourceFile, PK.startLine, PK.endLine)}

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE resource(iri TEXT PRIMARY KEY, kind TEXT NOT NULL, plan TEXT, part TEXT NOT NULL,
                      title TEXT NOT NULL, number INTEGER, task_kind TEXT);
CREATE INDEX resource_part ON resource(part);
-- id: in the order the rows were written (a rebuild appends its plans' rows at the end)
CREATE TABLE entry(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, field TEXT NOT NULL,
                   part TEXT NOT NULL, kind TEXT NOT NULL, plan TEXT);
CREATE INDEX entry_part ON entry(part);
CREATE INDEX entry_iri ON entry(iri);
CREATE TABLE source(iri TEXT NOT NULL, file TEXT NOT NULL, start_line INTEGER NOT NULL,
                    end_line INTEGER NOT NULL, part TEXT NOT NULL);
CREATE INDEX source_iri ON source(iri);
CREATE INDEX source_part ON source(part);
-- the texts themselves; rowid = entry.id
CREATE VIRTUAL TABLE text USING fts5(body, tokenize='trigram');
INSERT INTO meta VALUES ('version', '{VERSION}');
"""


class SearchIndexError(RuntimeError):
    """An index that cannot be written or read, and where."""


@dataclass
class Resource:
    """What the index keeps of one node of the graph."""

    iri: str
    kind: str
    plan: str | None
    title: str
    number: int | None = None
    task_kind: str | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)   # (field, text)
    sources: list[tuple[str, int, int]] = field(default_factory=list)


def plan_id(iri: str | None) -> str | None:
    """`https://w3id.org/plankg/id/plan/yongchuan-2025` → `yongchuan-2025`."""
    prefix = f"{PKID}plan/"
    return iri[len(prefix):] if iri and iri.startswith(prefix) else None


def read_resources(path: Path) -> Iterator[Resource]:
    """The searchable nodes of one graph file (N-Quads) and their spans' files and lines."""
    about: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    try:
        with path.open("rb") as lines:   # only the lines of the predicates read here are parsed
            wanted = b"".join(line for line in lines if line.split(b" ", 2)[1] in READ)
        for quad in ox.parse(wanted, format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.subject, ox.NamedNode):
                about[quad.subject.value][quad.predicate.value].append(quad.object)
    except (OSError, SyntaxError) as error:
        raise SearchIndexError(f"{path}: cannot read the graph file to index it: {error}") \
            from error
    for iri, props in about.items():
        kinds = {KIND_OF_TYPE[t.value] for t in props.get(str(RDF.type), ())
                 if t.value in KIND_OF_TYPE}
        if not kinds:
            continue
        yield _resource(iri, min(kinds), props, about)


def _resource(iri: str, kind: str, props: dict[str, list], about: dict) -> Resource:
    def values(predicate) -> list[str]:
        return [o.value for o in props.get(str(predicate), ()) if isinstance(o, ox.Literal)]

    def zh_first(literals: list[ox.Literal]) -> str:
        ordered = sorted(literals, key=lambda lit: (lit.language != "zh", lit.value))
        return ordered[0].value if ordered else ""

    if kind == "task":
        plan = plan_id(next((o.value for o in props.get(str(PK.inPlan), ())), None))
        titles, texts = values(SKOS.prefLabel), values(PK.text)
        number = next((int(n) for n in values(PK.number) if n.isdigit()), None)
        resource = Resource(iri, kind, plan, titles[0] if titles else "", number,
                            next(iter(values(PK.kind)), None),
                            [("title", t) for t in titles] + [("text", t) for t in texts])
    elif kind == "plan":
        titles = values(DCTERMS.title)
        resource = Resource(iri, kind, plan_id(iri), titles[0] if titles else "",
                            texts=[("title", t) for t in titles])
    else:
        preferred = [o for o in props.get(str(SKOS.prefLabel), ()) if isinstance(o, ox.Literal)]
        resource = Resource(iri, kind, None, zh_first(preferred),
                            texts=[("prefLabel", lit.value) for lit in preferred]
                            + [("altLabel", t) for t in values(SKOS.altLabel)])
    for span in props.get(str(PROV.wasDerivedFrom), ()):
        lines = about.get(span.value, {})
        files = [o.value for o in lines.get(str(PK.sourceFile), ())]
        starts = [int(o.value) for o in lines.get(str(PK.startLine), ())]
        ends = [int(o.value) for o in lines.get(str(PK.endLine), ())]
        if files and starts and ends:
            resource.sources.append((files[0], starts[0], ends[0]))
    resource.sources.sort()
    return resource


def _insert(db: sqlite3.Connection, part: str, resources: Iterable[Resource]) -> None:
    """The resources' rows, written in one statement a table (row by row, the statements took
    half of the index's time at 1,000 plans)."""
    first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM entry").fetchone()[0]
    kept, entries, texts, sources = [], [], [], []
    for resource in resources:
        kept.append((resource.iri, resource.kind, resource.plan, part, resource.title,
                     resource.number, resource.task_kind))
        for name, body in dict.fromkeys(resource.texts):
            row = first + len(entries)
            entries.append((row, resource.iri, name, part, resource.kind, resource.plan))
            texts.append((row, body))
        sources += [(resource.iri, *span, part) for span in resource.sources]
    db.executemany("INSERT OR REPLACE INTO resource VALUES (?, ?, ?, ?, ?, ?, ?)", kept)
    db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?)", entries)
    db.executemany("INSERT INTO text(rowid, body) VALUES (?, ?)", texts)
    db.executemany("INSERT INTO source VALUES (?, ?, ?, ?, ?)", sources)


def _delete(db: sqlite3.Connection, part: str) -> None:
    db.execute("DELETE FROM text WHERE rowid IN (SELECT id FROM entry WHERE part = ?)", (part,))
    for table in ("entry", "resource", "source"):
        db.execute(f"DELETE FROM {table} WHERE part = ?", (part,))


def identity(path: Path) -> str:
    """Which file a graph file is: its inode, size and time. A file a build links from the last
    (kg.build.folder) keeps them; a file written again gets others."""
    stat = path.stat()
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def write_index(staging: Path, previous: Path | None, plans: list[str]) -> Path:
    """Write `staging`/search.sqlite from the graph files in `staging`, of `plans` and the shared
    graph. An index already there (a spare's: kg.build.folder) or the build in `previous`'s
    (copied) is updated: the rows of a graph file it was not made from are written again, those
    of the others kept (each part's meta row names the file it was read from: identity)."""
    target = staging / INDEX
    files = {part: plan_file(staging, part) for part in plans}
    files[SHARED_PART] = shared_file(staging)
    graphs = {part: identity(file) for part, file in files.items()}
    kept = _base(target, previous / INDEX if previous else None, graphs)
    reused = kept is not None
    kept = kept or {}
    db = sqlite3.connect(target)
    try:
        with db:
            if not reused:
                db.executescript(SCHEMA)
            for part in kept:
                if graphs.get(part) != kept[part]:
                    _delete(db, part)
                    db.execute("DELETE FROM meta WHERE key = ?", (f"part:{part}",))
            for part, made_from in graphs.items():
                if kept.get(part) != made_from:
                    _insert(db, part, read_resources(files[part]))
                    db.execute("INSERT INTO meta VALUES (?, ?)", (f"part:{part}", made_from))
        if not reused:
            db.execute("INSERT INTO text(text) VALUES ('optimize')")
            db.commit()
    except sqlite3.Error as error:
        raise SearchIndexError(f"{target}: writing the search index failed: {error}") from error
    finally:
        db.close()
    return target


def _parts(db: sqlite3.Connection) -> dict[str, str]:
    """Each part of an index → the identity of the graph file its rows were read from."""
    return {key[len("part:"):]: value for key, value
            in db.execute("SELECT key, value FROM meta WHERE key LIKE 'part:%'")}


def _stale(index: Path, graphs: dict[str, str]) -> tuple[int, dict[str, str]] | None:
    """How many parts of `index` would be written again for `graphs`, and its parts (_parts);
    None when it is no index of this VERSION."""
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if not row or row[0] != VERSION:
                return None
            kept = _parts(db)
    except sqlite3.Error:
        return None
    return sum(kept.get(part) != made_from for part, made_from in graphs.items()) \
        + len(kept.keys() - graphs.keys()), kept


def _base(target: Path, previous: Path | None, graphs: dict[str, str]) -> dict[str, str] | None:
    """Leave at `target` the index to update, the one already there or a copy of `previous`,
    whichever costs less: a part written again or a tenth of the parts for the copy (1.4 GB at
    10,000 plans); none, to be written afresh, when it would write more than half the parts
    again. Its parts (_parts), or None when there is none."""
    here = _stale(target, graphs) if target.exists() else None
    there = _stale(previous, graphs) if previous is not None and previous.exists() else None
    options = [(found[0] + cost, copy, found) for found, cost, copy
               in ((here, 0, False), (there, max(1, len(graphs) // 10), True))
               if found is not None]
    if options:
        _, copy, (stale, kept) = min(options, key=lambda option: option[:2])   # a tie: here
        if stale <= len(graphs) // 2:
            if copy:
                target.unlink(missing_ok=True)
                shutil.copyfile(previous, target)
            return kept
    target.unlink(missing_ok=True)
    return None
