"""`plankg add FILE`: a plan document into the sources with no manifest or registry line written
by hand, then the build.

What is proposed comes from what the document prints (kg.extract.header): its title, 文号,
issuer and date; its jurisdiction is the division its issuer or title names (kg.places, the
GB/T 2260 data), with the jurisdictions.csv rows the registry lacks for it; its id is the
jurisdiction's id and the year it was issued (`linshui-2024`, then `linshui-2024-2` …). What
the document does not print is left out of the entry, never guessed; an option gives it.

Nothing is half-added: the file, the manifest entry and the registry rows are written together,
and taken back when the build that follows fails (the previous build stays served).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.extract import extract_file
from kg.extract.quality import quality
from kg.extract.records import PlanRecords
from kg.manifest import PLAN_ID, load_manifest, replace_file, with_entries
from kg.places import NewJurisdiction
from kg.registry import CODES, Registry
from kg.registry_files import append_jurisdictions, propose_jurisdiction

# A year a title or 文号 prints: "（2023—2025年）", "〔2024〕"
YEAR = re.compile(r"(?:19|20)\d{2}")
MANIFEST = "manifest.yaml"


class AddError(ValueError):
    """A document that cannot be added as it is, with what to do."""


@dataclass
class Proposal:
    """What `plankg add` writes: the manifest entry, and the jurisdictions the registry lacks."""

    entry: dict
    new_jurisdictions: list[NewJurisdiction] = field(default_factory=list)
    records: PlanRecords | None = None
    source: Path | None = None

    def manifest_text(self) -> str:
        """The entry as printed for the user (the manifest itself is written by
        kg.manifest.with_entries, in its own layout)."""
        text = yaml.safe_dump([self.entry], allow_unicode=True, sort_keys=False,
                              default_flow_style=False)
        return "".join(f"  {line}\n" for line in text.rstrip("\n").split("\n"))


def propose(file: Path, sources: Path, registry_dir: Path, plan_id: str | None = None,
            jurisdiction: str | None = None, title: str | None = None,
            pending: Sequence[Proposal] = ()) -> Proposal:
    """Read `file` and propose its manifest entry; raises AddError (or what extraction raises).
    `pending`: the proposals of the same batch before it, whose ids, files and contents count as
    taken."""
    file = Path(file)
    records = extract_file(file)
    if quality(records).tasks == 0:
        raise AddError(f"{file}: no task was read: " + "; ".join(records.unread or
                                                                 ["see `plankg extract`"]))
    header = records.header
    entries = load_manifest(sources / MANIFEST)
    digest = _digest(file)
    same = [e for e in entries if (sources / e.file).is_file()
            and _digest(sources / e.file) == digest]
    if same:
        raise AddError(f"{file} is already in the sources as plan {same[0].id} ({same[0].file})")
    for earlier in pending:
        if earlier.source is not None and _digest(earlier.source) == digest:
            raise AddError(f"{file} is {earlier.source} again, added in this batch as plan "
                           f"{earlier.entry['id']}")
        if earlier.entry["file"] == file.name:
            raise AddError(f"{file}: a file of this name ({earlier.source}) is added in this "
                           f"batch already: rename {file.name}")
    # a file of the same content no entry names is what an interrupted `plankg add` left
    if (sources / file.name).exists() and _digest(sources / file.name) != digest:
        raise AddError(f"{sources / file.name} exists with other content: rename {file.name}")
    title = title or header.title
    if not title:
        raise AddError(f"{file} prints no title (no 关于印发…的通知, no title line before its "
                       "first heading): give one with --title")
    registry = Registry.load(registry_dir)
    rows: list[NewJurisdiction] = []
    if jurisdiction is None:
        named = " ".join(t for t in (header.issuer, title) if t)
        jurisdiction, rows = propose_jurisdiction(registry, named)
        if jurisdiction is None:
            raise AddError(f"{file}: neither its issuer nor its title names a division of the "
                           f"GB/T 2260 data ({named!r}): give its jurisdiction with "
                           "--jurisdiction (an id of jurisdictions.csv, or see `plankg registry "
                           "division NAME`)")
    elif jurisdiction not in registry.jurisdictions:
        raise AddError(f"--jurisdiction {jurisdiction!r} is not an id of "
                       f"{registry_dir / 'jurisdictions.csv'}")
    taken = {e.id for e in entries} | {p.entry["id"] for p in pending}
    plan_id = plan_id or _plan_id(jurisdiction, header.issued, title, header.doc_number, taken)
    if not PLAN_ID.fullmatch(plan_id) or plan_id in taken:
        raise AddError(f"plan id {plan_id!r} is taken or not an ASCII slug")
    entry = {"id": plan_id, "file": file.name, "title": title, "issuer": header.issuer,
             "doc_number": header.doc_number,
             "issued": header.issued,
             "jurisdiction": jurisdiction}
    return Proposal(entry, rows, records, file)


def write(proposal: Proposal | Sequence[Proposal], sources: Path, registry_dir: Path) -> "Undo":
    """The registry rows appended, the file copied, the entry added to the manifest, in this
    order, the manifest last: it is what makes the plan part of the sources, and it is replaced
    whole (kg.manifest.replace_file), so a process killed at any point leaves the addition whole
    or not made (rows no plan uses yet, a file no entry names: the next `plankg add` of the same
    file takes them up). Any failure takes back what was written; the returned Undo takes it all
    back after a failed build."""
    proposals = [proposal] if isinstance(proposal, Proposal) else list(proposal)
    undo = Undo(sources, registry_dir)
    manifest = sources / MANIFEST
    try:
        made = with_entries(manifest.read_text(encoding="utf-8"),
                            [p.entry for p in proposals], MANIFEST)
        # two plans of a place the registry lacks propose its rows each: written once
        rows = list({row.id: row for p in proposals for row in p.new_jurisdictions}.values())
        if rows:
            append_jurisdictions(registry_dir, rows)
        for each in proposals:
            target = sources / each.entry["file"]
            if not target.exists():
                shutil.copyfile(each.source, target)
                undo.created.append(target)
        replace_file(manifest, made)
    except BaseException:
        undo()
        raise
    return undo


class Undo:
    """The sources' and registry's files as they were before `write`."""

    def __init__(self, sources: Path, registry_dir: Path):
        self.kept = {path: path.read_bytes() for path in
                     (sources / MANIFEST, registry_dir / "jurisdictions.csv", registry_dir / CODES)
                     if path.exists()}
        self.created: list[Path] = []

    def __call__(self) -> None:
        for path, data in self.kept.items():
            path.write_bytes(data)
        for path in self.created:
            path.unlink(missing_ok=True)


def _plan_id(jurisdiction: str, issued: dt.date | None, title: str, doc_number: str | None,
             taken: set[str]) -> str:
    """`{jurisdiction}-{year}`: the year issued, else the first the 文号 or title prints."""
    year = str(issued.year) if issued else next(
        (m.group() for text in (doc_number or "", title) for m in [YEAR.search(text)] if m), None)
    stem = f"{jurisdiction}-{year}" if year else jurisdiction
    candidate, count = stem, 1
    while candidate in taken:
        count += 1
        candidate = f"{stem}-{count}"
    return candidate


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
