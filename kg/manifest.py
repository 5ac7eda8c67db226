"""The manifest of plan texts (data/sources/manifest.yaml): which file is which plan."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from kg.extract.records import HeaderRecord


class ManifestError(ValueError):
    """A manifest entry that cannot be used, naming the entry and the field."""


@dataclass(frozen=True)
class PlanEntry:
    id: str  # ASCII slug used in IRIs: yongchuan-2025
    file: str
    title: str | None   # None: the document's header gives it (complete)
    issuer: str | None
    doc_number: str | None
    issued: dt.date | None
    jurisdiction: str  # an id of data/registry/jurisdictions.csv


REQUIRED = ("id", "file", "jurisdiction")   # the title may come from the document (complete)
# a plan id is a path segment of IRIs (pkid:plan/{id}) and a file name (build/graphs/plans/{id}.nq)
PLAN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


# libyaml's safe loader where PyYAML was built with it: the same documents, read about six times
# faster (a 1,000-plan manifest took 1.1 s of every rebuild in pure Python)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_manifest(path: Path) -> list[PlanEntry]:
    return parse_manifest(path.read_text(encoding="utf-8"), path.name)


def parse_manifest(text: str, name: str = "manifest.yaml") -> list[PlanEntry]:
    """The entries of a manifest's text; errors name the file as `name`."""
    data = yaml.load(text, Loader=SAFE_LOADER) or {}
    entries = []
    seen: set[str] = set()
    for position, item in enumerate(data.get("plans") or [], 1):
        missing = [key for key in REQUIRED if not item.get(key)]
        if missing:
            raise ManifestError(f"{name}: plan #{position} lacks {', '.join(missing)}")
        if not PLAN_ID.fullmatch(str(item["id"])):
            raise ManifestError(f"{name}: plan id {item['id']!r} is not an ASCII slug "
                                "(letters, digits, - and _; a letter or digit first)")
        if item["id"] in seen:
            raise ManifestError(f"{name}: plan id {item['id']!r} appears twice")
        seen.add(item["id"])
        issued = item.get("issued")
        if isinstance(issued, str):
            issued = dt.date.fromisoformat(issued)
        title = item.get("title")
        entries.append(PlanEntry(str(item["id"]), str(item["file"]),
                                 str(title) if title else None,
                                 item.get("issuer"), item.get("doc_number"), issued,
                                 str(item["jurisdiction"])))
    return entries


def complete(entry: PlanEntry, header: HeaderRecord) -> PlanEntry:
    """The entry with what the document prints (kg.extract.header) where the manifest says
    nothing: a field the manifest states wins, so that a correction is data beside the text."""
    title = entry.title or header.title
    if not title:
        raise ManifestError(f"plan {entry.id}: the manifest gives no title and {entry.file} "
                            "prints none (no 关于印发…的通知 and no title line before its first "
                            "heading): add `title:` to its manifest entry")
    return replace(entry, title=title, doc_number=entry.doc_number or header.doc_number,
                   issuer=entry.issuer or header.issuer, issued=entry.issued or header.issued)
