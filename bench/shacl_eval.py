"""`python -m bench.shacl_eval`: the SHACL engines of bench.shacl_engines on the same work, each
report compared with pySHACL's and each run timed (docs/validation.md, "Other SHACL engines").

The work: the five plans' build with the ontology against ontology/shapes.ttl's core constraints
(the sh:sparql ones are run by kg.validate.sparql whichever engine runs the core); the same graph
with every defect of tests/validate/test_shapes.py planted; the small graph of
tests/validate/test_core.py whose shapes use the core components shapes.ttl does not; literals
of the lexical forms test_core.py reads with the XSD definitions (a report compared with that
reading as well as with pySHACL's); and, with --corpus, a built synthetic corpus (`plankg synth`,
`plankg build --corpus`), run once.

Each engine runs in a child forked from this process after the inputs are read (a crash or a run
over --limit costs that engine alone); its time is measured in the child, from the N-Triples text
in hand to the report read, and is the median of --repeat runs (one run on the corpus).
"""
from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from rdflib import Graph

from bench.shacl_engines import BY_NAME, Engine, Inputs, Key, package_version
from kg.graphs import read_dataset
from kg.paths import Paths
from kg.validate.check import _ontology_nt
from kg.validate.shapes import load_shapes, split_shapes

REFERENCE, OURS = "pyshacl", "store"
EX, XSD = "http://example.org/", "http://www.w3.org/2001/XMLSchema#"
# tests/validate/test_core.py::test_lexical_forms: (lexical form, datatype, well-formed by XSD)
LEXICAL = [("2027", "gYear", True), ("2027年", "gYear", False), ("12.5", "decimal", True),
           ("1e3", "decimal", False), ("-3", "integer", True), ("二", "integer", False),
           ("2022-02-29", "date", False), ("2024-02-29", "date", True), ("1e3", "double", True)]
DATATYPE = "http://www.w3.org/ns/shacl#DatatypeConstraintComponent"


def graph_nt(build: Path) -> str:
    return "".join(f"{line}\n" for line in read_dataset(build).lines)


def lexical_forms() -> tuple[Inputs, list[Key]]:
    """ex:xN has ex:vN, the Nth literal of LEXICAL, and a shape asks it of its datatype; the
    results XSD's reading gives."""
    shapes, data = ["@prefix sh: <http://www.w3.org/ns/shacl#> ."], []
    for n, (lexical, datatype, _) in enumerate(LEXICAL):
        shapes.append(f"<{EX}S{n}> a sh:NodeShape ; sh:targetNode <{EX}x{n}> ; sh:property "
                      f"[ sh:path <{EX}v{n}> ; sh:datatype <{XSD}{datatype}> ] .")
        data.append(f'<{EX}x{n}> <{EX}v{n}> "{lexical}"^^<{XSD}{datatype}> .\n')
    parsed = split_shapes(Graph().parse(data="\n".join(shapes), format="turtle"))
    expected = [(f"{EX}x{n}", f"{EX}v{n}", DATATYPE, "Violation")
                for n, (_, _, valid) in enumerate(LEXICAL) if not valid]
    return Inputs("".join(data), parsed, parsed.core.serialize(format="nt")), expected


def workloads(build: Path | None, corpus: Path | None) -> list[tuple]:
    """(name, inputs, repeated, expected keys or None) of each piece of work."""
    from tests.validate.test_core import DATA, SHAPES
    from tests.validate.test_shapes import CASES, plant

    paths = Paths()
    shapes = load_shapes(paths.shapes)
    shapes_nt = shapes.core.serialize(format="nt")
    ontology = _ontology_nt(paths.ontology)
    if build is None:
        from kg.build import run_build
        build = Path(tempfile.mkdtemp(prefix="shacl-eval-")) / "build"
        run_build(Paths(build_dir=build))
    plans = graph_nt(build)
    other = split_shapes(Graph().parse(data=SHAPES, format="turtle"))
    lexical, expected = lexical_forms()
    work = [("5 plans", Inputs(plans + ontology, shapes, shapes_nt), True, None),
            (f"5 plans, {len(CASES)} defects planted",
             Inputs(plant(plans, CASES) + ontology, shapes, shapes_nt), True, None),
            ("other core components (test_core)",
             Inputs(Graph().parse(data=DATA, format="turtle").serialize(format="nt"), other,
                    other.core.serialize(format="nt")), True, None),
            ("lexical forms (test_core)", lexical, True, expected)]
    if corpus is not None:
        text = graph_nt(corpus / "build")
        plans_count = len(list((corpus / "build" / "graphs" / "plans").glob("*.nq")))
        work.append((f"{plans_count:,} plans (synthetic)", Inputs(text + ontology, shapes, shapes_nt),
                     False, None))
    return work


def _child(engine: Engine, inputs: Inputs, pipe) -> None:
    try:
        started, cpu = time.perf_counter(), time.process_time()
        keys = engine.run(inputs)
        pipe.send(("ok", time.perf_counter() - started, time.process_time() - cpu, keys))
    except BaseException as error:   # reported as this engine's failure, not the run's
        pipe.send(("error", 0.0, 0.0, f"{type(error).__name__}: {error}\n"
                                      f"{traceback.format_exc(limit=3)}"))


def run_once(engine: Engine, inputs: Inputs, limit: float) -> dict:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(engine, inputs, send))
    child.start()
    send.close()
    if not receive.poll(limit):
        child.kill()
        child.join()
        return {"status": "over", "limit_s": limit}
    try:
        status, seconds, cpu, payload = receive.recv()
    except EOFError:   # died without a word: a crash in native code
        child.join()
        return {"status": "error", "error": f"the process died (exit {child.exitcode})"}
    child.join()
    if status == "error":
        return {"status": "error", "error": payload}
    return {"status": "ok", "seconds": seconds, "cpu_s": cpu, "keys": payload}


def run_engine(engine: Engine, inputs: Inputs, repeat: int, limit: float) -> dict:
    runs = []
    for _ in range(repeat):
        run = run_once(engine, inputs, limit)
        runs.append(run)
        if run["status"] != "ok":
            return run
    keys = runs[0]["keys"]
    return {"status": "ok", "seconds": statistics.median(r["seconds"] for r in runs),
            "cpu_s": statistics.median(r["cpu_s"] for r in runs), "runs": len(runs), "keys": keys}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def compare(keys: list[Key], reference: list[Key]) -> dict:
    """Set comparison on (focus, path, component, severity); what differs, by component."""
    ours, theirs = set(keys), set(reference)
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    by_component = Counter(f"{_local(k[2])} ({k[3]}): missing" for k in missing) + \
        Counter(f"{_local(k[2])} ({k[3]}): extra" for k in extra)
    return {"same": not missing and not extra, "results": len(keys), "distinct": len(ours),
            "missing": len(missing), "extra": len(extra), "by_component": dict(by_component),
            "example_missing": list(missing[0]) if missing else None,
            "example_extra": list(extra[0]) if extra else None}


def evaluate(engines: list[Engine], work, repeat: int, limit: float) -> list[dict]:
    rows = []
    for name, inputs, repeated, expected in work:
        print(f"== {name}", file=sys.stderr, flush=True)
        outcome = {}
        for engine in engines:
            outcome[engine.name] = run_engine(engine, inputs, repeat if repeated else 1, limit)
            run = outcome[engine.name]
            print(f"   {engine.name}: {run['status']} "
                  f"{run.get('seconds', run.get('limit_s', '')):.3f} s" if run["status"] != "error"
                  else f"   {engine.name}: error {run['error'].splitlines()[0]}",
                  file=sys.stderr, flush=True)
        reference = outcome.get(REFERENCE, {})
        for engine in engines:
            run = outcome[engine.name]
            row = {"work": name, "engine": engine.name, "version": package_version(engine),
                   **{k: v for k, v in run.items() if k != "keys"}}
            if run["status"] == "ok" and expected is not None:
                row["vs_expected"] = compare(run["keys"], expected)
            if run["status"] == "ok" and reference.get("status") == "ok":
                row["vs_pyshacl"] = compare(run["keys"], reference["keys"])
                row["ratio_to_pyshacl"] = run["seconds"] / reference["seconds"]
            ours = outcome.get(OURS, {})
            if run["status"] == "ok" and ours.get("status") == "ok":
                row["ratio_to_store"] = run["seconds"] / ours["seconds"]
                if reference.get("status") != "ok":   # no reference: the tested stand-in
                    row["vs_store"] = compare(run["keys"], ours["keys"])
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| work | engine | version | same reports as pySHACL | time | × pySHACL | × store |",
             "| --- | --- | --- | --- | ---: | ---: | ---: |"]
    for r in rows:
        if r["status"] == "ok":
            time_text = f"{r['seconds']:.2f} s"
        elif r["status"] == "over":
            time_text = f"over {r['limit_s']:.0f} s"
        else:
            time_text = "error"
        diff = r.get("vs_pyshacl") or r.get("vs_store")
        if r["status"] == "error":
            same = r["error"].splitlines()[0][:120]
        elif diff is None:
            same = "—"
        else:
            same = "yes" if diff["same"] else "no: " + "; ".join(
                f"{k} {v}" for k, v in sorted(diff["by_component"].items()))
            same += "" if "vs_pyshacl" in r else " (against store)"
            if "vs_expected" in r:
                same += "; XSD's reading: " + ("yes" if r["vs_expected"]["same"] else "no: " + "; ".join(
                    f"{k} {v}" for k, v in sorted(r["vs_expected"]["by_component"].items())))
        ratio = lambda key: f"{r[key]:.2f}" if key in r else "—"  # noqa: E731
        lines.append(f"| {r['work']} | {r['engine']} | {r['version'] or '—'} | {same} | "
                     f"{time_text} | {ratio('ratio_to_pyshacl')} | {ratio('ratio_to_store')} |")
    return "\n".join(lines)


cli = typer.Typer(add_completion=False)
EngineName = Enum("EngineName", {name: name for name in BY_NAME}, type=str)


@cli.command()
def shacl_eval(
    build: Annotated[Path | None, typer.Option(
        file_okay=False, help="A build of the five plans (default: built now).")] = None,
    corpus: Annotated[Path | None, typer.Option(
        file_okay=False, help="A built corpus (plankg build --corpus DIR), run once.")] = None,
    engines: Annotated[list[EngineName], typer.Option(
        help="An engine to run (give it once an engine).")] = list(EngineName),  # noqa: B006
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each engine on the small work.")] = 3,
    limit: Annotated[float, typer.Option(help="Seconds an engine's run may take.")] = 600,
    out: Annotated[Path | None, typer.Option(dir_okay=False, help="The figures as JSON.")] = None,
    only_corpus: Annotated[bool, typer.Option(help="Skip the small work.")] = False,
) -> None:
    """Each SHACL engine against pySHACL and the store engine on the same work."""
    chosen = [BY_NAME[engine.value] for engine in engines]
    missing = [e.package for e in chosen if package_version(e) is None]
    if missing:
        raise typer.BadParameter(f"not installed: {', '.join(missing)}: "
                                 "pip install 'plankg[shacl-eval]'", param_hint="--engines")
    work = workloads(build, corpus)
    if only_corpus:
        work = [w for w in work if not w[2]]
    rows = evaluate(chosen, work, repeat, limit)
    if out:
        out.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(rows))


def main(argv: list[str] | None = None) -> int:
    """Run with these arguments (the command line's by default): the exit status."""
    try:
        typer.main.get_command(cli).main(args=argv, prog_name="python -m bench.shacl_eval")
    except SystemExit as done:
        return done.code or 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
