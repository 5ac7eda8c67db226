"""How the benchmark turns runs into figures: percentiles, speed-ups that are lower bounds when
the slower side ran over its limit, and targets met, missed or not measured."""
from __future__ import annotations

from bench.measure import percentile
from bench.queries import median_speedup, speedup
from bench.targets import MET, MISSED, UNMEASURED, build_checks, validation_checks


def test_percentiles_interpolate_between_ranks():
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([0.0, 10.0], 95) == 9.5


def test_a_query_rdflib_did_not_finish_gives_a_lower_bound():
    fast = {"p50_ms": 2.0}
    assert speedup(fast, {"p50_ms": 50.0, "over_s": None}) == {"value": 25.0, "bound": None}
    assert speedup(fast, {"p50_ms": None, "over_s": 30.0}) == {"value": 15000.0, "bound": ">"}
    assert speedup(fast, {"p50_ms": None, "over_s": None}) == {"value": None, "bound": None}


def test_the_median_is_a_lower_bound_only_when_a_bound_is_at_or_below_the_middle():
    exact = [{"value": v, "bound": None} for v in (1, 2, 3)]
    assert median_speedup(exact) == {"value": 2, "bound": None}
    high_bound = exact[:2] + [{"value": 100, "bound": ">"}]
    assert median_speedup(high_bound) == {"value": 2, "bound": None}
    low_bound = [{"value": 1, "bound": ">"}] + exact[1:]
    assert median_speedup(low_bound) == {"value": 2, "bound": ">"}


def test_build_targets_are_met_missed_or_not_measured():
    found = {"seconds": 100.0, "tree_peak_bytes": 5 * 1024 ** 3,
             "incremental": {"seconds": 1.5}}
    full, memory, rebuild = build_checks(found, 1000)
    assert (full.status, memory.status, rebuild.status) == (MET, MISSED, MET)
    assert all(c.status == UNMEASURED for c in build_checks(None, 1000))


def test_validation_grows_linearly_when_time_per_plan_stays_within_the_slack():
    found = {str(n): {"split_s": s, "split_over_s": None}
             for n, s in ((5, 5.0), (100, 20.0), (1000, 250.0))}
    time, linear = validation_checks(found, 1000)
    assert time.status == MET
    assert linear.status == MET  # 200 ms a plan at 100, 250 ms at 1,000: 1.25×
    found["1000"]["split_s"] = 290.0 * 1.2
    assert validation_checks(found, 1000)[1].status == MISSED


def test_endpoint_ratios_are_bounds_where_a_server_answered_nothing():
    from bench.endpoint import ratio, unanswered

    ours = {"rps": 50.0, "answered": 500, "at_most_rps": None}
    theirs = {"rps": 5.0, "answered": 50, "at_most_rps": None}
    silent = unanswered(60, "no answer in 60 s")
    assert ratio(ours, theirs) == {"value": 10.0, "bound": None}
    assert ratio(ours, silent) == {"value": 3000.0, "bound": ">"}
    assert ratio(silent, theirs)["bound"] == "<"
    assert ratio(silent, silent) == {"value": None, "bound": None}


def test_a_query_our_store_did_not_finish_gives_an_upper_bound():
    over = {"p50_ms": None, "over_s": 30.0}
    assert speedup(over, {"p50_ms": 3000.0, "over_s": None}) == {"value": 0.1, "bound": "<"}
    ratios = [{"value": 0.1, "bound": None}, {"value": 30, "bound": None},
              {"value": 50, "bound": "<"}]
    assert median_speedup(ratios) == {"value": 30, "bound": "<"}
