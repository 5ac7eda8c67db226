"""What a profile of a missed target is summarised as in the report: the functions and packages
where the busy samples fell, waits left out, minified vis-network methods named by their key."""
from __future__ import annotations

import json

from bench.profiles import describe, hot_spots, package
from kg.paths import ROOT

SITE = "/venv/lib/python3.11/site-packages"


def test_waits_are_left_out_and_shares_are_of_busy_samples(tmp_path):
    frames = [{"name": "Condition.wait", "file": "/usr/lib/python3.11/threading.py", "line": 327},
              {"name": "Store.add", "file": f"{SITE}/rdflib/plugins/stores/memory.py", "line": 9},
              {"name": "check", "file": str(ROOT / "kg" / "validate" / "check.py"), "line": 70}]
    profile = {"shared": {"frames": frames}, "profiles": [
        {"samples": [[0], [2, 1], [2, 1], [2]], "weights": [50, 1, 1, 2]}]}
    path = tmp_path / "p.speedscope.json"
    path.write_text(json.dumps(profile))
    assert hot_spots(path) == [(0.5, "Store.add (memory.py:9)"), (0.5, "check (check.py:70)")]
    assert "by package: rdflib 50%, kg 50%" in describe(path)


def test_packages_are_read_from_the_source_path():
    assert package(f"{SITE}/pyshacl/shape.py") == "pyshacl"
    assert package(str(ROOT / "api" / "pool.py")) == "api"


def test_minified_methods_are_named_by_their_key(tmp_path):
    page = tmp_path / "network.html"
    page.write_text('<script>\nvar a=[{key:"_calculateForces",value:function(t){return t}}]\n')
    column = page.read_text().split("\n")[1].index("function")
    profile = {"nodes": [{"id": 1, "callFrame": {"functionName": "value", "lineNumber": 1,
                                                 "columnNumber": column}},
                         {"id": 2, "callFrame": {"functionName": "(idle)", "lineNumber": -1,
                                                 "columnNumber": -1}}],
               "samples": [1, 1, 2], "timeDeltas": [10, 10, 500]}
    path = tmp_path / "network.cpuprofile"
    path.write_text(json.dumps(profile))
    assert hot_spots(path, page) == [(1.0, "_calculateForces")]


def test_rust_symbols_read_as_their_path():
    from bench.profiles import rust_name

    mangled = ("_RNvMs1_NtNtCs8f8IyuaoJgX_8oxigraph7storage6memoryNtB5_"
               "24MemoryStorageTransaction6insert")
    assert rust_name(mangled) == "oxigraph::storage::memory::MemoryStorageTransaction::insert"
    assert rust_name("gc_collect_main") == "gc_collect_main"
    assert package("/venv/lib/pyoxigraph.cpython-311-x86_64-linux-gnu.so") == "pyoxigraph"


def test_a_missed_rebuild_is_profiled_on_a_rebuild_and_the_text_put_back(tmp_path):
    """bench.misses.build_profile over the five real plans: py-spy over `plankg build` after the
    section's one-word change, the profile beside the report, the plan text as it was."""
    from bench.corpora import ensure_built, first_plan, prepare
    from bench.misses import Profiling, build_profile
    from bench.targets import MISSED, Check

    log = tmp_path / "bench.log"
    corpus = prepare(5, 1, tmp_path / "work", log)
    ensure_built(corpus, 1, log)
    text = corpus.paths.sources / first_plan(corpus)["file"]
    before = text.read_bytes()
    check = Check("build", "incremental rebuild of one plan (of 5) under 2 s", status=MISSED)
    (tmp_path / "profiles").mkdir()   # bench.misses.profile_misses makes it before any step
    build_profile([check], Profiling(corpus, tmp_path / "profiles", 20, 1, 1, None,
                                     tmp_path, log))
    assert [p.rsplit("/", 1)[-1] for p in check.profile] == ["build-rebuild-5.speedscope.json"]
    assert "one-plan rebuild" in check.why and "by package" in check.why
    assert text.read_bytes() == before
    summary = json.loads((corpus.build / "summary.json").read_text("utf-8"))
    assert summary["extracted"] == [first_plan(corpus)["id"]]   # the profiled build, one plan


def test_a_missed_query_is_profiled_from_the_moment_the_store_is_loaded(tmp_path):
    """bench.misses.queries_profile over the five real plans: py-spy joins the query runner once
    it has loaded the store, so start-up (imports, parsing the graph files) is not sampled."""
    from bench.corpora import ensure_built, prepare
    from bench.misses import Profiling, queries_profile
    from bench.targets import MISSED, Check

    log = tmp_path / "bench.log"
    corpus = prepare(5, 1, tmp_path / "work", log)
    ensure_built(corpus, 1, log)
    check = Check("queries", "every competency query …", status=MISSED,
                  misses=["13-central-bodies"])
    (tmp_path / "profiles").mkdir()
    queries_profile([check], Profiling(corpus, tmp_path / "profiles", 3, 200, 1, None,
                                       tmp_path / "work", log))
    assert [p.rsplit("/", 1)[-1] for p in check.profile] == ["queries-5.speedscope.json"]
    assert "loading left out" in check.why and "by package" in check.why
    frames = json.loads((tmp_path / "profiles" / "queries-5.speedscope.json")
                        .read_text("utf-8"))["shared"]["frames"]
    names = {frame["name"] for frame in frames}
    assert "timed_runs" in names or "_child" in names   # the queries were sampled …
    assert not {"_find_and_load", "bulk_load"} & names   # … and not start-up
