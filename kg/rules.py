"""Names the curated tables do not know, classified by rule: the kind its printed suffix says
(data/registry/kind_rules.csv), the jurisdiction its prefix says, a canonical name and a stable id.

A name is read right to left: the longest pattern it ends with gives kind, type and the full form
of the suffix (区卫健委 → 卫健委 → 卫生健康委员会); what stands before the pattern names the place:
nothing (财政局) or a level word (区, 县, 市 …: the nearest jurisdiction of the plan's lineage of that
level) or a jurisdiction's full name (重庆市, 四川省广安市华蓥市). An institution may keep an ordinal
or a town between place and pattern (朱沱镇卫生院, 第一人民医院); a department or group nothing.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.places import places

TYPES = ("department", "institution", "group")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HASH_LENGTH = 8
# What may stand between an institution's place and its pattern: an ordinal or a town or
# subdistrict, "第二" of 县第二人民医院, "九龙镇" of 九龙镇卫生院, "茶山竹海街道" of …社区卫生服务中心;
# anything else (北京大学 of 北京大学人民医院) may be another place's body, and is left to a row
INSTITUTION_QUALIFIER = re.compile(r"第[一二三四五六七八九十]+|[\u4e00-\u9fff]{1,6}(?:镇|乡|街道)")


class RuleTableError(ValueError):
    """A kind_rules.csv row that cannot be used, with its line."""


@dataclass(frozen=True)
class KindRule:
    pattern: str     # the printed suffix: 卫健委
    canonical: str   # its full form: 卫生健康委员会
    id: str          # the body's id where nothing but a place stands before the pattern
    kind: str        # an org_kinds.csv id
    type: str        # department | institution | group
    notes: str = ""


@dataclass(frozen=True)
class RuleMatch:
    """What the rules make of a printed name."""

    jurisdiction: str   # a jurisdictions.csv id
    id: str
    type: str
    kind: str
    name_zh: str        # canonical: the jurisdiction's name, the text kept, the full suffix
    printed: str
    short_form: str     # the jurisdiction's name, the text kept, the pattern as printed


@dataclass(frozen=True)
class RuleMiss:
    """Why a printed name could not be classified."""

    reason: str


class RegistryView(Protocol):
    """What the rules need of the registry: its jurisdictions and curated ids."""

    def lineage(self, jurisdiction: str) -> list[str]: ...
    def jurisdiction_name(self, jurisdiction: str) -> str: ...
    def jurisdiction_prefix(self, jurisdiction: str) -> str | None: ...
    def jurisdiction_names(self) -> list[tuple[str, str]]: ...
    def level_words(self) -> set[str]: ...
    def jurisdiction_by_code(self) -> dict[str, str]: ...
    def curated_ids(self, jurisdiction: str) -> set[str]: ...


def load_rules(path: Path, kinds: set[str]) -> list[KindRule]:
    """The rule table, checked: known kinds and types, slugs, and one canonical form, kind and
    type per id (two patterns giving one id must name the same body)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rules, by_id, by_canonical, seen = [], {}, {}, set()
    for line, row in enumerate(rows, 2):
        rule = KindRule(*(row[c].strip() for c in ("pattern", "canonical", "id", "kind", "type")),
                        (row.get("notes") or "").strip())
        where = f"{path.name} line {line} ({rule.pattern})"
        if not rule.pattern or not rule.canonical:
            raise RuleTableError(f"{where}: pattern and canonical must be filled")
        if rule.pattern in seen:
            raise RuleTableError(f"{where}: the pattern appears twice")
        if rule.kind not in kinds:
            raise RuleTableError(f"{where}: kind {rule.kind!r} is not in org_kinds.csv")
        if rule.type not in TYPES:
            raise RuleTableError(f"{where}: type {rule.type!r} is not one of {', '.join(TYPES)}")
        if not SLUG.fullmatch(rule.id):
            raise RuleTableError(f"{where}: id {rule.id!r} is not an ASCII slug")
        first = by_id.setdefault(rule.id, rule)
        if (first.canonical, first.kind, first.type) != (rule.canonical, rule.kind, rule.type):
            raise RuleTableError(f"{where}: id {rule.id} already stands for {first.canonical} "
                                 f"({first.kind}, {first.type}); give this form an id of its own")
        if by_canonical.setdefault(rule.canonical, rule.id) != rule.id:
            raise RuleTableError(f"{where}: {rule.canonical} is the body "
                                 f"{by_canonical[rule.canonical]} already; give it that id")
        seen.add(rule.pattern)
        rules.append(rule)
    return sorted(rules, key=lambda r: (-len(r.pattern), r.pattern))


def match_pattern(name: str, rules: list[KindRule]) -> KindRule | None:
    """The longest pattern the name ends with."""
    return next((rule for rule in rules if name.endswith(rule.pattern)), None)


def classify(name: str, plan_jurisdiction: str, rules: list[KindRule],
             registry: RegistryView) -> RuleMatch | RuleMiss:
    """A printed name (white space removed) as a body of a jurisdiction, or why not."""
    rule = match_pattern(name, rules)
    if rule is None:
        return RuleMiss("no pattern of kind_rules.csv ends the name")
    place, rest = _place(name[:-len(rule.pattern)], plan_jurisdiction, registry)
    if isinstance(place, RuleMiss):
        return place
    if rest and rule.type != "institution":
        return RuleMiss(f"{rest!r} before {rule.pattern} names no place: a {rule.type} is a "
                        "place's own")
    if rest and not INSTITUTION_QUALIFIER.fullmatch(rest):
        return RuleMiss(f"{rest!r} before {rule.pattern} is neither an ordinal (第二) nor a town "
                        "(九龙镇): the body may be another place's")
    canonical = registry.jurisdiction_name(place) + rest + rule.canonical
    body_id = rule.id
    taken = registry.curated_ids(place)
    if rest or body_id in taken:
        digest = hashlib.sha1(f"{place}/{canonical}".encode("utf-8")).hexdigest()
        length = HASH_LENGTH
        while (body_id := f"{rule.id}-{digest[:length]}") in taken:
            length += 2
    short_form = registry.jurisdiction_name(place) + rest + rule.pattern
    return RuleMatch(place, body_id, rule.type, rule.kind, canonical, name, short_form)


def _place(leading: str, plan_jurisdiction: str, registry: RegistryView
           ) -> tuple[str | RuleMiss, str]:
    """The jurisdiction the text before the pattern names, and the text after that place."""
    names = registry.jurisdiction_names()   # longest first
    place = None
    while True:   # 重庆市 then 沙坪坝区: the most specific full name wins
        named = next(((n, j) for n, j in names if leading.startswith(n)), None)
        if named is None:
            break
        if place is not None and place not in registry.lineage(named[1]):
            return RuleMiss(f"{named[0]} does not lie in the place printed before it"), leading
        place, leading = named[1], leading[len(named[0]):]
    if place is not None:
        return place, leading
    lineage = registry.lineage(plan_jurisdiction)
    for length in (3, 2, 1):   # 自治区 before 区
        word = leading[:length]
        if len(word) < length:
            continue
        for candidate in lineage:
            if registry.jurisdiction_prefix(candidate) == word:
                return candidate, leading[length:]
    if leading:
        found = places().starting(leading)
        if found is not None:
            key, divisions = found
            codes = registry.jurisdiction_by_code()
            known = [codes[d.code] for d in divisions if d.code in codes]
            if len(known) == 1:
                return known[0], leading[len(key):]
            return RuleMiss(f"{key} is a division (GB/T 2260 {', '.join(d.code for d in divisions)})"
                            " that jurisdictions.csv lacks: add it (`plankg registry place "
                            f"{key}`)"), leading
        if any(leading.startswith(word) for word in registry.level_words()):
            return RuleMiss(f"{leading[:1]} names no jurisdiction of the plan's lineage "
                            f"({' → '.join(lineage)})"), leading
    return plan_jurisdiction, leading
