"""Every extracted node cites source lines that really hold it (competency question 14)."""
import re

from tests.conftest import SOURCES

SPANS = """SELECT ?node ?file ?start ?end ?label WHERE {
  ?node a %s ; prov:wasDerivedFrom ?span ; %s ?label .
  ?span pk:sourceFile ?file ; pk:startLine ?start ; pk:endLine ?end .
}"""


def _lines(file, start, end):
    text = (SOURCES / file).read_text(encoding="utf-8").split("\n")
    return re.sub(r"\s+", "", "".join(text[int(start) - 1:int(end)]))


def _check(store, cls, prop, expect):
    names, found = store.select(SPANS % (cls, prop))
    assert found
    bad = []
    by_node = {}
    for row in found:
        by_node.setdefault(row["node"].value, []).append(row)
    for node, rows in by_node.items():
        held = "".join(_lines(r["file"].value, r["start"].value, r["end"].value) for r in rows)
        if not expect(rows[0]["label"].value, held):
            bad.append(node)
    assert bad == []


def test_every_task_span_holds_the_task_title(store):
    def holds(title, held):
        return re.sub(r"\s+", "", title)[:12] in held
    _check(store, "pk:Task", "skos:prefLabel", holds)


def test_every_target_and_baseline_span_holds_its_printed_value(store):
    def holds(text, held):
        return all(number in held for number in re.findall(r"\d+(?:\.\d+)?", text)) and (
            re.sub(r"\s+", "", text)[:1] in held)
    _check(store, "pk:Target", "pk:valueText", holds)
    _check(store, "pk:Baseline", "pk:valueText", holds)


def test_every_group_span_holds_its_heading(store):
    _check(store, "pk:TaskGroup", "skos:prefLabel", lambda title, held: title in held)
