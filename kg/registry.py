"""Names → entities: the curated tables under data/registry/ and the lookups the build needs.

A printed name resolves within the plan's jurisdiction first, then within its parents.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick

WHITESPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """A name as compared: white space removed, full-width brackets kept."""
    return WHITESPACE.sub("", name)


class RegistryError(ValueError):
    """A registry table that cannot be used as it stands, with file and row."""


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class OrgKind:
    id: str
    label_zh: str
    label_en: str
    broader: str | None


@dataclass(frozen=True)
class Organization:
    jurisdiction: str
    id: str
    type: str  # department | institution | group
    kind: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str | None
    category: str
    variants: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.variants)


class NameIndex:
    """Where any of many names occur in a text, in one pass: an Aho–Corasick automaton finds
    every occurrence of every name, overlapping ones included, in time that grows with the text,
    not with the number of names (a corpus of a thousand plans has tens of thousands of
    institution names)."""

    def __init__(self, names):
        self._automaton = ahocorasick.Automaton()
        for name, org in names:
            if len(name) >= 2:
                _, orgs = self._automaton.get(name, (name, ()))
                self._automaton.add_word(name, (name, (*orgs, org)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, Organization]]:
        """(start, end, organization) of every occurrence, in the order of their starts."""
        if self._empty:
            return []
        found = [(end + 1 - len(name), end + 1, org)
                 for end, (name, orgs) in self._automaton.iter(text) for org in orgs]
        return sorted(found, key=lambda match: match[0])


@dataclass
class Registry:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    kinds: dict[str, OrgKind] = field(default_factory=dict)
    organizations: list[Organization] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> Registry:
        registry = cls()
        for row in _rows(folder / "jurisdictions.csv"):
            registry.jurisdictions[row["id"]] = Jurisdiction(
                row["id"], row["name_zh"], row["name_en"], row["level"], row["parent"] or None)
        for row in _rows(folder / "org_kinds.csv"):
            registry.kinds[row["id"]] = OrgKind(row["id"], row["label_zh"], row["label_en"],
                                                row["broader"] or None)
        registry.organizations = [
            Organization(row["jurisdiction"], row["id"], row["type"], row["kind"], row["name_zh"],
                         row["name_en"], _split(row["aliases"]))
            for row in _rows(folder / "organizations.csv")]
        indicators_file = folder / "indicators.csv"
        if indicators_file.exists():
            registry.indicators = [
                Indicator(row["id"], row["name_zh"], row["name_en"], row["unit"] or None,
                          row["category"], _split(row["variants"]))
                for row in _rows(indicators_file)]
        registry._index()
        return registry

    def _index(self) -> None:
        self._orgs: dict[tuple[str, str], Organization] = {}
        for org in self.organizations:
            if org.jurisdiction not in self.jurisdictions:
                raise RegistryError(f"organizations.csv: {org.id}: unknown jurisdiction "
                                    f"{org.jurisdiction!r}")
            for name in org.names:
                self._orgs.setdefault((org.jurisdiction, normalise(name)), org)
        self._indicators: dict[str, Indicator] = {}
        for indicator in self.indicators:
            for name in indicator.names:
                self._indicators.setdefault(normalise(name), indicator)
        # longest names first, so that 家庭医生签约服务重点人群覆盖率 wins over 覆盖率
        self._indicator_names = sorted(self._indicators, key=len, reverse=True)
        self._name_indexes: dict[str, NameIndex] = {}  # institution names by jurisdiction

    def lineage(self, jurisdiction: str) -> list[str]:
        """The jurisdiction and its parents, nearest first."""
        chain = []
        while jurisdiction:
            chain.append(jurisdiction)
            jurisdiction = self.jurisdictions[jurisdiction].parent if \
                jurisdiction in self.jurisdictions else None
        return chain

    def resolve_org(self, name: str, jurisdiction: str) -> Organization | None:
        key = normalise(name)
        for place in self.lineage(jurisdiction):
            if (place, key) in self._orgs:
                return self._orgs[(place, key)]
        return None

    def find_institutions(self, text: str, jurisdiction: str) -> list[Organization]:
        """Institutions a text names: by any printed name in the plan's jurisdiction and its
        parents, nearest first, then by full canonical name anywhere else (a 万州 plan naming
        四川大学华西医院); longest name first, no overlaps."""
        text = normalise(text)
        lineage = self.lineage(jurisdiction)
        matches = []  # (round, longest first, start, end, org)
        for rank, place in enumerate(lineage):
            for start, end, org in self._names_in(place).find(text):
                matches.append((rank, start - end, start, end, org))
        for start, end, org in self._canonical_names.find(text):
            if org.jurisdiction not in lineage:
                matches.append((len(lineage), start - end, start, end, org))
        taken: list[tuple[int, int]] = []
        found: dict[tuple[str, str], Organization] = {}
        for _, _, start, end, org in sorted(matches, key=lambda m: m[:3]):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.setdefault((org.jurisdiction, org.id), org)
        return list(found.values())

    def _names_in(self, place: str) -> NameIndex:
        if place not in self._name_indexes:
            self._name_indexes[place] = NameIndex(
                (normalise(n), o) for o in self._institutions.get(place, ()) for n in o.names)
        return self._name_indexes[place]

    @cached_property
    def _institutions(self) -> dict[str, list[Organization]]:
        """Institutions by jurisdiction: a corpus of a thousand plans has a thousand places, and
        going through every organization for each would grow with the square of the corpus."""
        by_place: dict[str, list[Organization]] = {}
        for org in self.organizations:
            if org.type == "institution":
                by_place.setdefault(org.jurisdiction, []).append(org)
        return by_place

    @cached_property
    def _canonical_names(self) -> NameIndex:
        return NameIndex((normalise(o.name_zh), o) for o in self.organizations
                         if o.type == "institution")

    def resolve_indicator(self, phrase: str) -> Indicator | None:
        """By name or variant; else the longest name the phrase ends with (全区…覆盖率 → …覆盖率)."""
        key = normalise(phrase)
        if key in self._indicators:
            return self._indicators[key]
        for name in self._indicator_names:
            if len(name) >= 4 and key.endswith(name):
                return self._indicators[name]
        return None


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise RegistryError(f"{path}: registry table missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
