"""Synthetic place names: deterministic, clearly invented, each with an ASCII id.

Two syllables from data/synth/syllables.csv (龙溪, 云岭); past 900 places a third is added.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from itertools import product
from pathlib import Path


@dataclass(frozen=True)
class PlaceName:
    """An invented place: 龙溪 (short form, before 区/市), longxi, and its corpus id."""

    short: str
    pinyin: str
    id: str  # ASCII, unique in the corpus: syn0007-longxi

    @property
    def title_en(self) -> str:
        return self.pinyin.capitalize()


def load_syllables(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Syllables by position ("first", "second"): (hanzi, pinyin) pairs in table order."""
    table: dict[str, list[tuple[str, str]]] = {"first": [], "second": []}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            table[row["position"]].append((row["hanzi"], row["pinyin"]))
    return table


def place_names(count: int, seed: int, syllables: dict[str, list[tuple[str, str]]]
                ) -> list[PlaceName]:
    """`count` distinct names in an order fixed by `seed`; two-syllable names come first."""
    rng = random.Random(f"places-{seed}")
    first, second = syllables["first"], syllables["second"]
    pairs = list(product(first, second))
    rng.shuffle(pairs)
    combos: list[tuple[tuple[str, str], ...]] = list(pairs[:count])
    if count > len(pairs):
        triples = [(a, b, c) for a, b, c in product(first, second, second) if b != c]
        combos += rng.sample(triples, count - len(pairs))
    names = []
    for index, combo in enumerate(combos, 1):
        short = "".join(hanzi for hanzi, _ in combo)
        pinyin = "".join(sound for _, sound in combo)
        names.append(PlaceName(short, pinyin, f"syn{index:04d}-{pinyin}"))
    return names
