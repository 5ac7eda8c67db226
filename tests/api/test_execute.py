"""api.execute on a small store of awkward terms: the cap keeps exactly N solutions and says
whether more were there, whatever the type asked for; terms with tabs, newlines, quotes,
language tags, datatypes, blank nodes and unbound values come out as pyoxigraph writes them."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from api.execute import Answer, Capped, Job, LineSink, execute
from tests.api.test_execute_store import ONE_COLUMN, STORE_TERMS, small_store

JSON, TSV, CSV, XML = ("application/sparql-results+json", "text/tab-separated-values",
                       "text/csv", "application/sparql-results+xml")


def run(query: str, media: str, max_rows: int) -> Answer:
    answer = execute(small_store(), Job(query, media, None, max_rows))
    assert isinstance(answer, Answer), answer
    return answer


@pytest.mark.parametrize("max_rows, kept, truncated", [(1, 1, True), (2, 2, True), (3, 3, False),
                                                       (10, 3, False)])
def test_the_cap_keeps_n_solutions_and_says_whether_there_were_more(max_rows, kept, truncated):
    answer = run(ONE_COLUMN, JSON, max_rows)
    bindings = json.loads(answer.body)["results"]["bindings"]
    assert (answer.rows, len(bindings), answer.truncated) == (kept, kept, truncated)
    # ORDER BY ?o: the literals "a", "b", "c" (tests/api/test_execute_store.py), in order
    assert [b["o"]["value"] for b in bindings] == ["a", "b", "c"][:kept]


@pytest.mark.parametrize("media", [JSON, TSV, CSV, XML])
def test_every_results_type_is_capped_alike(media):
    answer = run(ONE_COLUMN, media, 2)
    assert (answer.rows, answer.truncated, answer.media_type) == (2, True, media)
    if media == CSV:  # SPARQL CSV, which pyoxigraph does not read back: CRLF line ends
        assert answer.body == b"o\r\na\r\nb\r\n"
        return
    again = ox.parse_query_results(answer.body, format=FORMATS[media])
    assert [s["o"].value for s in again] == ["a", "b"]


FORMATS = {JSON: ox.QueryResultsFormat.JSON, TSV: ox.QueryResultsFormat.TSV,
           CSV: ox.QueryResultsFormat.CSV, XML: ox.QueryResultsFormat.XML}


def test_awkward_terms_and_unbound_values_come_back_as_they_are_stored():
    answer = run("SELECT ?s ?o ?none WHERE { ?s <http://example.org/q> ?o "
                 "OPTIONAL { ?s <http://example.org/absent> ?none } } ORDER BY STR(?o)", JSON, 10)
    bindings = json.loads(answer.body)["results"]["bindings"]
    assert answer.rows == len(STORE_TERMS) and not answer.truncated
    got = sorted((b["o"]["value"], b["o"].get("xml:lang"), b["o"].get("datatype"),
                  b["s"]["type"], "none" in b) for b in bindings)
    want = sorted((term.value, term.language,
                   None if term.language or term.datatype.value.endswith("#string")
                   else term.datatype.value, kind, False) for kind, term in STORE_TERMS)
    assert got == want


def test_no_solutions_and_a_boolean():
    empty = run("SELECT ?x WHERE { FILTER(false) }", JSON, 5)
    assert (empty.rows, empty.truncated) == (0, False)
    assert json.loads(empty.body) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert json.loads(run("ASK { ?s ?p ?o }", JSON, 5).body)["boolean"] is True


def test_the_sink_cuts_at_the_line_whatever_the_chunks():
    sink = LineSink(3)
    assert sink.write(b"?o\n\"a\"") == 6          # the header, and half a line
    assert sink.write(b"\n\"b\"\n") == 5           # the third line ends the room
    with pytest.raises(Capped):
        sink.write(b"\"c\"\n")
    assert (sink.kept(), sink.lines, sink.capped) == (b"?o\n\"a\"\n\"b\"\n", 3, True)
    inside = LineSink(2)
    with pytest.raises(Capped):
        inside.write(b"?o\n\"a\"\n\"b\"\n")        # past the room within one chunk
    assert (inside.kept(), inside.capped) == (b"?o\n\"a\"\n", True)
    exact = LineSink(2)
    exact.write(b"?o\n\"a\"\n")
    assert (exact.capped, exact.lines) == (False, 2)


def store_of(literals: list[str]):
    from tests.api.test_execute_store import _Loaded

    store = ox.Store()
    for n, text in enumerate(literals):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/r{n}"),
                          ox.NamedNode("http://example.org/v"), ox.Literal(text)))
    return _Loaded(store)


LITERALS = "SELECT ?o WHERE { ?s <http://example.org/v> ?o } ORDER BY ?o"


@pytest.mark.parametrize("max_rows", [1, 2, 3, 4, 100])
def test_json_counts_solutions_whatever_their_strings_hold(max_rows):
    # strings that look like the places between solutions (`},{"` ...); at 3 rows one holds
    # `{}`, which the JSON count cannot tell from a solution binding nothing (counted by lines)
    texts = ['a},{', 'b"}},{"x', 'c}},{"o":{"type":"uri"', 'd},{"}']
    if max_rows == 3:
        texts[3] = 'd{}'
    answer = execute(store_of(texts), Job(LITERALS, JSON, None, max_rows))
    kept = min(max_rows, len(texts))
    values = [b["o"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]
    assert values == sorted(texts)[:kept]
    assert (answer.rows, answer.truncated) == (kept, max_rows < len(texts))


def test_json_is_cut_across_pyoxigraph_s_chunks():
    texts = [f"{n:05d} " + "字" * 300 for n in range(200)]  # about 190 KiB: many 8 KiB chunks
    for max_rows in (1, 57, 199, 200):
        answer = execute(store_of(texts), Job(LITERALS, JSON, None, max_rows))
        values = [b["o"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]
        assert values == texts[:max_rows] and answer.rows == max_rows
        assert answer.truncated == (max_rows < 200)


def test_solutions_binding_nothing_are_counted_by_lines():
    query = ("SELECT ?x WHERE { ?s <http://example.org/v> ?o "
             "OPTIONAL { ?s <http://example.org/absent> ?x } }")
    answer = execute(store_of(["a", "b", "c"]), Job(query, JSON, None, 2))
    assert json.loads(answer.body)["results"]["bindings"] == [{}, {}]
    assert (answer.rows, answer.truncated) == (2, True)
