"""Names → entities: the curated tables under data/registry/ and the lookups the build needs.

A printed name resolves within the plan's jurisdiction first, then within its parents; a name no
table lists is classified by the kind rules (kg.rules), and a curated row always wins over a rule.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick

from kg.measures import Measure, load_measures
from kg.places import PlaceError, Suffix, load_suffixes, places
from kg.rules import KindRule, RuleMatch, RuleMiss, classify, load_rules

WHITESPACE = re.compile(r"\s+")
CODES = "jurisdiction_codes.csv"   # jurisdiction id → GB/T 2260 code, written by kg.registry_files


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
    code: str | None = None  # GB/T 2260, from jurisdiction_codes.csv


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
    resolution: str = "registry"  # registry: a row of organizations.csv; rule: kind_rules.csv

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
    """Where any of many names occur in a text. Texts are first looked up in a table, every
    substring up to the longest name, which costs nothing to set up; once the lookups made pass
    LOOKUPS_A_NAME for each name it builds an Aho–Corasick automaton, which finds every occurrence
    of every name, overlapping ones included, in time that grows with the text, not with the
    number of names (a corpus of ten thousand plans has hundreds of thousands of institution
    names: building their automaton took 2.8 s, which a rebuild of one plan, reading a few
    thousand characters, need not pay). Both give the same occurrences in the same order."""

    LOOKUPS_A_NAME = 20   # about what adding a name to the automaton costs, in table lookups

    def __init__(self, names):
        lists: dict[str, list] = {}
        for name, org in names:
            if len(name) >= 2:
                lists.setdefault(name, []).append(org)
        table = {name: tuple(orgs) for name, orgs in lists.items()}
        self._table = table
        self._longest = max(map(len, table), default=0)
        self._automaton = None
        self._read = 0

    def _occurrences(self, text: str):
        """(start, end, organizations) of every occurrence, by start, then end."""
        if not self._table:
            return []
        self._read += len(text) * self._longest
        if self._automaton is None and self._read > self.LOOKUPS_A_NAME * len(self._table):
            automaton = ahocorasick.Automaton()
            for name, orgs in self._table.items():
                automaton.add_word(name, (name, orgs))
            automaton.make_automaton()
            self._automaton = automaton
        if self._automaton is not None:   # by end; sorted by start below, a stable sort
            found = [(end + 1 - len(name), end + 1, orgs)
                     for end, (name, orgs) in self._automaton.iter(text)]
            return sorted(found, key=lambda match: match[0])
        table, longest, size = self._table, self._longest, len(text)
        return [(start, end, orgs) for start in range(size)
                for end in range(start + 2, min(size, start + longest) + 1)
                if (orgs := table.get(text[start:end])) is not None]

    def find(self, text: str) -> list[tuple[int, int, Organization]]:
        """(start, end, organization) of every occurrence, in the order of their starts."""
        return [(start, end, org) for start, end, orgs in self._occurrences(text) for org in orgs]

    def first(self, text: str, accept) -> list[tuple[int, int, Organization]]:
        """As find, but of each occurrence only the first organization `accept` takes (of many
        bodies of one name, the first in the registry's order)."""
        return [(start, end, org) for start, end, orgs in self._occurrences(text)
                if (org := next((o for o in orgs if accept(o)), None)) is not None]


@dataclass
class Registry:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    kinds: dict[str, OrgKind] = field(default_factory=dict)
    organizations: list[Organization] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    rules: list[KindRule] = field(default_factory=list)       # longest pattern first
    suffixes: list[Suffix] = field(default_factory=list)      # division_suffixes.csv
    measures: dict[str, Measure] = field(default_factory=dict)  # measure_units.csv

    @classmethod
    def load(cls, folder: Path) -> Registry:
        registry = cls()
        codes_file = folder / CODES
        codes = {row["jurisdiction"]: row["code"] for row in _rows(codes_file)} \
            if codes_file.exists() else {}
        for row in _rows(folder / "jurisdictions.csv"):
            registry.jurisdictions[row["id"]] = Jurisdiction(
                row["id"], row["name_zh"], row["name_en"], row["level"], row["parent"] or None,
                codes.get(row["id"]) or None)
        unknown = sorted(set(codes) - set(registry.jurisdictions))
        if unknown:
            raise RegistryError(f"{CODES}: codes for jurisdictions jurisdictions.csv lacks: "
                                f"{', '.join(unknown)}")
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
        try:
            registry.rules = load_rules(folder / "kind_rules.csv", set(registry.kinds))
            registry.measures = load_measures(folder / "measure_units.csv")
        except ValueError as error:
            raise RegistryError(f"{folder}/{error}") from None
        suffixes_file = folder / "division_suffixes.csv"
        registry.suffixes = load_suffixes(suffixes_file) if suffixes_file.exists() else []
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
        self._ruled: dict[tuple[str, str], Organization | RuleMiss] = {}

    def lineage(self, jurisdiction: str) -> list[str]:
        """The jurisdiction and its parents, nearest first."""
        chain = []
        while jurisdiction:
            chain.append(jurisdiction)
            jurisdiction = self.jurisdictions[jurisdiction].parent if \
                jurisdiction in self.jurisdictions else None
        return chain

    def resolve_org(self, name: str, jurisdiction: str) -> Organization | None:
        """The curated body a printed name is, nearest jurisdiction first."""
        key = normalise(name)
        for place in self.lineage(jurisdiction):
            if (place, key) in self._orgs:
                return self._orgs[(place, key)]
        return None

    def resolve_unit(self, name: str, jurisdiction: str) -> Organization | None:
        """The curated body a printed name is, else the body the kind rules make of it
        (resolution "rule"), else None."""
        found = self.resolve_org(name, jurisdiction) or self.classify(name, jurisdiction)
        return found if isinstance(found, Organization) else None

    def classify(self, name: str, jurisdiction: str) -> Organization | RuleMiss:
        """The body the kind rules make of a printed name, or why they cannot; a curated row of
        the canonical name (区卫健委 → 沙坪坝区卫生健康委员会) is that row."""
        key = (jurisdiction, normalise(name))
        if key not in self._ruled:
            self._ruled[key] = self._classify(key[1], jurisdiction)
        return self._ruled[key]

    def _classify(self, name: str, jurisdiction: str) -> Organization | RuleMiss:
        found = classify(name, jurisdiction, self.rules, self)
        if isinstance(found, RuleMiss):
            return found
        for form in (found.name_zh, found.short_form):
            if (found.jurisdiction, normalise(form)) in self._orgs:
                return self._orgs[(found.jurisdiction, normalise(form))]
        return _rule_organization(found)

    # what kg.rules reads of the registry

    def jurisdiction_name(self, jurisdiction: str) -> str:
        return self.jurisdictions[jurisdiction].name_zh

    def jurisdiction_prefix(self, jurisdiction: str) -> str | None:
        name = self.jurisdictions[jurisdiction].name_zh
        return next((s.prefix for s in self.suffixes
                     if name.endswith(s.suffix) and len(name) > len(s.suffix)), None)

    def level_words(self) -> set[str]:
        return {s.prefix for s in self.suffixes}

    @cached_property
    def _jurisdiction_names(self) -> list[tuple[str, str]]:
        return sorted(((j.name_zh, j.id) for j in self.jurisdictions.values()),
                      key=lambda pair: (-len(pair[0]), pair))

    def jurisdiction_names(self) -> list[tuple[str, str]]:
        return self._jurisdiction_names

    def jurisdiction_by_code(self) -> dict[str, str]:
        return {j.code: j.id for j in self.jurisdictions.values() if j.code}

    @cached_property
    def _curated_ids(self) -> dict[str, set[str]]:
        ids: dict[str, set[str]] = {}
        for org in self.organizations:
            ids.setdefault(org.jurisdiction, set()).add(org.id)
        return ids

    def curated_ids(self, jurisdiction: str) -> set[str]:
        return self._curated_ids.get(jurisdiction, set())

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
        # of the bodies of one full name elsewhere the first is the one kept below (the others
        # sort after it and overlap it): only it is taken (a name held by thousands of places
        # was thousands of matches a mention)
        near = set(lineage)
        for start, end, org in self._canonical_names.first(
                text, lambda org: org.jurisdiction not in near):
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


@dataclass(frozen=True)
class KnownJurisdictions:
    """The jurisdiction ids of a registry folder, and what to say of a name that is none."""

    ids: frozenset[str]
    names: dict[str, str]   # name_zh → id
    codes: dict[str, str]   # GB/T 2260 code → id

    def __contains__(self, jurisdiction: str) -> bool:
        return jurisdiction in self.ids

    def hint(self, given: str) -> str:
        """How to name the jurisdiction `given` probably means, after a semicolon."""
        if given in self.names or given in self.codes:
            found = self.names.get(given) or self.codes[given]
            return f"; {given} is the jurisdiction {found}: write `jurisdiction: {found}`"
        try:
            division = places().lookup(given)
        except PlaceError as error:
            known = ", ".join(sorted(self.ids)[:12])
            return f" ({error}); known ids: {known}{' …' if len(self.ids) > 12 else ''}"
        if division.code in self.codes:
            return (f"; {given} is the jurisdiction {self.codes[division.code]}: write "
                    f"`jurisdiction: {self.codes[division.code]}`")
        return (f"; {given} is the division {places().full_name(division.code)} (GB/T 2260 "
                f"{division.code}), not yet in the registry: `plankg registry place "
                f"{division.code} --append` adds it")


def jurisdiction_ids(folder: Path) -> KnownJurisdictions:
    """The jurisdictions of a registry folder, read without the rest of the registry."""
    rows = _rows(folder / "jurisdictions.csv")
    codes_file = folder / CODES
    codes = {row["jurisdiction"]: row["code"] for row in _rows(codes_file)} \
        if codes_file.exists() else {}
    return KnownJurisdictions(frozenset(r["id"] for r in rows),
                              {r["name_zh"]: r["id"] for r in rows},
                              {code: j for j, code in codes.items() if code})


def _rule_organization(found: RuleMatch) -> Organization:
    aliases = (found.printed,) if found.printed != found.name_zh else ()
    return Organization(found.jurisdiction, found.id, found.type, found.kind, found.name_zh, "",
                        aliases, resolution="rule")


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise RegistryError(f"{path}: registry table missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
