"""The query runner's timing: each query in a forked child, a warm-up left out of the runs, and
`limit` seconds for the warm-up and again for the timed runs."""
import time

from bench.query_runner import timed_runs


def engine_taking(first: float, later: float):
    """An engine (a query in, a row count out) whose first run in a process takes `first`
    seconds and every later one `later`; each forked child starts its own count."""
    calls = []

    def run(sparql: str) -> int:
        time.sleep(first if not calls else later)
        calls.append(sparql)
        return 7

    return run


def test_the_warm_up_is_timed_apart_from_the_runs():
    found = timed_runs(engine_taking(0.3, 0.01), "ASK {}", repeat=3, limit=10)
    assert found["warmup"] >= 0.3
    assert len(found["runs"]) == 3 and max(found["runs"]) < 0.3
    assert found["rows"] == 7 and found["over"] is None and found["stopped_after"] is None


def test_the_timed_runs_get_their_own_limit_after_the_warm_up():
    # warm-up 0.5 s and runs 0.5 s against a 0.8 s limit: over it in all, but each phase fits
    found = timed_runs(engine_taking(0.5, 0.5), "ASK {}", repeat=5, limit=0.8)
    assert found["warmup"] >= 0.5
    assert len(found["runs"]) == 1 and found["stopped_after"] == 1


def test_a_warm_up_over_the_limit_is_over():
    found = timed_runs(engine_taking(3, 0.01), "ASK {}", repeat=3, limit=0.5)
    assert found["warmup"] is None and found["runs"] == [] and found["over"] == 0.5


def test_an_engine_error_is_reported():
    def failing(sparql: str) -> int:
        raise ValueError("no such graph\nat line 2")

    found = timed_runs(failing, "ASK {}", repeat=2, limit=5)
    assert found["error"] == "ValueError: no such graph at line 2" and found["runs"] == []
