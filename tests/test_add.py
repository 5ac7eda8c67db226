"""`plankg add FILE` on a copy of the project: a plan in, with no manifest or registry line written
by hand, and nothing half-added when it fails.

The fixtures under tests/fixtures/add/ are texts written for these tests (岳池县 is a real
county of 广安市, which the registry lacks; the content is invented); expectations cite their
lines."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
import yaml

from kg.paths import Paths
from tests.conftest import FIXTURES, ROOT

ADD = FIXTURES / "add"
PK = "https://w3id.org/plankg/ontology#"
ID = "https://w3id.org/plankg/id/"


def project(root) -> Paths:
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return Paths(root=root)


def plankg(paths: Paths, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args, "--sources", str(paths.sources),
                           "--registry", str(paths.registry), "--out", str(paths.build)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def manifest(paths: Paths) -> list[dict]:
    return yaml.safe_load((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))["plans"]


def snapshot(paths: Paths) -> dict[str, bytes]:
    """Every file of the sources, the registry and the build's summary, as bytes."""
    files = [*paths.sources.iterdir(), *paths.registry.iterdir(), paths.build / "summary.json"]
    return {str(f): f.read_bytes() for f in files if f.is_file()}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The project with yuechi_talent.txt added and built."""
    paths = project(tmp_path_factory.mktemp("add"))
    done = plankg(paths, "add", str(ADD / "yuechi_talent.txt"))
    return paths, done


def test_the_entry_is_proposed_from_what_the_document_prints(added):
    paths, done = added
    assert done.returncode == 0, done.stderr
    # l.1 文号, l.2 issuer, l.7 date, l.8 the title; 岳池县 in the issuer: the jurisdiction
    assert manifest(paths)[-1] == {
        "id": "yuechi-2024", "file": "yuechi_talent.txt", "title": "岳池县基层卫生人才队伍建设工作方案",
        "issuer": "岳池县人民政府办公室", "doc_number": "岳府办发〔2024〕12号",
        "issued": dt.date(2024, 4, 8), "jurisdiction": "yuechi"}
    # the registry had 广安市 (guang-an) and not 岳池县: one row, with its GB/T 2260 code
    assert (paths.registry / "jurisdictions.csv").read_text(encoding="utf-8").endswith(
        "yuechi,岳池县,Yuechi County,county,guang-an\n")
    assert (paths.registry / "jurisdiction_codes.csv").read_text(encoding="utf-8").endswith(
        "yuechi,511621\n")
    assert (paths.sources / "yuechi_talent.txt").read_bytes() == \
        (ADD / "yuechi_talent.txt").read_bytes()
    # what it read, printed: 2 tasks (l.12, l.13), 5 links, 1 lead, 1 deadline
    assert "read " in done.stdout and "2 tasks, 5 links, 1 leads, 1 deadlines" in done.stdout


def test_the_added_plan_is_in_the_graph_with_its_tasks_units_and_deadline(added):
    paths, _ = added
    from kg.store import EmbeddedStore

    store = EmbeddedStore(paths)
    plan = f"<{ID}plan/yuechi-2024>"
    rows = store.query(f"""
        PREFIX pk: <{PK}> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?title ?number ?issued WHERE {{
          {plan} dcterms:title ?title ; dcterms:identifier ?number ; dcterms:issued ?issued }}""")
    assert [(r["title"].value, r["number"].value, r["issued"].value) for r in rows] == [
        ("岳池县基层卫生人才队伍建设工作方案", "岳府办发〔2024〕12号", "2024-04-08")]
    links = store.query(f"""
        PREFIX pk: <{PK}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?line ?name ?lead WHERE {{
          ?task pk:inPlan {plan} ; pk:responsibleUnit ?org ; prov:wasDerivedFrom/pk:startLine ?line .
          ?org skos:prefLabel ?name . FILTER(lang(?name) = "zh")
          BIND(EXISTS {{ ?task pk:leadUnit ?org }} AS ?lead) }}""")
    found = sorted((int(r["line"].value), r["name"].value, r["lead"].value == "true") for r in links)
    # l.12: 县卫生健康局 leads, 县教育和体育局 and 县财政局 share; l.13: 责任单位 alone, no lead
    names = {line: sorted(n for l, n, _ in found if l == line) for line in (12, 13)}
    assert len(names[12]) == 3 and len(names[13]) == 2
    assert [lead for line, _, lead in found if line == 13] == [False, False]
    assert sum(lead for line, _, lead in found if line == 12) == 1
    deadline = store.query(f"""PREFIX pk: <{PK}> SELECT ?d WHERE {{
        ?task pk:inPlan {plan} ; pk:deadline ?d }}""")
    assert [r["d"].value for r in deadline] == ["2025年底前"]   # l.13 完成时限


def test_a_task_list_with_no_notice_is_added_by_its_title(added):
    paths, _ = added
    done = plankg(paths, "add", str(ADD / "yuechi_tasklist.txt"), "--dry-run")
    assert done.returncode == 0, done.stderr
    # l.1 the title alone: no 文号, issuer or date; the year from the title; yuechi now known
    assert "id: yuechi-2025\n" in done.stdout
    assert "title: 岳池县2025年卫生健康重点工作任务清单\n" in done.stdout
    assert "issuer: null\n" in done.stdout and "jurisdiction: yuechi\n" in done.stdout
    assert "jurisdictions.csv gets" not in done.stdout
    # a dry run writes nothing
    assert "yuechi_tasklist.txt" not in [e["file"] for e in manifest(paths)]
    assert not (paths.sources / "yuechi_tasklist.txt").exists()


def test_the_same_document_twice_is_refused(added):
    paths, _ = added
    before = snapshot(paths)
    done = plankg(paths, "add", str(ADD / "yuechi_talent.txt"))
    assert done.returncode == 1
    assert "already in the sources as plan yuechi-2024" in done.stderr
    assert snapshot(paths) == before


def test_a_document_of_no_task_is_refused_and_nothing_is_written(added):
    paths, _ = added
    before = snapshot(paths)
    done = plankg(paths, "add", str(ADD / "no_tasks.txt"))
    assert done.returncode == 1 and "no task was read" in done.stderr
    assert snapshot(paths) == before


def test_a_failed_build_takes_the_addition_back(added):
    paths, _ = added
    before = snapshot(paths)
    # unknown_body.txt l.3: 县溪谷协作体, a name no kind rule classifies: --strict fails the build
    done = plankg(paths, "add", str(ADD / "unknown_body.txt"), "--jurisdiction", "yuechi",
                  "--strict")
    assert done.returncode == 1
    assert "县溪谷协作体" in done.stderr and "nothing was added" in done.stderr
    assert snapshot(paths) == before
    assert not (paths.sources / "unknown_body.txt").exists()


def test_a_word_file_is_added_and_built(added, tmp_path):
    """yuechi_tasklist.txt as a Word file: its title a paragraph, its table a real Word table."""
    import docx

    lines = (ADD / "yuechi_tasklist.txt").read_text(encoding="utf-8").strip().split("\n")
    document = docx.Document()
    document.add_paragraph(lines[0])
    rows = [line.split("\t") for line in lines[1:]]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    path = tmp_path / "yuechi_tasklist.docx"
    document.save(path)
    paths, _ = added
    done = plankg(paths, "add", str(path))
    assert done.returncode == 0, done.stderr
    entry = manifest(paths)[-1]
    assert (entry["id"], entry["file"], entry["title"], entry["jurisdiction"]) == (
        "yuechi-2025", "yuechi_tasklist.docx", "岳池县2025年卫生健康重点工作任务清单", "yuechi")
    # rows 1–3 of the table (l.3–5 of the text): 3 tasks, 6 links, 3 leads, 3 deadlines
    assert "3 tasks, 6 links, 3 leads, 3 deadlines" in done.stdout
    summary = json.loads((paths.build / "summary.json").read_text(encoding="utf-8"))
    assert {k: summary["quality"]["yuechi-2025"][k] for k in ("tasks", "links", "leads", "unread")} \
        == {"tasks": 3, "links": 6, "leads": 3, "unread": 0}


def test_a_county_plan_naming_its_citys_department_is_added(added, tmp_path):
    """The county plan's clause names 市卫生健康委, its city's commission (广安市): the text says so,
    so the graph says so; validation notes it (pksh:HigherDepartmentShape, sh:Info) and builds."""
    paths, _ = added
    text = (ADD / "yuechi_talent.txt").read_text(encoding="utf-8")
    plan = tmp_path / "yuechi_city.txt"
    plan.write_text(text.replace("2024〕12号", "2024〕13号").replace(
        "配合单位：县教育和体育局、县财政局", "配合单位：市卫生健康委、县财政局"), encoding="utf-8")
    done = plankg(paths, "add", str(plan))
    assert done.returncode == 0, done.stderr
    from kg.store import EmbeddedStore

    rows = EmbeddedStore(paths).query(f"""PREFIX pk: <{PK}> SELECT ?place WHERE {{
        <{ID}task/{manifest(paths)[-1]["id"]}/1> pk:responsibleUnit ?org .
        ?org pk:jurisdiction ?place }}""")
    assert f"{ID}jurisdiction/guang-an" in {r["place"].value for r in rows}
