"""`plankg add` keeps the manifest a manifest: written through a round-trip YAML library in the
layout it has (the repository's indented list, plankg synth's list at the margin, a flow list,
comments), replaced whole, and taken back on any failure, a process killed mid-add included."""
from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time

import pytest
import yaml

from kg.manifest import ManifestError, parse_manifest, replace_file, with_entries
from tests.conftest import FIXTURES, ROOT
from tests.test_add import project

ADD = FIXTURES / "add"
NEW = {"id": "yuechi-2024", "file": "yuechi_talent.txt", "title": "岳池县基层卫生人才队伍建设工作方案",
       "issuer": None, "doc_number": None, "issued": dt.date(2024, 3, 15), "jurisdiction": "yuechi"}
OLD = "- id: a-2024\n  file: a.txt\n  jurisdiction: a\n"

LAYOUTS = {
    # plankg synth writes its items at the margin
    "margin": "plans:\n" + OLD,
    # the repository's manifest indents them, with comments above and between
    "indented": "# the plans\nplans:\n  # the first one\n" + "".join(f"  {line}\n" for line in OLD.splitlines()),
    "indented-four": "plans:\n" + "".join(f"    {line}\n" for line in OLD.splitlines()),
    "flow-empty": "plans: []\n",
    "null": "# no plan yet\nplans:\n",
    "comments-only": "# a workspace's manifest: plans are added below\n",
    "empty": "",
    "other-keys": "version: 1\nplans:\n" + OLD + "notes: kept\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_an_entry_is_added_to_a_manifest_of_any_layout(layout) -> None:
    text = LAYOUTS[layout]
    made = with_entries(text, [NEW])
    before = parse_manifest(text)
    after = parse_manifest(made)
    assert after[:len(before)] == before and after[-1].id == "yuechi-2024"
    assert after[-1].issued == dt.date(2024, 3, 15) and after[-1].issuer is None
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            assert line in made.splitlines(), f"comment lost: {line!r}"
    data = yaml.safe_load(made)
    assert data["plans"][-1]["title"] == "岳池县基层卫生人才队伍建设工作方案"
    if layout == "other-keys":
        assert data["notes"] == "kept" and data["version"] == 1


def test_the_new_entry_is_laid_out_as_the_old_ones() -> None:
    margin = with_entries(LAYOUTS["margin"], [NEW])
    assert "\n- id: yuechi-2024\n  file: yuechi_talent.txt\n" in margin
    indented = with_entries(LAYOUTS["indented"], [NEW])
    assert "\n  - id: yuechi-2024\n    file: yuechi_talent.txt\n" in indented
    assert indented.startswith(LAYOUTS["indented"])   # what was there is left byte for byte


def test_a_manifest_that_does_not_load_is_not_written_to(tmp_path) -> None:
    broken = "plans:\n- id: a\n  file: a.txt\n    jurisdiction: a\n"
    with pytest.raises(ManifestError, match="manifest.yaml: not YAML"):
        with_entries(broken, [NEW])
    with pytest.raises(ManifestError, match="plan #1 lacks jurisdiction"):
        with_entries("plans:\n- id: a\n  file: a.txt\n", [NEW])


def test_a_file_is_replaced_whole(tmp_path) -> None:
    path = tmp_path / "manifest.yaml"
    path.write_text("plans:\n", encoding="utf-8")
    replace_file(path, "plans: []\n")
    assert path.read_text(encoding="utf-8") == "plans: []\n"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.yaml"]


def test_add_to_a_synth_corpus_keeps_its_manifest(tmp_path) -> None:
    """The case that broke: a corpus plankg synth wrote (items at the margin), a plan added."""
    corpus = tmp_path / "corpus"
    made = subprocess.run([sys.executable, "-m", "kg.cli", "synth", "--plans", "3", "--seed", "1",
                           "-o", str(corpus)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert made.returncode == 0, made.stderr
    manifest = corpus / "sources" / "manifest.yaml"
    before = manifest.read_text(encoding="utf-8")
    assert "\n- id: " in before
    done = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(ADD / "yuechi_talent.txt"),
                           "--no-build", "--sources", str(corpus / "sources"),
                           "--registry", str(corpus / "registry"), "--out", str(corpus / "build")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    after = manifest.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and "\n- id: yuechi-2024\n" in after
    assert [e.id for e in parse_manifest(after)][-1] == "yuechi-2024"


def test_any_failure_of_the_build_takes_the_addition_back(tmp_path) -> None:
    """A build that fails in a way no earlier check names (its output folder is under a file): the
    file, the entry and the rows are taken back, and the message says so."""
    paths = project(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the build's folder would go", encoding="utf-8")
    before = {f: f.read_bytes() for f in [*paths.sources.iterdir(), *paths.registry.iterdir()]}
    done = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(ADD / "yuechi_talent.txt"),
                           "--sources", str(paths.sources), "--registry", str(paths.registry),
                           "--out", str(blocker / "build")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 1, done.stderr
    assert "nothing was added" in done.stderr and "Traceback" not in done.stderr
    after = {f: f.read_bytes() for f in [*paths.sources.iterdir(), *paths.registry.iterdir()]}
    assert after == before


def test_a_killed_add_leaves_the_addition_whole_or_not_made(tmp_path) -> None:
    """kill -9 at points through `plankg add --no-build`: afterwards the sources load, the
    entry is there with its file and its jurisdiction, or it is not there at all; and the add
    run again completes it."""
    paths = project(tmp_path)
    command = [sys.executable, "-m", "kg.cli", "add", str(ADD / "yuechi_talent.txt"), "--no-build",
               "--sources", str(paths.sources), "--registry", str(paths.registry),
               "--out", str(paths.build)]
    original = project(tmp_path / "again")
    kept = (original.sources / "manifest.yaml").read_bytes()

    def reset() -> None:
        (paths.sources / "manifest.yaml").write_bytes(kept)
        (paths.sources / "yuechi_talent.txt").unlink(missing_ok=True)
        for name in ("jurisdictions.csv", "jurisdiction_codes.csv"):
            (paths.registry / name).write_bytes((original.registry / name).read_bytes())

    took = []
    for _ in range(2):   # the shorter of two whole runs: the second finds the files cached
        reset()
        started = time.monotonic()
        timed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
        took.append(time.monotonic() - started)
        assert timed.returncode == 0, timed.stderr
    outcomes, killed = set(), 0
    for fraction in (0.3, 0.5, 0.7, 0.8, 0.9, 0.97):
        reset()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=min(took) * fraction)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            killed += 1
        entries = parse_manifest((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))
        ids = [e.id for e in entries]
        if "yuechi-2024" in ids:   # whole: its file and its jurisdiction are there
            outcomes.add("whole")
            assert (paths.sources / "yuechi_talent.txt").is_file()
            assert "yuechi," in (paths.registry / "jurisdictions.csv").read_text(encoding="utf-8")
        else:
            outcomes.add("not made")
            assert len(ids) == len(parse_manifest(kept.decode("utf-8")))
        again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
        if "yuechi-2024" in ids:
            assert again.returncode == 1 and "already in the sources" in again.stderr
        else:
            assert again.returncode == 0, again.stderr
        assert "yuechi-2024" in [e.id for e in parse_manifest(
            (paths.sources / "manifest.yaml").read_text(encoding="utf-8"))]
    # which outcome each kill meets depends on the machine's speed; most runs are killed
    assert killed >= 3, (killed, outcomes)


# --- many files at once ---------------------------------------------------------------------------

def _batch(paths, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "add", *args,
                           "--sources", str(paths.sources), "--registry", str(paths.registry),
                           "--out", str(paths.build)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def _state(paths) -> dict:
    return {f: f.read_bytes() for f in [*paths.sources.iterdir(), *paths.registry.iterdir()]}


def test_a_folder_of_plans_is_added_in_one_build(tmp_path) -> None:
    """Two plans of 岳池县 (tests/fixtures/add): a folder given, both proposed, one line a file,
    one build; the county's registry row written once though each plan proposes it."""
    paths = project(tmp_path / "project")
    folder = tmp_path / "province"
    folder.mkdir()
    for name in ("yuechi_talent.txt", "yuechi_tasklist.txt"):
        (folder / name).write_bytes((ADD / name).read_bytes())
    (folder / "notes.md").write_text("not a plan document", encoding="utf-8")
    done = _batch(paths, str(folder))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum(1 for line in lines if line.startswith("read ")) == 2
    assert sum(1 for line in lines if line.startswith("added ")) == 2
    assert done.stdout.count("plankg build") == 1
    ids = [e.id for e in parse_manifest((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))]
    # l.7 of yuechi_talent.txt: issued 2024; yuechi_tasklist.txt l.1: its title's year, 2025
    assert ids[-2:] == ["yuechi-2024", "yuechi-2025"]
    rows = (paths.registry / "jurisdictions.csv").read_text(encoding="utf-8").splitlines()
    assert sum(1 for row in rows if row.startswith("yuechi,")) == 1
    assert not (paths.sources / "notes.md").exists()


def test_one_file_that_cannot_be_added_keeps_the_whole_batch_out(tmp_path) -> None:
    paths = project(tmp_path)
    before = _state(paths)
    done = _batch(paths, str(ADD / "yuechi_talent.txt"), str(ADD / "no_tasks.txt"))
    assert done.returncode == 1
    assert "no_tasks.txt: no task was read" in done.stderr and "nothing was added" in done.stderr
    assert _state(paths) == before


def test_keep_going_adds_the_others_and_says_why_one_was_left_out(tmp_path) -> None:
    paths = project(tmp_path)
    done = _batch(paths, "--keep-going", "--no-build", str(ADD / "no_tasks.txt"),
                  str(ADD / "yuechi_talent.txt"))
    assert done.returncode == 0, done.stderr
    assert "not added:" in done.stderr and "no_tasks.txt: no task was read" in done.stderr
    ids = [e.id for e in parse_manifest((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))]
    assert ids[-1] == "yuechi-2024" and not (paths.sources / "no_tasks.txt").exists()


def test_a_failed_build_takes_the_whole_batch_back(tmp_path) -> None:
    """--strict and a name no rule classifies (tests/fixtures/add/unknown_body.txt): the build
    fails, and neither file of the batch stays."""
    paths = project(tmp_path)
    before = _state(paths)
    done = _batch(paths, "--strict", str(ADD / "yuechi_talent.txt"), str(ADD / "unknown_body.txt"))
    assert done.returncode == 1 and "taken back" in done.stderr
    assert _state(paths) == before


def test_the_options_of_one_plan_need_one_file(tmp_path) -> None:
    paths = project(tmp_path)
    done = _batch(paths, "--title", "某方案", str(ADD / "yuechi_talent.txt"),
                  str(ADD / "yuechi_tasklist.txt"))
    assert done.returncode == 2 and "give one file" in done.stderr
