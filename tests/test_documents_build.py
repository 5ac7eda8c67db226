"""A DOCX plan listed in the manifest is built like a text: its tasks in the graph, their spans
carrying the locations of their lines, the lines kept in the build for excerpts."""
import shutil

import pyoxigraph as ox
import pytest

from api.excerpts import numbered_lines
from api.reader import bind, template
from api.shape import source_lines
from kg.store import EmbeddedStore
from kg.build.parts import text_file
from kg.build import run_build
from kg.paths import Paths
from tests.builds import ntriples, read_manifest, write_manifest
from tests.conftest import ROOT
from tests.extract.sample_documents import PARAGRAPHS, write_docx

DOCX = "shapingba_2025_primary_care.docx"
PLAN = {"id": "shapingba-2025-primary", "file": DOCX, "title": "沙坪坝区基层医疗卫生服务能力提升工作方案",
        "issuer": None, "doc_number": None, "issued": None, "jurisdiction": "shapingba"}
PKID = "https://w3id.org/plankg/id/"
PK = "https://w3id.org/plankg/ontology#"
TASK_1 = f"<{PKID}task/shapingba-2025-primary/1>"
# paragraph 7 of the DOCX (sample_documents.PARAGRAPHS[6]) is task 1, with
# （责任单位：区卫生健康委、区财政局）: its span is line 7, located "paragraph 7"
SPAN_1 = f"<{PKID}span/shapingba-2025-primary/7-7>"


@pytest.fixture
def project(tmp_path):
    """The project's sources and registry, plus one DOCX plan in the manifest."""
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / "project" / part)
    paths = Paths(root=tmp_path / "project")
    write_docx(paths.sources / DOCX)
    manifest = read_manifest(paths)
    manifest["plans"].append(dict(PLAN))
    write_manifest(paths, manifest)
    return paths


def test_a_docx_plan_gives_tasks_whose_spans_carry_locations(project):
    result = run_build(project)
    assert "shapingba-2025-primary" in result.extracted
    triples = ntriples(project.build)
    assert f"{TASK_1} <{PK}responsibleUnit> <{PKID}org/shapingba/health-commission> ." in triples
    assert f"{TASK_1} <http://www.w3.org/ns/prov#wasDerivedFrom> {SPAN_1} ." in triples
    assert f'{SPAN_1} <{PK}sourceFile> "{DOCX}" .' in triples
    assert f'{SPAN_1} <{PK}startLocation> "paragraph 7" .' in triples
    assert f'{SPAN_1} <{PK}endLocation> "paragraph 7" .' in triples
    # a .txt plan's spans have no location: its lines are the file's own
    assert f"<{PKID}span/shapingba-2025/25-25> <{PK}startLocation>" not in triples
    # the lines the spans count are kept in the build, and excerpts read them
    lines = text_file(project.build, DOCX).read_text(encoding="utf-8").split("\n")
    assert lines[6] == PARAGRAPHS[6]
    assert numbered_lines(DOCX, 7, 7, build=project.build) == [(7, PARAGRAPHS[6])]


def test_a_rebuild_keeps_the_lines_of_an_unchanged_docx_and_replaces_a_changed_one(project):
    run_build(project)
    kept = text_file(project.build, DOCX).stat().st_ino
    shapingba = project.sources / "shapingba_2025_service_system.txt"
    # shapingba_2025_service_system.txt:25, task 6's text
    shapingba.write_text(shapingba.read_text(encoding="utf-8").replace(
        "打造区域前置审方中心", "建设区域前置审方中心"), encoding="utf-8")
    result = run_build(project)
    assert result.extracted == ["shapingba-2025"]
    assert text_file(project.build, DOCX).stat().st_ino == kept   # linked from the last build
    document = project.sources / DOCX
    write_docx(document)   # the same plan written again: new bytes (its zip's time stamps)
    import docx

    edited = docx.Document(str(document))
    edited.paragraphs[6].text = PARAGRAPHS[6].replace("标准化建设", "提档升级")
    edited.save(str(document))
    result = run_build(project)
    assert result.extracted == ["shapingba-2025-primary"]
    assert numbered_lines(DOCX, 7, 7, build=project.build) == [
        (7, PARAGRAPHS[6].replace("标准化建设", "提档升级"))]


def test_the_api_shows_a_docx_tasks_source_lines_and_their_locations(project):
    run_build(project)
    store = EmbeddedStore(project)
    query = bind(template("resource-spans"), {"resource": ox.NamedNode(TASK_1[1:-1])})
    rows = [{name: solution[name].value for name in ("file", "startLocation", "endLocation")}
            | {"start": int(solution["start"].value), "end": int(solution["end"].value)}
            for solution in store.query(query)]
    # the task's paragraph, and the task-division table's row repeating it (its table row 3:
    # header, group row, then task 1), line 16 of the document's lines
    rows.sort(key=lambda row: row["start"])
    assert rows == [{"file": DOCX, "start": 7, "end": 7, "startLocation": "paragraph 7",
                     "endLocation": "paragraph 7"},
                    {"file": DOCX, "start": 16, "end": 16, "startLocation": "table 1 row 3",
                     "endLocation": "table 1 row 3"}]
    shown = source_lines(rows[0], project.build)
    assert (shown.excerpt, shown.start_location, shown.end_location) == (
        PARAGRAPHS[6], "paragraph 7", "paragraph 7")
