"""kg.build.lines: sorted N-Triples lines held as one UTF-8 buffer read back as the strings
they were, indexed, sliced, bisected and pickled like the list they replace."""
import pickle
from bisect import bisect_left

import pytest

from kg.build import lines as lines_module
from kg.build.lines import Lines
from kg.build.rebuild import about

# lines written for this test: ASCII, Chinese names, an escaped quote, a line of one character
WRITTEN = sorted({
    '<https://example.org/body/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "卫生健康委员会"@zh .',
    '<https://example.org/body/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .',
    '<https://example.org/body/ab> <http://www.w3.org/2004/02/skos/core#prefLabel> "医保局"@zh .',
    '<https://example.org/body/b> <http://www.w3.org/2000/01/rdf-schema#comment> "a \\"quoted\\" name" .',
    '_:x <http://purl.org/dc/terms/title> "十四五" .',
    "z",
})


def test_the_lines_read_back_as_given() -> None:
    held = Lines.of(WRITTEN)
    assert len(held) == len(WRITTEN)
    assert list(held) == WRITTEN
    assert [held[i] for i in range(len(WRITTEN))] == WRITTEN
    assert held[-1] == "z" and held[-len(WRITTEN)] == WRITTEN[0]
    assert held[1:4] == WRITTEN[1:4] and held[3:3] == [] and held[::2] == WRITTEN[::2]
    with pytest.raises(IndexError):
        held[len(WRITTEN)]


def test_a_buffer_costs_the_lines_utf8_bytes() -> None:
    held = Lines.of(WRITTEN)
    text = sum(len(line.encode()) + 1 for line in WRITTEN)
    assert held.nbytes == text + 8 * (len(WRITTEN) + 1)


def test_iteration_crosses_blocks(monkeypatch) -> None:
    monkeypatch.setattr(lines_module, "_BLOCK", 4)
    many = [f"<n{i:03d}> <p> \"名{i}\" ." for i in range(11)]
    held = Lines.of(many)
    assert list(held) == many


def test_union_is_sorted_and_distinct() -> None:
    registry = Lines.of(WRITTEN[:4])
    plans = sorted({WRITTEN[2], WRITTEN[5], WRITTEN[4]})
    assert list(Lines.union(registry, plans)) == WRITTEN
    assert list(Lines.union((), [])) == []


def test_bisection_finds_a_subject_lines() -> None:
    """about() bisects for "node " so that body/a's lines are not body/ab's."""
    held = Lines.of(WRITTEN)
    assert about("<https://example.org/body/a>", held) == WRITTEN[:2]
    assert about("<https://example.org/body/ab>", held) == [WRITTEN[2]]
    assert about("<https://example.org/body/none>", held) == []
    assert bisect_left(held, "_:") == bisect_left(WRITTEN, "_:")


def test_pickled_lines_are_equal() -> None:
    held = Lines.of(WRITTEN)
    again = pickle.loads(pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == held and list(again) == WRITTEN
    assert held == WRITTEN and held != WRITTEN[:-1]
