"""Queries 02 and 13 answered from counts stored ahead (bench/summary.py) give the queries' own
rows, term for term and in the same order of their ORDER BY keys, on the five real plans and on
a synthetic corpus of 12 plans."""
from __future__ import annotations

import pytest

from bench.floor import bare_store
from bench.summary import FROM_SUMMARY, compare, write_summary
from kg.build import run_build
from kg.paths import Paths
from kg.store import load_queries
from kg.synth import write_corpus


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary") / "corpus"
    write_corpus(12, 1, folder)
    paths = Paths.corpus(folder)
    run_build(paths)
    return paths.build


@pytest.mark.parametrize("corpus", ["real", "synthetic"])
def test_the_summary_answers_02_and_13_with_the_queries_own_rows(corpus, built, synthetic):
    store = bare_store(built[0].build if corpus == "real" else synthetic)
    quads, _ = write_summary(store)
    assert quads > 0
    queries = load_queries(Paths().queries)
    for name in FROM_SUMMARY:
        found = compare(store, name, queries[name][1])
        assert found["rows"] > 0, name
        assert found["same_rows"] and found["rows"] == found["summary_rows"], (name, found)
