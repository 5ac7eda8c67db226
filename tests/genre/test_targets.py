"""The extractor meets the genre set's targets on every layout, not only overall: task recall
≥ 98 %, link precision and recall ≥ 95 %, lead recall 100 % where the text marks leads, and no
plan missing tasks or links without a warning. The expectations are read by hand (expected/*.yaml).

The unseen plans (unseen: true) were scored before any change was made for them
(docs/extraction.md); those that reach the targets now are held to them here, the others are
listed there with what they still miss."""
from tests.genre.expectations import load_all
from tests.genre.score import check, run, totals

# the unseen plans' layouts that meet the targets as published
UNSEEN_HELD = ("two-level-html", "two-level-docx", "copied-prose", "copied-prose-roles",
               "browser-pdf", "pages-pdf")


def test_every_layout_meets_the_targets():
    table = totals(run([e for e in load_all() if not e.unseen]))   # the held-out plans too
    failures = {layout: check(score) for layout, score in table.items()}
    assert {layout: f for layout, f in failures.items() if f} == {}


def test_the_unseen_plans_held_meet_the_targets():
    table = totals(run([e for e in load_all() if e.unseen and e.layout in UNSEEN_HELD]))
    failures = {layout: check(score) for layout, score in table.items()}
    assert {layout: f for layout, f in failures.items() if f} == {}
    assert set(table) == set(UNSEEN_HELD) | {"overall"}
