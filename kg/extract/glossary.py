"""Terms explained in a 名词解释 annex: "1.居民健康素养：指个人获取和理解健康信息…"."""
from __future__ import annotations

import re

from kg.extract.records import GlossaryRecord, Span
from kg.extract.text import clean

# The annex heading: "名词解释"
GLOSSARY_HEADING = re.compile(r"^\s*名词解释\s*$")
# An entry: "3.紧密型区域医共体：指以区级医院牵头…"
ENTRY = re.compile(r"^(?P<number>\d{1,3})\s*[.．、]\s*(?P<term>[^：:]{1,40})[：:]\s*(?P<definition>.+)$")


def parse_glossary(lines: list[str], file: str) -> list[GlossaryRecord]:
    entries: list[GlossaryRecord] = []
    inside = False
    for number, raw in enumerate(lines, 1):
        if GLOSSARY_HEADING.match(raw):
            inside = True
            continue
        if not inside:
            continue
        match = ENTRY.match(clean(raw))
        if match:
            entries.append(GlossaryRecord(int(match.group("number")), match.group("term").strip(),
                                          match.group("definition").strip(),
                                          Span(file, number, number)))
    return entries
