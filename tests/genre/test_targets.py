"""The extractor meets the genre set's targets on every layout, not only overall: task recall
≥ 98 %, link precision and recall ≥ 95 %, lead recall 100 % where the text marks leads, and no
plan missing tasks or links without a warning. The expectations are read by hand (expected/*.yaml)."""
from tests.genre.expectations import load_all
from tests.genre.score import check, run, totals


def test_every_layout_meets_the_targets():
    table = totals(run(load_all()))   # the held-out plans too: all twenty
    failures = {layout: check(score) for layout, score in table.items()}
    assert {layout: f for layout, f in failures.items() if f} == {}
