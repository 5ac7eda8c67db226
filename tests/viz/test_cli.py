"""`plankg viz` and `plankg network ...`, run as a user runs them, over the build in data/build/."""
import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from tests.conftest import ROOT
from tests.viz.test_render import assert_self_contained

PLANKG = [sys.executable, "-m", "plankg"]
SP_HEALTH = "https://w3id.org/plankg/id/org/shapingba/health-commission"


def run(*args):
    return subprocess.run(PLANKG + list(args), capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


@pytest.fixture(scope="module", autouse=True)
def built():
    done = run("build")
    assert done.returncode == 0, done.stderr


def test_viz_writes_a_self_contained_page(tmp_path):
    out = tmp_path / "yuzhong.html"
    done = run("viz", "--plan", "渝中", "--view", "co-responsibility", "-o", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    assert "co-responsibility network" in html


def test_viz_folds_above_the_threshold_and_says_so(tmp_path):
    out = tmp_path / "folded.html"
    done = run("viz", "--plan", "yongchuan-2025", "--max-nodes", "45", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "folded" in done.stderr
    assert "Folded:" in out.read_text(encoding="utf-8")


def test_viz_indicator_writes_page_png_and_svg(tmp_path):
    out = tmp_path / "nurses.html"
    done = run("viz", "--indicator", "每千人口注册护士数", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
    ElementTree.fromstring(out.with_suffix(".svg").read_bytes())  # well-formed SVG
    html = out.read_text(encoding="utf-8")
    # yuzhong_2024_work_measures.txt:97 the 2023 baseline 每千人口注册护士数20.97人, and :26 the
    # target 每千人口注册护士数不低于21人 by 2027
    assert "20.97人" in html and "不低于21人" in html


def test_stats_as_csv_and_json():
    done = run("network", "stats", "--plan", "沙坪坝", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {r["body"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    # shapingba_2025_service_system.txt lines 19–42: 区卫生健康委 in all 19 tasks, none as lead
    assert (rows[SP_HEALTH]["tasks_led"], rows[SP_HEALTH]["tasks_shared"]) == ("0", "19")
    both = json.loads(run("network", "stats", "-p", "沙坪坝", "-p", "渝中", "-f", "json").stdout)
    assert set(both) == {"shapingba-2025", "yuzhong-2024", "all"}


def test_stats_table_names_the_bodies():
    done = run("network", "stats", "--plan", "shapingba-2025", "--top", "1")
    assert done.returncode == 0, done.stderr
    assert "沙坪坝区卫生健康委员会" in done.stdout and "community 1" in done.stdout


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "csv"])
def test_export_by_file_suffix(tmp_path, suffix):
    out = tmp_path / f"cross.{suffix}"
    done = run("network", "export", "--view", "cross-plan", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


@pytest.mark.parametrize("args,says", [
    (["viz", "--plan", "nowhere", "-o", "x.html"], "no plan matches"),
    (["viz", "--plan", "区", "-o", "x.html"], "matches several plans"),
    (["viz", "--view", "hairball", "-o", "x.html"], "unknown view"),
    (["viz", "--kind", "no-such-kind", "-o", "x.html"], "no kind of body matches"),
    (["network", "stats", "--format", "xlsx"], "--format is one of"),
    (["network", "export", "-o", "x.pdf"], "--format is one of"),
])
def test_bad_input_exits_2_with_the_reason(tmp_path, args, says):
    done = subprocess.run(PLANKG + args, capture_output=True, text=True, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 2
    assert says in " ".join(done.stderr.split())
