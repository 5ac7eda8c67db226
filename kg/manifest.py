"""The manifest of plan texts (data/sources/manifest.yaml): which file is which plan."""
from __future__ import annotations

import datetime as dt
import io
import os
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
    try:
        data = yaml.load(text, Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        raise ManifestError(f"{name}: not YAML: {error}") from error
    if not isinstance(data, dict):
        raise ManifestError(f"{name}: not a mapping with a plans: list")
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


# The first item of the plans list and its indentation: "  - id: …" (the repository's), "- id: …"
# (plankg synth's)
FIRST_ITEM = re.compile(r"^plans:[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ", re.MULTILINE)


def with_entries(text: str, entries: list[dict], name: str = "manifest.yaml") -> str:
    """The manifest's text with `entries` appended to its plans, written through a round-trip
    YAML library (ruamel.yaml): its comments, its order and the indentation of its list kept, the
    new entries laid out as the old ones are. The text made is parsed again (parse_manifest) before
    it is returned, so a manifest is never replaced by one that does not load."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    before = parse_manifest(text, name)   # a manifest that does not load is not written to
    found = FIRST_ITEM.search(text)
    offset = len(found.group(1)) if found else 2
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096   # a long title is not folded
    rt.indent(mapping=2, sequence=offset + 2, offset=offset)
    rt.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    try:
        data = rt.load(text) if text.strip() else None
    except YAMLError as error:
        raise ManifestError(f"{name}: not YAML: {error}") from error
    if data is None:   # empty, or comments only: the comments stay, the list follows them
        data, head = CommentedMap(), text.rstrip("\n") + "\n" if text.strip() else ""
    else:
        head = ""
    if not isinstance(data, dict):
        raise ManifestError(f"{name}: the manifest is not a mapping with a plans: list")
    plans = data.get("plans")
    if plans is None:
        plans = data["plans"] = CommentedSeq()
    if not isinstance(plans, list):
        raise ManifestError(f"{name}: plans: is not a list")
    if isinstance(plans, CommentedSeq) and plans.fa.flow_style():
        plans.fa.set_block_style()   # "plans: []" becomes a list of entries, one a block
    for entry in entries:
        plans.append(CommentedMap(entry))
    out = io.StringIO()
    rt.dump(data, out)
    made = head + out.getvalue()
    try:
        parsed = parse_manifest(made, name)
    except ManifestError as error:   # never expected: said, not written
        raise ManifestError(f"{name}: the manifest made with the new entries does not load "
                            f"({error}); nothing was written") from error
    if len(parsed) != len(before) + len(entries):
        raise ManifestError(f"{name}: the manifest made does not hold every entry; nothing was "
                            "written")
    return made


def replace_file(path: Path, text: str) -> None:
    """`path` holds `text`, or (a failure or a kill at any point) what it held: written to a file
    beside it, flushed, and renamed over it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
