"""The extractor under hypothesis: random texts and the twenty held-out plans of
tests/genre/plans/ mutated (lines cut, copied, swapped, characters inserted, digits changed,
the text cut short) are read, with warnings where they are unread, or refused with
PlanParseError (DocumentError is one) naming file and line; never another exception. The same
as bytes in a .txt file, some not UTF-8, through extract_file."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import PlanParseError, extract_file, extract_text
from tests.reliability.conftest import FULL, scaled

pytestmark = pytest.mark.timeout(scaled(120, 1800))

PLANS = sorted((Path(__file__).resolve().parents[1] / "genre" / "plans").glob("*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in PLANS]
FUZZ = settings(max_examples=scaled(12, 400), deadline=None, derandomize=not FULL,
                database=None, suppress_health_check=list(HealthCheck))
# what plan texts are made of: headings' numerals and brackets, units, digits, punctuation
PLAN_CHARACTERS = "一二三四五六七八九十（）()、.．：:；;，,。%‰≥≤≈~～-—0123456789年月日万元人张床个牵头单位责任\t\n 　"


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        span = draw(st.integers(1, 20))
        edit = draw(st.sampled_from(["cut", "copy", "swap", "insert", "digits", "truncate"]))
        if edit == "cut":
            del lines[at:at + span]
        elif edit == "copy":
            lines[at:at] = lines[at:at + span]
        elif edit == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "insert":
            line = lines[at]
            where = draw(st.integers(0, len(line)))
            noise = draw(st.text(alphabet=PLAN_CHARACTERS, max_size=12) | st.text(max_size=12))
            lines[at] = line[:where] + noise + line[where:]
        elif edit == "digits":
            lines[at] = "".join(draw(st.sampled_from("0123456789")) if c.isdigit() else c
                                for c in lines[at])
        else:
            lines = lines[:at + 1]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def read_or_refuse(figures: dict, read, *args) -> None:
    try:
        records = read(*args)
    except PlanParseError as error:
        assert error.file and error.line is not None, error   # it says where
        outcome = "refused (PlanParseError)"
    else:
        outcome = "read with warnings" if records.warnings else "read"
    figures[outcome] = figures.get(outcome, 0) + 1


@FUZZ
@given(text=st.one_of(mutated(), st.text(alphabet=PLAN_CHARACTERS, max_size=400),
                      st.text(max_size=400)))
def test_mutated_and_random_texts_are_read_or_refused_with_plan_parse_error(figures, text):
    """A mutated held-out plan or random text: read (warnings naming lines) or PlanParseError."""
    read_or_refuse(figures, extract_text, text, "fuzz.txt")


@FUZZ
@given(data=st.one_of(mutated().map(lambda t: t.encode("utf-8")), st.binary(max_size=2000)))
def test_bytes_in_a_text_file_are_read_or_refused_with_plan_parse_error(tmp_path_factory,
                                                                         figures, data):
    """Bytes as a .txt plan, many of them not UTF-8: read, or refused naming the file."""
    path = tmp_path_factory.mktemp("fuzz") / "plan.txt"
    path.write_bytes(data)
    read_or_refuse(figures, extract_file, path)
