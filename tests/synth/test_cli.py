"""`plankg synth` and `plankg build --corpus`, run as a user runs them."""
import json
import subprocess
import sys

from tests.conftest import ROOT

PLANKG = [sys.executable, "-m", "kg.cli"]


def run(*args):
    return subprocess.run(PLANKG + [str(a) for a in args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_synth_then_build_the_corpus_strict(tmp_path):
    done = run("synth", "--plans", 2, "--seed", 3, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    written = json.loads((tmp_path / "sources" / "synth.json").read_text(encoding="utf-8"))
    assert len(written["plans"]) == 2
    done = run("build", "--strict", "--corpus", tmp_path)
    assert done.returncode == 0, done.stderr
    counts = json.loads((tmp_path / "build" / "summary.json").read_text(encoding="utf-8"))
    assert counts["counts"]["plans"] == 2
    assert counts["counts"]["tasks"] == sum(p["tasks"] for p in written["plans"])


def test_build_takes_sources_registry_and_out_apart(tmp_path):
    assert run("synth", "--plans", 1, "-o", tmp_path / "corpus").returncode == 0
    done = run("build", "--sources", tmp_path / "corpus" / "sources", "--registry",
               tmp_path / "corpus" / "registry", "--out", tmp_path / "elsewhere")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "elsewhere" / "graphs" / "shared.nq").exists()
    assert not (tmp_path / "corpus" / "build").exists()


def test_synth_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "notes.txt").write_text("mine", encoding="utf-8")
    done = run("synth", "--plans", 1, "-o", tmp_path)
    assert done.returncode == 2
    assert "not a corpus" in done.stderr
    assert (tmp_path / "sources" / "notes.txt").exists()


def test_synth_needs_at_least_one_plan(tmp_path):
    done = run("synth", "--plans", 0, "-o", tmp_path)
    assert done.returncode == 2
    assert "--plans" in done.stderr
