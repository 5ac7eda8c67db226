"""The search section's figures (bench/search.py): percentiles over every run of every phrase,
the LIKE and trigram paths apart, and the target checked on the index's p95."""
from __future__ import annotations

from bench.search import phrases, summary
from bench.targets import MET, MISSED, search_checks
from tests.conftest import SOURCES


def measured(index_ms: list[float], scan_ms: list[float], same: bool = True) -> dict:
    rows = [{"phrase": "医保", "like": True, "index_s": [index_ms[0] / 1000],
             "every_s": [index_ms[0] / 1000], "scan_s": [scan_ms[0] / 1000], "hits": 3,
             "same": True},
            {"phrase": "区医保局", "like": False, "index_s": [t / 1000 for t in index_ms[1:]],
             "every_s": [t / 1000 for t in index_ms[1:]],
             "scan_s": [t / 1000 for t in scan_ms[1:]], "hits": 5, "same": same}]
    return {"load_seconds": 1.0, "index_bytes": 2 ** 20, "phrases": rows}


def test_percentiles_are_over_all_runs_and_each_path_apart():
    found = summary(measured([10, 2, 4], [100, 40, 60]))
    assert found["like"]["index_p50_ms"] == 10 and found["trigram"]["index_p50_ms"] == 3
    assert found["all"]["scan_p50_ms"] == 60
    assert found["ratio_p95"] == found["all"]["scan_p95_ms"] / found["all"]["index_p95_ms"]
    assert found["differ"] == [] and found["short_phrases"] == 1


def test_the_target_is_the_index_p95_and_a_different_answer_is_said():
    (fast,) = search_checks(summary(measured([1, 2, 3], [9, 9, 9])), 1000)
    (slow,) = search_checks(summary(measured([80, 90, 99], [9, 9, 9], same=False)), 1000)
    assert fast.status == MET and slow.status == MISSED
    assert "区医保局" in slow.why


def test_phrases_are_cut_from_the_texts_the_first_ones_short():
    chosen = phrases(SOURCES, count=12, short=3)
    texts = "".join(file.read_text("utf-8") for file in SOURCES.glob("*.txt"))
    assert all(phrase in texts for phrase in chosen) and len(set(chosen)) == 12
    assert [len(p) for p in chosen[:3]] == [2, 2, 2] and all(len(p) >= 3 for p in chosen[3:])
