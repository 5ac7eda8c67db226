"""A plan's part of the build and what the last build left of it: each plan's records and triples
are cached in the build folder under a key over its text, its manifest entry, the registry tables
and the package's code, so a re-build extracts again only the plans whose key changed.

Any change of code or registry changes every key. A plan whose key is unchanged is still written
again when what its citations read from the other plans changed (kg.build.rdf.plan_citation_context).
kg.build.stream runs the plans through extraction and writing, in a process pool when `jobs` > 1.
"""
from __future__ import annotations

import gc
import hashlib
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.serializers.nt import _nt_row

import kg
from kg.build.lines import Lines
from kg.build.rdf import Unresolved, plan_graph, registry_triples
from kg.extract.records import PlanRecords
from kg.graphs import GRAPHS, PLAN_FILES, PlanSplit, split_plan, write_new
from kg.manifest import PlanEntry, parse_manifest
from kg.paths import Paths
from kg.registry import Registry

CACHE = "cache"               # in the build folder
PLANS = "plans"               # cache/plans/{plan id}.pickle
REGISTRY = "registry.pickle"  # cache/registry.pickle: {fingerprint: the registry's lines}
SOURCES = "sources.pickle"    # cache/sources.pickle: Sources
TABLES = "registry-tables.pickle"   # {fingerprint: the Registry read from its tables}
TEXTS = "texts"               # in the build folder: texts/{file}.txt, a document's lines (below)
CODE = Path(kg.__file__).resolve().parent


@dataclass
class PlanPart:
    """One plan's share of the build, as cached."""

    id: str
    key: str
    records: PlanRecords
    context: tuple[dict[str, str], dict[str, str]]  # the citation context it was written with
    split: PlanSplit        # its triples as sorted N-Triples lines, by graph (kg.graphs)
    unresolved: list[Unresolved]
    conflicts: list[str]


def _digest(hasher, folder: Path, pattern: str) -> None:
    for path in sorted(folder.glob(pattern)):
        if "__pycache__" not in path.parts:
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")


def fingerprint(paths: Paths) -> str:
    """A hash of the package's code (kg/**/*.py) and the registry tables."""
    hasher = hashlib.sha256()
    _digest(hasher, CODE, "**/*.py")
    _digest(hasher, paths.registry, "*")
    return hasher.hexdigest()


def plan_key(fingerprint: str, entry: PlanEntry, text_digest: str) -> str:
    hasher = hashlib.sha256(fingerprint.encode())
    hasher.update(repr(entry).encode("utf-8") + b"\0")
    hasher.update(text_digest.encode())
    return hasher.hexdigest()


@dataclass(frozen=True)
class Sources:
    """What a build read of its sources: the manifest's entries under the manifest's digest,
    and each text's digest under the file's state (size, times, inode) when it was read. The
    next build reads again only a manifest or text whose digest or state changed (at 1,000
    plans, parsing the manifest and hashing the texts took a quarter of a second, every build)."""

    manifest: str
    entries: list[PlanEntry]
    texts: dict[str, tuple[tuple | None, str]]   # file → (state or None: too new; digest)

    def digests(self) -> dict[str, str]:
        return {file: digest for file, (_, digest) in self.texts.items()}

    def keep(self, cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / SOURCES).write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))


RECENT_NS = 2_000_000_000   # a file changed this recently may change again within its time stamp


def read_sources(paths: Paths) -> Sources:
    """The manifest's entries and each text's digest, taking from the last build's Sources what
    did not change: a text whose file has the state it had then, as git's index does (a file
    then changed too recently to tell is hashed again)."""
    manifest = paths.sources / "manifest.yaml"
    data = manifest.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = read_pickle(paths.build / CACHE / SOURCES)
    kept = kept if isinstance(kept, Sources) else None
    if kept is not None and kept.manifest == digest:
        entries = kept.entries
    else:
        entries = parse_manifest(data.decode("utf-8"), manifest.name)
    now = time.time_ns()
    texts = {}
    for entry in entries:
        path = paths.sources / entry.file
        try:
            stat = path.stat()
        except OSError:
            continue   # kg.build.run says which entry's file is missing
        state = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        before = kept.texts.get(entry.file) if kept is not None else None
        if before is not None and before[0] == state:
            texts[entry.file] = before
            continue
        trusted = state if now - stat.st_mtime_ns > RECENT_NS else None
        texts[entry.file] = (trusted, hashlib.sha256(path.read_bytes()).hexdigest())
    return Sources(digest, entries, texts)


def cache_file(build: Path, plan_id: str) -> Path:
    return build / CACHE / PLANS / f"{plan_id}.pickle"


def read_pickle(path: Path) -> object | None:
    """What a cache file holds, or None when there is none or it cannot be read back (an older
    code wrote it): the caller then makes it again."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError,
            ImportError, ValueError):
        return None


def read_cached(build: Path, plan_id: str, key: str) -> PlanPart | None:
    """The plan's part from the build in `build`, if it was made under `key`."""
    part = read_pickle(cache_file(build, plan_id))
    return part if isinstance(part, PlanPart) and part.key == key else None


def text_file(build: Path, file: str) -> Path:
    """Where the build keeps the lines read from a PDF, DOCX or HTML plan document (the lines its
    spans count): `texts/plan.docx.txt`. A .txt plan's lines are the file itself."""
    return build / TEXTS / f"{file}.txt"


def keep_parts(written: list[PlanPart], entries: list[PlanEntry], staging: Path) -> None:
    """The cached part and the text (a document plan's lines) of each plan `written` now, in the
    new build folder (the other plans' are linked from the last build: kg.build.folder.mirror)."""
    files = {entry.id: entry.file for entry in entries}
    for part in written:
        write_new(cache_file(staging, part.id),
                  pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        if part.records.lines:
            write_new(text_file(staging, files[part.id]), "\n".join(part.records.lines))


def plan_paths(plan_id: str, file: str, text: bool = True) -> set[str]:
    """The paths (relative to the build folder) of a plan's graph file, cached part and, with
    `text`, its document's lines (text_file)."""
    paths = {f"{GRAPHS}/{PLAN_FILES}/{plan_id}.nq", f"{CACHE}/{PLANS}/{plan_id}.pickle"}
    return paths | {f"{TEXTS}/{file}.txt"} if text else paths


def written_files(entries: list[PlanEntry], written: list[PlanPart]) -> set[str]:
    """The paths keep_parts and the plans' graph files take."""
    files = {entry.id: entry.file for entry in entries}
    return {path for part in written
            for path in plan_paths(part.id, files[part.id], bool(part.records.lines))}


def ntriples_lines(triples: Graph | set) -> list[str]:
    """Sorted N-Triples lines, each as rdflib's N-Triples serializer writes it (its own row
    writer), whether the triples are in a Graph or a plain set."""
    return sorted({_nt_row(triple).rstrip("\n") for triple in triples})


def registry_lines(registry: Registry, build: Path, fp: str) -> Lines:
    """The registry's sorted N-Triples lines: from the cache of the build in `build` when it was
    made under the fingerprint `fp` (the same code and registry tables), else made (4.6 s at
    1,000 plans' registry, a fifth of a one-plan rebuild)."""
    kept = read_pickle(build / CACHE / REGISTRY)
    lines = kept.get(fp) if isinstance(kept, dict) else None
    return lines if isinstance(lines, Lines) else Lines.of(ntriples_lines(registry_triples(registry)))


def keep_registry(name: str, kept: Lines | Registry, fp: str, staging: Path) -> None:
    """The registry's lines (REGISTRY) or the registry itself (TABLES) kept in the build's cache
    under the fingerprint `fp`."""
    (staging / CACHE).mkdir(parents=True, exist_ok=True)
    (staging / CACHE / name).write_bytes(pickle.dumps({fp: kept}, protocol=pickle.HIGHEST_PROTOCOL))


_worker_registry: Registry | None = None   # the registry of a pool's worker process


def _start_worker(registry_folder: Path) -> None:
    global _worker_registry
    gc.enable()   # a forked worker inherits the build's paused collector (kg.build.run); its
    # plans' rdflib graphs do make cycles
    _worker_registry = Registry.load(registry_folder)


def write_plan(entry: PlanEntry, records: PlanRecords,
                context: tuple[dict[str, str], dict[str, str]],
                registry: Registry | None = None
                ) -> tuple[PlanSplit, list[Unresolved], list[str]]:
    built = plan_graph(entry, records, registry or _worker_registry, *context)
    return split_plan(entry.id, ntriples_lines(built.graph)), built.unresolved, built.conflicts


def plan_keys(paths: Paths, entries: list[PlanEntry], fp: str,
              digests: dict[str, str] | None = None) -> dict[str, str]:
    """Each plan's cache key (plan_key) under the fingerprint `fp` of code and registry, from
    its text's digest in `digests` (file → digest; hashed here when not given)."""
    digests = digests or {e.file: hashlib.sha256((paths.sources / e.file).read_bytes()).hexdigest()
                          for e in entries}
    return {e.id: plan_key(fp, e, digests[e.file]) for e in entries}


