"""The layers' import contracts (pyproject.toml, [tool.importlinter]): plankg above api above viz
above kg, and the stores free of the build. import-linter reads the real import graph."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_command_a_user_runs_has_every_layers_commands():
    done = subprocess.run([sys.executable, "-m", "plankg", "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in ("build", "add", "query", "serve", "viz", "network", "registry"):
        assert f" {command} " in done.stdout, command
