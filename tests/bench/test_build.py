"""The build section's rebuilds: the one-plan change made and put back in turn, each timed."""
from __future__ import annotations

from bench.build import measure_build
from bench.corpora import prepare


def test_rebuilds_alternate_the_change_and_leave_the_text_as_it_was(tmp_path):
    corpus = prepare(5, 1, tmp_path / "work", tmp_path / "bench.log")
    # the first plan of data/sources/manifest.yaml; its task lines use 加强 (bench.corpora.CHANGE)
    text = corpus.paths.sources / "shapingba_2025_service_system.txt"
    before = text.read_bytes()
    found = measure_build(corpus, 1, tmp_path / "bench.log", repeat=3)
    again = found["incremental"]
    assert len(again["runs_s"]) == 3 and again["seconds"] == sorted(again["runs_s"])[1]
    # the last run put the word back: that plan was extracted again, and only it
    assert again["extracted"] == ["shapingba-2025"] and again["revalidated"] == 1
    assert text.read_bytes() == before
