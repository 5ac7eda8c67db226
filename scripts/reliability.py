"""`make reliability`: the reliability suite run whole, its figures written to docs/reliability.md.

    python scripts/reliability.py [--minutes 5] [--work /tmp/plankg-reliability] [--load-json F]
                                  [--tests-done]

1. pytest over tests/reliability/ with PLANKG_RELIABILITY=full (every test at its full size),
   and tests/extract/test_hostile_documents.py; each test's figures and outcome collected;
2. the load run (tests/reliability/load.py) on the 1,000-plan corpus, synthesised and built in
   --work once and kept there; --load-json gives the result of an earlier run instead;
3. pip-audit over the environment, with whatever advisory service answers;
4. docs/reliability.md: a table of each test's promise, outcome and figures, then the load;
   docs/reliability.json: the same figures as data.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Annotated

import typer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.reliability_doc import write_doc  # noqa: E402

TESTS = ["tests/reliability", "tests/extract/test_hostile_documents.py"]
PLANS = 1000


def run_tests(work: Path, again: bool = True) -> tuple[dict, dict]:
    """(outcome and seconds by test id, figures by test id); those of the last run in `work`
    when not `again`."""
    figures_file, junit = work / "figures.jsonl", work / "junit.xml"
    if again:
        figures_file.unlink(missing_ok=True)
        env = dict(os.environ, PLANKG_RELIABILITY="full", PYTHONPATH=str(ROOT),
                   PLANKG_RELIABILITY_FIGURES=str(figures_file))
        subprocess.run([sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider",
                        f"--junitxml={junit}"], cwd=ROOT, env=env)
    outcomes = {}
    for case in ElementTree.parse(junit).iter("testcase"):
        test = case.get("classname", "").replace(".", "/") + ".py::" + case.get("name", "")
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        message = next((c.get("message", "") for c in case if c.tag in ("failure", "error")), "")
        outcomes[test] = {"outcome": "failed" if failed else "skipped" if skipped else "passed",
                          "seconds": float(case.get("time", 0)), "message": message[:300]}
    figures = {}
    if figures_file.exists():
        for line in figures_file.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            figures[entry["test"]] = entry["figures"]
    return outcomes, figures


def promises() -> dict[str, str]:
    """Each test's docstring (its promise) by test id; a module's for its parametrised tests."""
    found = {}
    for target in TESTS:
        path = ROOT / target
        for file in ([path] if path.is_file() else sorted(path.glob("test_*.py"))):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            module = ast.get_docstring(tree) or ""
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    doc = ast.get_docstring(node) or module.split("\n\n")[0]
                    found[f"{file.relative_to(ROOT).as_posix()}::{node.name}"] = \
                        " ".join(doc.split())
    return found


def corpus(work: Path) -> Path:
    folder = work / f"corpus-{PLANS}"
    if not (folder / "build" / "summary.json").exists():
        kg = [sys.executable, "-m", "kg.cli"]
        subprocess.run([*kg, "synth", "--plans", str(PLANS), "--seed", "1", "-o", str(folder)],
                       cwd=ROOT, check=True)
        subprocess.run([*kg, "build", "--corpus", str(folder)], cwd=ROOT, check=True)
    return folder


def run_load(work: Path, minutes: float) -> dict:
    out = work / "load.json"
    subprocess.run([sys.executable, "-m", "tests.reliability.load", "--corpus",
                    str(corpus(work)), "--minutes", str(minutes), "--out", str(out)],
                   cwd=ROOT, check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return json.loads(out.read_text(encoding="utf-8"))


def run_audit() -> dict:
    """pip-audit of the environment by each advisory service: counts, or why it could not."""
    services = {}
    for service in ("pypi", "osv"):
        try:
            done = subprocess.run([sys.executable, "-m", "pip_audit", "-l", "-s", service,
                                   "-f", "json", "--progress-spinner", "off"],
                                  capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            services[service] = {"error": "no answer within 300 s"}
            continue
        try:
            report = json.loads(done.stdout)
        except ValueError:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            services[service] = {"error": lines[-1] if lines else f"exit {done.returncode}"}
            continue
        deps = report["dependencies"]
        services[service] = {
            "packages": len(deps),
            "not audited": sum("skip_reason" in d for d in deps),
            "skip reasons": sorted({d["skip_reason"].split(":")[0] for d in deps
                                    if "skip_reason" in d}),
            "vulnerable": {d["name"]: [v["id"] for v in d["vulns"]] for d in deps
                           if d.get("vulns")}}
    return services


def main(
    minutes: Annotated[float, typer.Option(help="Minutes per load level.")] = 5.0,
    work: Annotated[Path, typer.Option(file_okay=False, help="The corpus, logs and the tests' "
                                       "results.")] = Path("/tmp/plankg-reliability"),
    load_json: Annotated[Path | None, typer.Option(
        dir_okay=False, help="An earlier load run's result.")] = None,
    tests_done: Annotated[bool, typer.Option(
        "--tests-done", help="Take the tests' results of the last run in --work.")] = False,
    out: Annotated[Path, typer.Option(dir_okay=False)] = ROOT / "docs" / "reliability.md",
) -> None:
    """The reliability suite whole, then docs/reliability.md (and .json) written."""
    work.mkdir(parents=True, exist_ok=True)
    outcomes, figures = run_tests(work, again=not tests_done)
    load = (json.loads(load_json.read_text(encoding="utf-8")) if load_json
            else run_load(work, minutes))
    audit = run_audit()
    write_doc(out, promises(), outcomes, figures, load, audit)
    out.with_suffix(".json").write_text(json.dumps(
        {"tests": outcomes, "figures": figures, "load": load, "audit": audit},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    failed = [test for test, o in outcomes.items() if o["outcome"] == "failed"]
    print(f"wrote {out}: {len(outcomes)} tests, {len(failed)} failed")


if __name__ == "__main__":
    typer.run(main)
