"""/api/search, /api/queries and /api/stats against the live server, and values that would break
a query if pasted into it unescaped."""
from __future__ import annotations

from pathlib import Path

import pytest

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def test_search_finds_a_phrase_in_task_text(api):
    # 家医服务站 is printed once in the corpus: shapingba_2025_service_system.txt:29 (task 9)
    hits = api.get("/api/search", params={"q": "家医服务站"}).json()
    assert [h["id"] for h in hits] == ["task/shapingba-2025/9"]
    assert hits[0]["in_title"] is False and "家医服务站" in hits[0]["snippet"]


def test_search_matches_titles_and_narrows_to_a_plan(api):
    # 9.健全家庭医生制度 at shapingba_2025_service_system.txt:29 and yuzhong_2024_work_measures.txt:31
    hits = api.get("/api/search", params={"q": "健全家庭医生制度"}).json()
    assert {"task/shapingba-2025/9", "task/yuzhong-2024/9"} <= {h["id"] for h in hits}
    only = api.get("/api/search", params={"q": "健全家庭医生制度", "plan": "yuzhong-2024"}).json()
    assert [h["id"] for h in only] == ["task/yuzhong-2024/9"] and only[0]["in_title"]


@pytest.mark.parametrize("phrase", ['"} UNION { ?s ?p ?o } #', "\\", "'>\n<", "区卫健委\" ."])
def test_quotes_and_braces_are_searched_for_not_executed(api, phrase):
    response = api.get("/api/search", params={"q": phrase})
    assert response.status_code == 200
    assert response.json() == []     # no plan prints these
    named = api.get("/api/plans/yuzhong-2024/tasks", params={"unit": phrase})
    assert named.status_code == 200 and named.json() == []


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "长" * 101},
                                    {"q": "x", "plan": "../etc"}])
def test_bad_search_is_422(api, params):
    response = api.get("/api/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


def test_example_queries_listed_with_descriptions(api):
    listed = {q["name"]: q for q in api.get("/api/queries").json()}
    assert set(listed) == {path.stem for path in QUERIES.glob("*.rq")}
    first_line = (QUERIES / "01-tasks-by-unit.rq").read_text(encoding="utf-8").splitlines()[0]
    assert listed["01-tasks-by-unit"]["description"] == first_line.lstrip("# ")


def test_run_an_example_query_by_name(api):
    result = api.get("/api/queries/01-tasks-by-unit").json()
    assert result["variables"] == ["plan", "task", "number", "title", "unit", "lead"]
    # the query asks for 区医保局; shapingba_2025_service_system.txt:38 task 16 names it
    # (（责任单位：区卫生健康委、区市场监管局、区医保局）)
    assert {"task": "https://w3id.org/plankg/id/task/shapingba-2025/16"}.items() <= \
        next(r for r in result["rows"] if r["task"].endswith("shapingba-2025/16")).items()


def test_unknown_example_query_is_404(api):
    response = api.get("/api/queries/99-what-the-moon-is-made-of")
    assert response.status_code == 404
    assert api.get("/api/queries/..%2Fpyproject").status_code in (404, 422)


def test_graph_statistics(api):
    stats = api.get("/api/stats").json()
    # five plans in data/sources/manifest.yaml; nineteen tasks in shapingba alone (lines 19-42)
    assert stats["classes"]["Plan"] == 5
    assert stats["classes"]["Task"] >= 19
    assert stats["triples"] > stats["subjects"] > 0
    plans = api.get("/api/plans").json()
    assert sum(p["tasks"] for p in plans) == stats["classes"]["Task"]


def test_unknown_route_answers_in_the_error_shape(api):
    response = api.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"error": "Not Found"}
