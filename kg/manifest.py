"""The manifest of plan texts (data/sources/manifest.yaml): which file is which plan."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


class ManifestError(ValueError):
    """A manifest entry that cannot be used, naming the entry and the field."""


@dataclass(frozen=True)
class PlanEntry:
    id: str  # ASCII slug used in IRIs: yongchuan-2025
    file: str
    title: str
    issuer: str | None
    doc_number: str | None
    issued: dt.date | None
    jurisdiction: str  # an id of data/registry/jurisdictions.csv


REQUIRED = ("id", "file", "title", "jurisdiction")
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
        entries.append(PlanEntry(str(item["id"]), str(item["file"]), str(item["title"]),
                                 item.get("issuer"), item.get("doc_number"), issued,
                                 str(item["jurisdiction"])))
    return entries
