"""docs/benchmarks.md from a run's results: the targets with met / NOT met, the machine, one
table per section (every size side by side, ratios computed within the run), the plots, and
how each figure was measured.
"""
from __future__ import annotations

from pathlib import Path

from bench.how import HOW
from bench.targets import FLOOR_RATIO, Check, ratio, seconds

MIB = 1024 ** 2


def table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right if right is not None else set(range(1, len(header)))
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def label(n: str | int) -> str:
    return "5 (real)" if int(n) == 5 else f"{int(n):,}"


def ms(value: float | None, over_s: float | None = None) -> str:
    if value is None:
        return f"over {over_s:g} s" if over_s is not None else "—"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def mib(value: int) -> str:
    return f"{value / MIB:,.0f} MiB"


def targets_section(checks: list[Check], n: int) -> str:
    rows = []
    for check in checks:
        why = check.why
        if check.profile:
            why += (" " if why else "") + "Profile: " + ", ".join(
                f"[{Path(p).name}](benchmarks/profiles/{Path(p).name})" for p in check.profile)
        status = f"**{check.status}**" if check.status == "NOT met" else check.status
        rows.append([check.section, check.target, check.figure, status, why])
    return (f"## Targets (checked at {n:,} plans)\n\n"
            + table(["section", "target", "figure", "status", "why / where the time goes"], rows,
                    right=set()))


def machine_section(machine: dict, command: str) -> str:
    packages = ", ".join(f"{k} {v}" for k, v in machine["packages"].items())
    return f"""## Machine and command

| | |
|---|---|
| date | {machine['date']} |
| CPU | {machine['cpu']}, {machine['cores']} cores |
| memory | {machine['memory_gib']} GiB |
| OS | {machine['os']} |
| Python | {machine['python']} |
| packages | {packages} |
| browser, load tool | {machine['chromium']}; {machine['wrk']} |
| load average at start | {machine['load_average']} (1, 5, 15 min: other work inflates times) |
| commit | {machine['commit']} |

```sh
{command}
```"""


def build_section(found: dict) -> str:
    rows = []
    for n, b in sorted(found.items(), key=lambda item: int(item[0])):
        again = b["incremental"]
        rows.append([label(n), f"{b['triples']:,}", seconds(b["seconds"]),
                     mib(b["tree_peak_bytes"]), mib(b["largest_process_bytes"]),
                     seconds(again["seconds"]) + (f" (slowest {seconds(max(again['runs_s']))})"
                                                  if len(again.get("runs_s", [])) > 1 else ""),
                     f"{', '.join(again['extracted']) or 'none'}; {again['revalidated']} parts"])
    return "## 1. Build\n\n" + table(
        ["plans", "triples", "build", "peak memory (tree)", "largest process", "rebuild, one plan "
         "changed (median)", "extracted again; validation parts checked"], rows, right={1, 2, 3, 4, 5})


def rows_cell(ours: dict, theirs: dict, same: bool | None) -> str:
    """How many rows; both counts where rdflib answers otherwise, its error where it failed."""
    if theirs.get("error") and not theirs["runs"]:
        return f"{ours['rows']} / rdflib failed: {theirs['error'][:80]}"
    if ours["rows"] is None:
        return f"— / rdflib {theirs['rows']}" if theirs["rows"] is not None else "—"
    if same or theirs["rows"] is None:
        return f"{ours['rows']}"
    return f"{ours['rows']} / rdflib {theirs['rows']}"


def queries_section(found: dict) -> str:
    parts = ["## 2. Queries\n\nTimes in milliseconds; speed-up = rdflib p50 / embedded p50."]
    for n, q in sorted(found.items(), key=lambda item: int(item[0])):
        rows = []
        for name, entry in q["queries"].items():
            ours, theirs = entry["embedded"], entry["rdflib"]
            rows_note = rows_cell(ours, theirs, entry["same_rows"])
            runs = f"{ours['runs']} / {theirs['runs']}"
            rows.append([name, ms(ours["p50_ms"], ours["over_s"]),
                         ms(ours["p95_ms"], ours["over_s"]), ms(theirs["p50_ms"], theirs["over_s"]),
                         ms(theirs["p95_ms"], theirs["over_s"]), ratio(entry["speedup"]), runs,
                         rows_note])
        loads = q["load_seconds"]
        parts.append(f"### {label(n)} plans\n\nLoaded in {seconds(loads['embedded'])} (embedded) "
                     f"and {seconds(loads['rdflib'])} (rdflib). Median speed-up: "
                     f"**{ratio(q['median_speedup'])}**. Queries 03, 07, 12 and 14 ask "
                     f"about `{q['queried_plan']}`.\n\n" + table(
                         ["query", "embedded p50", "embedded p95", "rdflib p50", "rdflib p95",
                          "speed-up", "runs (ours / rdflib)", "rows (differs: ours / rdflib)"],
                         rows))
    return "\n\n".join(parts)


SERVERS = ("plankg", "rdflib-endpoint", "oxigraph")


def endpoint_notes(found: dict) -> list[str]:
    """Where servers answered a query with different row counts, or failed requests."""
    notes = []
    for n, e in sorted(found.items(), key=lambda item: int(item[0])):
        for name, by in e["queries"].items():
            rows = {s: by[s]["rows"] for s in SERVERS if by[s]["rows"] is not None}
            if len(set(rows.values())) > 1:
                notes.append(f"{label(n)} plans, {name}: rows differ: " + ", ".join(
                    f"{s} {r}" for s, r in rows.items()))
            for server in SERVERS:
                if by[server].get("unanswered"):
                    notes.append(f"{label(n)} plans, {name}: {server} gave no answer to one "
                                 f"request alone ({by[server]['unanswered']}); not loaded")
            failed = {s: by[s]["errors"] for s in SERVERS
                      if by[s]["errors"] and not by[s].get("unanswered")}
            if failed:
                notes.append(f"{label(n)} plans, {name}: failed or unanswered requests: " +
                             ", ".join(f"{s} {c}" for s, c in failed.items()))
    return notes


def endpoint_section(found: dict) -> str:
    rows = []
    for n, e in sorted(found.items(), key=lambda item: int(item[0])):
        for name, by in e["queries"].items():
            cells = [label(n), name]
            for server in SERVERS:
                s = by[server]
                rps = f"{s['rps']:,.1f}" if s["answered"] else f"< {s['at_most_rps']:.2f}"
                cells += [rps, ms(s["p95_ms"], s.get("over_s"))]
            cells += [ratio(by["vs_rdflib_endpoint"]), ratio(by["vs_oxigraph"])]
            rows.append(cells)
    first = next(iter(found.values()))
    return ("## 3. Endpoint\n\nRequests per second and p95 latency (ms) under "
            f"{first['connections']} concurrent connections for {first['seconds']} s per query "
            "and server.\n\n" + table(
                ["plans", "query", "/sparql req/s", "p95", "rdflib-endpoint req/s", "p95",
                 "oxigraph serve req/s", "p95", "/sparql ÷ rdflib-endpoint",
                 "/sparql ÷ oxigraph"], rows, right=set(range(2, 10)))
            + "".join(f"\n- {note}" for note in endpoint_notes(found)))


def validation_section(found: dict) -> str:
    rows = []
    for n, v in sorted(found.items(), key=lambda item: int(item[0])):
        per_plan = (f"{v['split_s'] / int(n) * 1000:,.0f} ms" if v["split_s"] else "—")
        rows.append([label(n), seconds(v["split_s"], v["split_over_s"]), per_plan,
                     seconds(v["pyshacl_s"], v["pyshacl_over_s"]), ratio(v["speedup"])])
    jobs = next(iter(found.values()))["jobs"]
    return "## 4. Validation\n\n" + table(
        ["plans", f"plankg validate --jobs {jobs}", "per plan", "one pySHACL call, whole graph",
         "ratio"], rows)


def pages_section(found: dict) -> str:
    rows = []
    for size, page in found["pages"].items():
        rows.append([f"{int(size):,}", f"{page['nodes']:,}", f"{page['links']:,}",
                     f"{page['bytes'] / MIB:.1f} MiB", ms(page["p50_ms"], page["over_s"]),
                     ms(page["p95_ms"], page["over_s"]), str(page["runs"])])
    return (f"## 5. Visualisation\n\nNetworks taken from the {label(found['corpus_plans'])}-plan "
            "corpus. Milliseconds from navigation start until drawn.\n\n"
            + table(["nodes asked", "nodes", "links", "page", "p50", "p95", "runs"], rows))


def search_section(found: dict) -> str:
    rows = []
    for n, v in sorted(found.items(), key=lambda item: int(item[0])):
        for part, name in (("all", "all"), ("trigram", "3–8 characters"), ("like", "2 characters")):
            f = v[part]
            rows.append([label(n), name, ms(f["index_p50_ms"]), ms(f["index_p95_ms"]),
                         ms(f.get("every_p50_ms")), ms(f.get("every_p95_ms")),
                         ms(f["scan_p50_ms"]), ms(f["scan_p95_ms"]),
                         f"{f['scan_p95_ms'] / f['index_p95_ms']:,.0f}×"
                         if f["index_p95_ms"] and f["scan_p95_ms"] else "—"])
    notes = [f"{label(n)} plans: index {v['index_bytes'] / MIB:,.0f} MiB, median hits a phrase "
             f"{v['hits_median']:,}, phrases where the two differ: {len(v['differ'])}"
             for n, v in sorted(found.items(), key=lambda item: int(item[0]))]
    limit = next(iter(found.values())).get("limit", 100)
    return ("## 6. Search\n\nMilliseconds per phrase: the index giving the best "
            f"{limit} hits (as `/api/search` does by default) and every hit, the scan every "
            "hit; ratio = scan p95 / index p95 (best hits).\n\n"
            + table(["plans", "phrases", f"index p50 ({limit})", f"index p95 ({limit})",
                     "index p50 (all)", "index p95 (all)", "SPARQL scan p50",
                     "SPARQL scan p95", "ratio"], rows, right=set(range(2, 9)))
            + "".join(f"\n- {note}" for note in notes))


def floor_cell(way: dict | None) -> list[str]:
    if not way:
        return ["—", "—"]
    return [ms(way["p50_ms"]), ms(way["p95_ms"])]


def p50(way: dict | None) -> str:
    return ms(way["p50_ms"]) if way else "—"


def times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def floor_notes(f: dict) -> list[str]:
    """The round trip of an empty query, and the queries it alone keeps from the target."""
    empty = f["empty"]
    rt = empty["sparql"]["p50_ms"]
    engine = empty.get("oxigraph")
    notes = [f"`ASK {{}}`, the empty query: bare {ms(empty['bare']['p50_ms'])} ms, in process "
             f"{ms(empty['execute']['p50_ms'])} ms, through `/sparql` {ms(rt)} ms (p50; p95 "
             f"{ms(empty['sparql']['p95_ms'])} ms): what HTTP and the hop to a worker cost "
             "every answer" + (f"; through `oxigraph serve` {ms(engine['p50_ms'])} ms, the "
                               "round trip of the engine's own server and of this client"
                               if engine else "") + "."]
    if rt is not None:
        bound = [name for name, q in f["queries"].items()
                 if q["bare"]["p50_ms"] is not None
                 and q["bare"]["p50_ms"] + rt > FLOOR_RATIO * q["bare"]["p50_ms"]]
        if bound:
            notes.append(f"Out of reach of {FLOOR_RATIO}× by the empty round trip alone (bare "
                         f"p50 under {rt / (FLOOR_RATIO - 1):,.1f} ms, i.e. {rt:,.1f} ms is more "
                         f"than {FLOOR_RATIO - 1:.0%} of it): " + ", ".join(
                             f"{name} ({ms(f['queries'][name]['bare']['p50_ms'])} ms)"
                             for name in bound) + ".")
    differ = [name for name, q in f["queries"].items() if not q["same_rows"]]
    if differ:
        notes.append("Rows differ between the ways for " + ", ".join(differ) + ".")
    return notes


def summary_table(found: dict | None) -> str:
    """02 and 13 from counts stored ahead (bench/summary.py), beside themselves."""
    if not found:
        return ""
    rows = []
    for name, q in found["queries"].items():
        ours, ahead = q["query"], q["summary"]
        rows.append([name, f"{q['rows']:,}", "yes" if q["same_rows"] else "**no**",
                     *floor_cell(ours), *floor_cell(ahead),
                     times(ahead["p50_ms"] / ours["p50_ms"]) if ours["p50_ms"] else "—"])
    return (f"\n\nFrom counts stored ahead: {found['quads']:,} quads of tallies, written in "
            f"{seconds(found['write_seconds'])} from the same store (bench/summary.py); both "
            "on the bare store.\n\n" + table(
                ["query", "rows", "same rows", "query p50", "query p95", "from the summary p50",
                 "p95", "summary ÷ query"], rows))


def floor_section(found: dict) -> str:
    parts = ["## 7. At the engine's floor\n\nMilliseconds, p50 and p95; ratio = the project's "
             "p50 over the bare store's (target: at most "
             f"{FLOOR_RATIO}×). \"bare\": the query on a bare store, every solution iterated, "
             "none decoded; \"bare, written\": the same store writing its SPARQL JSON (the "
             "answer's bytes, which /sparql sends); \"in process\": `api.execute.execute`, the "
             "worker's own code, without HTTP; \"oxigraph serve\": the engine's own HTTP server "
             "(`serve-read-only`, RocksDB on disk) over the same quads, asked the same way as "
             "/sparql."]
    for n, f in sorted(found.items(), key=lambda item: int(item[0])):
        rows = []
        for name, q in f["queries"].items():
            rest = q.get("rest")
            engine = q.get("oxigraph")
            rows.append([name, f"{q['bare']['rows']:,}", ms(q["bare"]["p50_ms"]),
                         p50(q.get("written")), ms(q["execute"]["p50_ms"]),
                         *floor_cell(q["sparql"]), times(q["sparql_ratio"]),
                         times(q.get("sparql_written_ratio")), p50(engine),
                         times(q.get("sparql_oxigraph_ratio")), p50(rest),
                         times(q["rest_ratio"]) if rest else
                         ("asks about 沙坪坝" if q["rest_asks_another_plan"] else "—"),
                         times(q.get("rest_written_ratio")) if rest else "—",
                         str(q["bare"]["runs"])])
        engine_load = (f"; `oxigraph load` and `oxigraph serve-read-only` up in "
                       f"{seconds(f['oxigraph_load_seconds'])}" if "oxigraph_load_seconds" in f
                       else "")
        parts.append(f"### {label(n)} plans\n\nBare store loaded in {seconds(f['load_seconds'])}"
                     f"{engine_load}; "
                     f"queries 03, 07, 12 and 14 ask about `{f['queried_plan']}`.\n\n" + table(
                         ["query", "rows", "bare p50", "bare, written p50", "in process p50",
                          "/sparql p50", "/sparql p95", "/sparql ÷ bare", "/sparql ÷ written",
                          "oxigraph serve p50", "/sparql ÷ oxigraph serve", "REST p50",
                          "REST ÷ bare", "REST ÷ written", "rounds"], rows)
                     + "".join(f"\n- {note}" for note in floor_notes(f))
                     + summary_table(f.get("summary")))
    return "\n\n".join(parts)


def own_files_section(names: list[str]) -> str:
    if not names:
        return ""
    return ("## Sections run on their own\n\n" + "\n".join(
        f"- [{name}]({name}) (raw numbers in [{name[:-3]}.json]({name[:-3]}.json))"
        for name in names))


def plots_section(plots: list[Path]) -> str:
    if not plots:
        return ""
    return "## Plots\n\n" + "\n".join(f"![{p.stem}](benchmarks/{p.name})" for p in plots)


def render(results: dict, checks: list[Check], plots: list[Path],
           own: list[str] | None = None, name: str = "benchmarks") -> str:
    """The report of a run, written as `name`.md beside `name`.json; `own`: reports of sections
    run on their own, linked from it."""
    o = results["options"]
    title = "Benchmarks" + (": " + ", ".join(o["sections"]) if name != "benchmarks" else "")
    parts = [f"# {title}\n\nWritten by `python -m bench` (`make bench`); raw numbers in "
             f"[{name}.json]({name}.json). Figures depend on the machine and on what else "
             "it runs: compare figures of one run with each other, not across runs.",
             targets_section(checks, o["target_plans"]),
             machine_section(results["machine"], results["command"])]
    sections = {"build": build_section, "queries": queries_section, "endpoint": endpoint_section,
                "validation": validation_section, "visualisation": pages_section,
                "search": search_section, "floor": floor_section}
    for name, write in sections.items():
        if results.get(name):
            parts.append(write(results[name]))
    parts.append(own_files_section(own or []))
    parts.append(plots_section(plots))
    parts.append("## How each figure is measured\n\n" + "".join(
        HOW[name].format(**o) for name in sections if results.get(name)).rstrip())
    if results.get("errors"):
        parts.append("## Steps that failed\n\n" + "\n".join(f"- {e}" for e in results["errors"]))
    return "\n\n".join(p for p in parts if p) + "\n"
