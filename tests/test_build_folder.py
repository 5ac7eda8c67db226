"""The build folder's life (kg.build.folder): each build stages in the build before last (the
spare), and what it leaves is what a build from nothing leaves; no file of a build is ever
written over; a spare holds nothing of a plan the manifest dropped, nor the exports."""
import hashlib
import os
import shutil
import sqlite3

import pytest

from kg.build import run_build
from kg.build.folder import SPARE
from kg.graphs import export
from kg.paths import REPORT_JSON, REPORT_TTL, Paths
from kg.search.index import INDEX
from tests.builds import graph_bytes, read_manifest, write_manifest
from tests.conftest import ROOT

# shapingba_2025_service_system.txt:23 (task 4) and yuzhong_2024_work_measures.txt:25 (task 4):
# a title each, changed in turn by the edits below
EDITS = [("shapingba_2025_service_system.txt", "4.加强重点专科学科建设", "4.强化重点专科学科建设"),
         ("yuzhong_2024_work_measures.txt", "4.加强重点专科学科建设", "4.强化重点专科学科建设")]


def _project(root) -> Paths:
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return Paths(root=root)


@pytest.fixture
def project(tmp_path):
    return _project(tmp_path / "project")


def _edit(paths: Paths, file: str, old: str, new: str) -> None:
    text = paths.sources / file
    content = text.read_text(encoding="utf-8")
    assert content.count(old) == 1
    text.write_text(content.replace(old, new), encoding="utf-8")


def index_rows(build) -> dict[str, list]:
    """The search index's rows, as a reader sees them (row ids aside: a rebuild appends)."""
    with sqlite3.connect(build / INDEX) as db:
        return {
            "resource": sorted(db.execute("SELECT * FROM resource")),
            "entry": sorted(db.execute(
                "SELECT e.iri, e.field, e.part, e.kind, e.plan, t.body FROM entry e "
                "JOIN text t ON t.rowid = e.id")),
            "source": sorted(db.execute("SELECT * FROM source")),
            "parts": sorted(key for (key,) in db.execute(
                "SELECT key FROM meta WHERE key LIKE 'part:%'")),
            "matches": sorted(db.execute(
                "SELECT e.iri FROM text JOIN entry e ON e.id = text.rowid "
                "WHERE text MATCH '专科学科'")),
        }


def outputs(build) -> dict:
    return {**graph_bytes(build), **{name: (build / name).read_bytes()
                                     for name in (REPORT_JSON, REPORT_TTL)},
            "index": index_rows(build)}


def _fresh(paths: Paths, where) -> dict:
    """What a build from nothing of the same sources leaves."""
    fresh = Paths(root=where)
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(paths.root / part, where / part)
    run_build(fresh)
    return outputs(fresh.build)


def _witness(build, folder) -> dict[str, str]:
    """A hard link in `folder` of every file of the live build (its spare aside), so none of
    their inodes is freed and used again: witness name → its content's digest."""
    folder.mkdir()
    found = {}
    for at, dirs, names in os.walk(build):
        dirs[:] = [d for d in dirs if d != SPARE]
        for name in names:
            link = folder / f"{len(found)}"
            os.link(os.path.join(at, name), link)
            found[link.name] = hashlib.sha256(link.read_bytes()).hexdigest()
    return found


def test_a_history_of_edits_leaves_what_builds_from_nothing_leave(project, tmp_path):
    run_build(project)
    for step in range(4):
        file, old, new = EDITS[step % 2]
        if step >= 2:
            old, new = new, old   # and back
        witnessed = _witness(project.build, tmp_path / f"witness{step}")
        _edit(project, file, old, new)
        run_build(project)
        assert (project.build / "cache" / SPARE).is_dir()   # the build replaced, kept
        assert outputs(project.build) == _fresh(project, tmp_path / f"fresh{step}")
        # no file that was the live build's was written over: each kept its content
        assert {name: hashlib.sha256((tmp_path / f"witness{step}" / name).read_bytes())
                .hexdigest() for name in witnessed} == witnessed


def test_a_plan_dropped_from_the_manifest_leaves_no_file_and_no_index_row(project, tmp_path):
    run_build(project)
    _edit(project, *EDITS[0])
    run_build(project)                     # the first build is now the spare: it has yuzhong's files
    manifest = read_manifest(project)
    manifest["plans"] = [p for p in manifest["plans"] if p["id"] != "yuzhong-2024"]
    write_manifest(project, manifest)
    run_build(project)                     # staged in the spare
    names = [p.relative_to(project.build).as_posix()
             for p in project.build.rglob("*") if f"{os.sep}{SPARE}{os.sep}" not in str(p)]
    assert not [name for name in names if "yuzhong" in name]
    rows = index_rows(project.build)
    # (the registry's 渝中 bodies stay, in the shared graph's rows)
    assert not [row for row in rows["resource"] if "yuzhong-2024" in (row[2], row[3])]
    assert "part:yuzhong-2024" not in rows["parts"]
    assert outputs(project.build) == _fresh(project, tmp_path / "fresh")


def test_the_spare_keeps_no_exports_reports_or_accounts(project):
    run_build(project)
    export(project.build, ["nq"], project.build)
    _edit(project, *EDITS[0])
    run_build(project)
    spare = project.build / "cache" / SPARE
    kept = sorted(p.name for p in spare.iterdir())
    assert kept == sorted(["cache", "graphs", INDEX])   # the five real plans are all .txt
    assert sorted(p.name for p in (spare / "cache").iterdir()) == ["plans"]
    assert not (project.build / "plankg.nq").exists()    # stale: dropped by the rebuild


def test_a_rebuild_updates_the_spares_index_in_place(project):
    """Two rebuilds after a build: the second stages in the first build, whose index has all
    but the two changed plans' rows right, and updates it rather than copy the last one."""
    run_build(project)
    _edit(project, *EDITS[0])
    run_build(project)
    spare_index = (project.build / "cache" / SPARE / INDEX).stat().st_ino
    _edit(project, *EDITS[1])
    run_build(project)
    assert (project.build / INDEX).stat().st_ino == spare_index


def test_a_whole_build_leaves_a_spare_that_is_a_copy_of_itself(project):
    """After a build of every plan, the first rebuild finds a spare with the build's own files
    (links of them) and a copy of its index, not the build before's."""
    run_build(project)
    spare = project.build / "cache" / SPARE
    for name in ("graphs/shared.nq", "graphs/plans/yuzhong-2024.nq",
                 "cache/plans/yuzhong-2024.pickle"):
        assert (spare / name).samefile(project.build / name)
    assert index_rows(spare) == index_rows(project.build)
    assert not (spare / INDEX).samefile(project.build / INDEX)
