"""The SHACL engine evaluation (bench.shacl_eval, docs/validation.md "Other SHACL engines"): each
engine in a forked child, a crash or a run over the limit that engine's alone, and reports
compared as sets of (focus, path, component, severity). Only the engines every install has
(pySHACL, the store engine) run here; the others need the shacl-eval extra."""
import os
import time

from bench.shacl_eval import DATATYPE, EX, compare, lexical_forms, run_engine
from bench.shacl_engines import BY_NAME, Engine

MIN_COUNT = "http://www.w3.org/ns/shacl#MinCountConstraintComponent"


def test_the_store_engine_reads_the_lexical_forms_as_xsd_does_and_pyshacl_misses_two():
    """tests/validate/test_core.py::test_lexical_forms: "2027年" is no xsd:gYear (LEXICAL[1]) and
    "1e3" no xsd:decimal (LEXICAL[3]); pySHACL 0.40 takes both."""
    inputs, expected = lexical_forms()
    store = run_engine(BY_NAME["store"], inputs, repeat=2, limit=60)
    reference = run_engine(BY_NAME["pyshacl"], inputs, repeat=1, limit=60)
    assert store["status"] == "ok" and store["runs"] == 2 and store["seconds"] > 0
    assert compare(store["keys"], expected)["same"]
    assert set(expected) - set(reference["keys"]) == {
        (f"{EX}x1", f"{EX}v1", DATATYPE, "Violation"), (f"{EX}x3", f"{EX}v3", DATATYPE, "Violation")}
    assert compare(reference["keys"], expected)["extra"] == 0


def test_what_differs_is_counted_by_component_and_shown():
    reference = [("a", "p", MIN_COUNT, "Violation"), ("b", "p", MIN_COUNT, "Violation")]
    found = [("a", "p", MIN_COUNT, "Violation"), ("c", "", DATATYPE, "Warning"),
             ("c", "", DATATYPE, "Warning")]
    diff = compare(found, reference)
    assert not diff["same"] and diff["results"] == 3 and diff["distinct"] == 2
    assert diff["by_component"] == {"MinCountConstraintComponent (Violation): missing": 1,
                                    "DatatypeConstraintComponent (Warning): extra": 1}
    assert diff["example_missing"] == ["b", "p", MIN_COUNT, "Violation"]
    assert compare(reference[::-1], reference)["same"]


def test_an_engine_that_dies_or_runs_over_costs_its_own_run_only():
    inputs, _ = lexical_forms()
    died = run_engine(Engine("dies", "plankg", lambda _: os._exit(3)), inputs, repeat=3, limit=30)
    assert died == {"status": "error", "error": "the process died (exit 3)"}
    started = time.perf_counter()
    slow = run_engine(Engine("slow", "plankg", lambda _: time.sleep(30) or []), inputs, repeat=3,
                      limit=0.5)
    assert slow == {"status": "over", "limit_s": 0.5} and time.perf_counter() - started < 10


def test_the_command_line_names_the_engines_when_given_an_unknown_one(capsys):
    from bench.shacl_eval import main

    assert main(["--engines", "pyshacl", "--engines", "nope"]) == 2
    error = capsys.readouterr().err
    assert "nope" in error and "pyrudof" in error
