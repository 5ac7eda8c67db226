"""`plankg registry …` run as a user runs it, and the jurisdiction a new plan's header proposes."""
import shutil
import subprocess
import sys

from kg.registry import Registry
from kg.registry_files import propose_jurisdiction
from tests.conftest import FIXTURES, ROOT

REGISTRY = ROOT / "data" / "registry"


def run(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", "registry", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_codes_check_finds_the_table_up_to_date():
    done = run("codes", "--check")
    assert done.returncode == 0, done.stderr


def test_codes_writes_the_table_again(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY, folder)
    (folder / "jurisdiction_codes.csv").write_text("jurisdiction,code\n", encoding="utf-8")
    assert run("codes", "--check", "--registry", str(folder)).returncode == 1
    assert run("codes", "--registry", str(folder)).returncode == 0
    assert (folder / "jurisdiction_codes.csv").read_bytes() == \
        (REGISTRY / "jurisdiction_codes.csv").read_bytes()


def test_place_appends_a_division_and_its_rows_resolve(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY, folder)
    done = run("place", "邻水县", "--append", "--registry", str(folder))
    assert done.returncode == 0, done.stderr
    assert "linshui,邻水县,Linshui County,county,guang-an" in \
        (folder / "jurisdictions.csv").read_text(encoding="utf-8")
    assert "linshui,511623" in (folder / "jurisdiction_codes.csv").read_text(encoding="utf-8")
    done = run("classify", "县卫生健康局", "-j", "linshui", "--registry", str(folder))
    assert done.returncode == 0 and "linshui/health-bureau" in done.stdout


def test_classify_exits_1_on_a_name_no_rule_classifies():
    done = run("classify", "区未知局", "-j", "shapingba")
    assert done.returncode == 1 and "provisional" in done.stdout


def test_an_ambiguous_division_is_an_error_naming_both():
    done = run("division", "铁东区")
    assert done.returncode == 1
    assert "210302" in done.stderr and "220303" in done.stderr


def test_a_header_proposes_the_plans_jurisdiction():
    registry = Registry.load(REGISTRY)
    # tests/fixtures/sixth_plan.txt:1 and county_plan.txt:1-2
    assert propose_jurisdiction(registry, "重庆市沙坪坝区人民政府办公室") == ("shapingba", [])
    header = "\n".join((FIXTURES / "county_plan.txt").read_text(encoding="utf-8").split("\n")[:2])
    found, rows = propose_jurisdiction(registry, header)
    assert found == "linshui" and [(r.id, r.code) for r in rows] == [("linshui", "511623")]
    assert propose_jurisdiction(registry, "关于印发卫生工作要点的通知") == (None, [])
