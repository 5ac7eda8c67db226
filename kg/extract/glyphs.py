"""The characters a published document yields put back to the ones its author typed.

A PDF printed by a browser, wkhtmltopdf or a Chinese typesetting system often maps a glyph to the
code point of a CJK radical: 人 comes out as ⼈ (U+2F08, Kangxi Radicals) and 民 as ⺠ (U+2EA0, CJK
Radicals Supplement). They look the same and match nothing: 县⼈社局 is no registry name and a
search for 人社局 does not find it. NFKC maps the Kangxi block only, and would also turn the
full-width brackets of names (各乡镇（街道）) into ASCII ones, so it is not applied.

What is mapped, one character for one (line numbers and offsets stay as printed):

| what | from | how |
|---|---|---|
| Kangxi Radicals, CJK Radicals Supplement, CJK Strokes | U+2E80–2FDF, U+31C0–31EF | Unicode's Equivalent_Unified_Ideograph property (`data/EquivalentUnifiedIdeograph.txt`, UCD 15.0, as Debian's unicode-data ships it) |
| CJK Compatibility Ideographs | U+F900–FAFF, U+2F800–2FA1F | their canonical decomposition (NFC of the one character) |
| full-width digits | ０–９ | 0–9: a digit is a number in these texts |
| dash variants | ― (U+2015), ━ (U+2501) | — (U+2014), the dash of a title's —— and a footer's — 3 — |
"""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

TABLE_FILE = Path(__file__).parent / "data" / "EquivalentUnifiedIdeograph.txt"
COMPATIBILITY = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
FULL_WIDTH_DIGITS = {0xFF10 + n: ord("0") + n for n in range(10)}
DASHES = {0x2015: 0x2014, 0x2501: 0x2014}


def equivalent_ideographs(path: Path = TABLE_FILE) -> dict[int, int]:
    """Radical or stroke code point → its equivalent unified ideograph, as the UCD file lists them
    (`2E8C..2E8D ; 5C0F`); code points listed in comments have none and are not mapped."""
    mapping: dict[int, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.partition("#")[0].strip()
        if not data:
            continue
        points, _, ideograph = (part.strip() for part in data.partition(";"))
        first, _, last = points.partition("..")
        for point in range(int(first, 16), int(last or first, 16) + 1):
            mapping[point] = int(ideograph, 16)
    return mapping


@cache
def table() -> dict[int, int]:
    """The str.translate table of every mapping above."""
    mapping = equivalent_ideographs()
    for first, last in COMPATIBILITY:
        for point in range(first, last + 1):
            unified = unicodedata.normalize("NFC", chr(point))
            if unified != chr(point) and len(unified) == 1:
                mapping[point] = ord(unified)
    return mapping | FULL_WIDTH_DIGITS | DASHES


def normalise(text: str) -> str:
    """`text` with every character above mapped; the same length as `text`."""
    return text.translate(table())


def changed(text: str) -> bool:
    """Whether `text` holds a character normalise maps (a document's fonts gave radicals)."""
    return any(ord(char) in table() for char in text)
