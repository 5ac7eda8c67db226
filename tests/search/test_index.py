"""The build's search index (kg.search) against the SPARQL CONTAINS scan it replaces, over phrases
cut from the plan texts themselves, and on names read off the registry."""
from __future__ import annotations

import random
import shutil

import pyoxigraph as ox
import pytest

from api.reader import bind, template
from kg.paths import Paths
from kg.build import BuildError, run_build
from kg.search.index import INDEX, MIN_TRIGRAM
from kg.search.query import SearchIndex
from kg.store import EmbeddedStore
from tests.conftest import SOURCES

PHRASES = 400   # cut at random (seeded) from the source texts, 1 to 12 characters long


@pytest.fixture(scope="module")
def index(built) -> SearchIndex:
    return SearchIndex.of_build(built[0].build)


@pytest.fixture(scope="module")
def store(built) -> EmbeddedStore:
    return EmbeddedStore(built[0])


def scan(store: EmbeddedStore, phrase: str) -> set[str]:
    """The resources api/rq/search-scan.rq finds: CONTAINS(LCASE(text), LCASE(phrase))."""
    _, rows = store.select(bind(template("search-scan"), {"phrase": ox.Literal(phrase)}))
    return {row["resource"].value for row in rows}


def phrases_from_sources(count: int) -> list[str]:
    """Substrings of the plans' lines, none only white space; short ones (under 3 characters,
    the LIKE path) and longer ones (the trigram index) alike."""
    pick = random.Random(16)
    lines = [line for file in sorted(SOURCES.glob("*.txt"))
             for line in file.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 12]
    phrases = []
    while len(phrases) < count:
        line = pick.choice(lines)
        length = pick.randint(1, 12)
        start = pick.randrange(len(line) - length)
        phrase = line[start:start + length]
        if phrase.strip():
            phrases.append(phrase)
    return phrases


def test_index_finds_the_same_resources_as_the_sparql_scan(index, store):
    phrases = phrases_from_sources(PHRASES)
    assert sum(len(p) < MIN_TRIGRAM for p in phrases) > 30   # both paths are exercised
    differ = {}
    for phrase in phrases:
        found = {hit.iri for hit in index.search(phrase)}
        expected = scan(store, phrase)
        if found != expected:
            differ[phrase] = (sorted(found - expected)[:3], sorted(expected - found)[:3])
    assert not differ, differ


@pytest.mark.parametrize("phrase", ["区医保局", "区卫健委", "家医服务站", "每千人口注册护士数",
                                    "Nurses", "医保", "中"])
def test_names_and_texts_match_the_scan(index, store, phrase):
    assert {hit.iri for hit in index.search(phrase)} == scan(store, phrase)


def test_a_body_is_found_by_its_printed_short_name(index):
    # data/registry/organizations.csv:29, 50, 74: 区医保局 is the alias of the medical insurance
    # bureaus of 沙坪坝, 渝中 and 永川; a name matches ahead of a task text naming it
    hits = index.search("区医保局")
    bodies = [hit.iri.rsplit("/id/", 1)[1] for hit in hits if hit.kind == "body"]
    assert sorted(bodies) == ["org/shapingba/medical-insurance-bureau",
                              "org/yongchuan/medical-insurance-bureau",
                              "org/yuzhong/medical-insurance-bureau"]
    assert [hit.kind for hit in hits[:3]] == ["body"] * 3
    assert hits[0].field == "altLabel" and hits[0].title.endswith("医疗保障局")
    # data/registry/organizations.csv:43: 区卫健委 names 渝中's health commission
    assert "https://w3id.org/plankg/id/org/yuzhong/health-commission" in \
        {hit.iri for hit in index.search("区卫健委", kinds={"body"})}


def test_a_task_hit_has_its_plan_source_lines_and_the_phrase_marked(index):
    # 家医服务站 is printed once in the texts: shapingba_2025_service_system.txt:29 (task 9); the
    # indicator 红岩家医服务站数 has it in its alias (data/registry/indicators.csv:26)
    assert {h.kind for h in index.search("家医服务站")} == {"task", "indicator"}
    (hit,) = index.search("家医服务站", kinds={"task"})
    assert hit.iri.endswith("task/shapingba-2025/9") and hit.kind == "task"
    assert hit.plan == "shapingba-2025" and hit.number == 9 and hit.field == "text"
    assert [(s.file, s.start_line) for s in hit.sources] == \
        [("shapingba_2025_service_system.txt", 29)]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["家医服务站"]
    assert hit.score is not None and not hit.in_label


@pytest.mark.parametrize("phrase", ["医保", "Ab"])
def test_a_short_phrase_is_marked_by_the_like_path(index, phrase):
    hits = index.search(phrase)
    assert hits and all(h.score is None for h in hits)
    for hit in hits:
        assert all(hit.snippet[a:b].lower() == phrase.lower() for a, b in hit.marks)


def test_kinds_and_plan_narrow_the_hits(index):
    # 健全家庭医生制度: task 9's title in shapingba_2025_service_system.txt:29 and
    # yuzhong_2024_work_measures.txt:31
    only = index.search("健全家庭医生制度", plan="yuzhong-2024")
    assert [h.iri.rsplit("/id/", 1)[1] for h in only] == ["task/yuzhong-2024/9"]
    assert only[0].in_label
    assert index.search("区医保局", kinds={"indicator"}) == []
    with pytest.raises(ValueError, match="unknown kinds"):
        index.search("区医保局", kinds={"tasks"})


def test_a_rebuild_of_one_plan_gives_the_index_a_full_build_gives(tmp_path):
    # the rebuild copies the last index and replaces the changed plan's rows only
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.copytree(Paths().registry, tmp_path / "registry")
    paths = Paths.corpus(tmp_path)
    run_build(paths)
    text = sources / "shapingba_2025_service_system.txt"
    # one word of task 4's text (shapingba_2025_service_system.txt:23), no name, no target:
    # kg.build.rebuild's path
    text.write_text(text.read_text(encoding="utf-8").replace("支持辖区有条件", "鼓励辖区有条件"),
                    encoding="utf-8")
    result = run_build(paths)
    assert result.rewritten == ["shapingba-2025"] and not result.reassembled
    whole = Paths(build_dir=tmp_path / "whole", sources_dir=sources,
                  registry_dir=tmp_path / "registry")
    run_build(whole)
    for build in (paths.build, whole.build):
        assert (build / INDEX).exists()
    rebuilt, fresh = SearchIndex.of_build(paths.build), SearchIndex.of_build(whole.build)
    for phrase in ["鼓励辖区有条件", "支持辖区有条件", "家医服务站", "区医保局", "医保", "健全家庭医生制度"]:
        # the same hits with the same scores (hits scoring the same may change places)
        assert sorted((h.score or 0, h.iri, h.field, h.snippet) for h in rebuilt.search(phrase)) \
            == sorted((h.score or 0, h.iri, h.field, h.snippet) for h in fresh.search(phrase))
        assert [h.score for h in rebuilt.search(phrase)] == [h.score for h in fresh.search(phrase)]
    assert [h.iri.rsplit("/", 2)[1:] for h in rebuilt.search("鼓励辖区有条件")] == \
        [["shapingba-2025", "4"]]
    assert rebuilt.search("支持辖区有条件") == []


def test_a_failed_build_keeps_the_last_index(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(Paths().root / "ontology", root / "ontology")
    paths = Paths(root=root, build_dir=tmp_path / "build", sources_dir=SOURCES,
                  registry_dir=Paths().registry)
    run_build(paths)
    before = (paths.build / INDEX).read_bytes()
    # a shape every task text breaks (they are longer than one character): the build fails
    with paths.shapes.open("a", encoding="utf-8") as shapes:
        shapes.write("\npksh:OneCharacterText a sh:NodeShape ; sh:targetClass pk:Task ;\n"
                     "    sh:property [ sh:path pk:text ; sh:maxLength 1 ] .\n")
    with pytest.raises(BuildError, match="breaks"):
        run_build(paths)
    assert (paths.build / INDEX).read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert SearchIndex.of_build(paths.build).search("家医服务站", kinds={"task"})
