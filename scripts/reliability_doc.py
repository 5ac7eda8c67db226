"""docs/reliability.md from one run of the reliability suite (scripts/reliability.py): each
test's promise (its docstring), outcome and figures; the load run; pip-audit; the hostile
documents' tests, which live with the extractor."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from kg.extract.documents import MAX_BYTES
from kg.extract.documents.capped import MEMORY, SECONDS
from kg.extract.documents.pdf import MAX_PAGES

HOSTILE = "tests/extract/test_hostile_documents.py"
# a parametrised test's id: "test_x[/api/plans/{plan_id}]" → "test_x"
PARAMETRISED = re.compile(r"\[.*\]$")

NOTES = """\
## What the figures mean, and what they do not show

- **A new build is served after a restart, not before.** The API loads the graph once, at
  startup, into the memory of its query processes (api/README.md). While `plankg add` and
  `plankg build` replace the build folder it keeps answering from the graph it loaded, whole,
  so no answer mixes two graphs; the new graph is served once the server is restarted (the new
  server's start until it answers is measured above; requests in that window are refused at
  the socket unless a second server is started first and the port handed over). The marker of a
  graph is its count of plans and of triples: a build is a function of its inputs, byte for byte,
  so the build needs no marker triple of its own. Source excerpts of `.txt` plans are read from
  `data/sources/` at request time; `plankg add` adds files there and changes none, so they too
  stay those of the graph served.
- **A killed build's staging folder is removed by the next build.** `kill -9` gives the build no
  chance to remove its `.build-{pid}-…` folder beside the out folder (the count of those left
  by the kills is above); the next build removes every such folder whose process is gone, and
  the test checks none is left after it (since after this run; a build of another live process
  keeps its own).
- **The swap is one step.** The build used to swap folders by two renames, with a moment between
  them when the out folder did not exist; it now exchanges them with `renameat2(RENAME_EXCHANGE)`
  (kg/build/run.py), falling back to the two renames where the kernel or file system cannot.
- **Fuzzing found one 5xx, fixed.** Brackets nested a few thousand deep (about 2,500 groups)
  overflowed pyoxigraph's recursive parser and killed the worker: a 500 to that client (the pool
  replaced the worker, others went on). The guard now refuses brackets nested over 100 deep with
  a 400 saying so (api/guard.py; the deepest query of the project nests 7).
- **Limits answered outside the app.** A query string over uvicorn's own request-line limit
  (between 100 and 500 kB, under the API's 1 MB) is refused by uvicorn with its plain-text 400
  `Invalid HTTP request received.`, never the app's 414; a reason, if a terse one. In a checkout
  where `make install` has not run npm, `web/node_modules/` is missing and any request under
  `/static/vendor/` is a 500 (starlette's StaticFiles finds no folder); `make install` creates it.
- **Why a refused request is not an unexpected 5xx.** With every worker busy, a request joins a
  queue of at most `PLANKG_QUEUE` (8) waiting for a worker, for at most `PLANKG_QUEUE_WAIT`
  (2 s); past either it is answered 503 at once, before anything ran, with `Retry-After` (the
  queue's length over the workers, at the mean time a job holds one) and
  `{"error": …, "refused": "queue-full" | "queue-deadline"}` (api/pool.py). That is the server
  telling a client to come back, which a client can act on, and it costs the server nothing: the
  load run counts it apart. A request that was admitted and then failed (a 500, a time limit
  on a query that should have run, a 503 for any other reason) is a broken promise and counted
  as unexpected. Before, a request waited up to the time limit for a worker and then got 503
  (every query worker stayed busy), holding its client for the whole limit.
- **What the 1,000-plan load had run into.** `GET /api/organizations?name=卫生健康` alone took
  419 s on the embedded store (measured before the change, one query, no load): an `OPTIONAL`
  reading the jurisdiction's label beside, not inside, the `OPTIONAL` binding the jurisdiction
  joined every label of the graph for each body without one; every call held a worker until the
  5 s limit killed it. Nested, the type checked per body, and paged in a subquery: 0.2 s for a
  page of 200 (of 1,209). The REST lists are paged (`limit`, default 200, at most 1,000;
  `offset`; `Link: <…>; rel="next"`; api/README.md), and one plan's sizes are counted over that
  plan only (234 ms → 2 ms at 1,000 plans; three of the load's REST routes look a plan up). The
  load run below counted them with one UNION over the page's plans, also 1 ms for one plan, which
  Virtuoso answers wrongly (one group per branch); the parameter row repeated in each count
  (api/rq/plans.rq) is what it answers right. A page of the whole list still counts over every
  plan: 0.3 s at 1,000.
- **The load run of 2026-12-03 17:08–17:23 UTC, against the one of 13:29.** 0 unexpected 5xx at
  4, 8 and 16 users (35, 43 and 266 before); p50 / p95 / p99 of every request 130 / 1,000 /
  5,000, 230 / 1,400 / 2,800 and 290 / 2,600 / 4,300 ms (510 / 5,300 / 6,800, 2,800 / 8,300 /
  10,000 and 5,000 / 12,000 / 14,000 before); 4.8, 8.2 and 12.5 requests a second answered,
  refusals included (2.4, 2.1, 2.5 before). At 16 users 1,449 of 3,739 requests were refused
  (39 %): the two workers served 7.6 admitted requests a second of this mix (2,290 in 300 s), and the rest
  are told to come back. Of the 47 runaways, 38 ran and were stopped at the limit (the server
  log's workers killed at the time limit); the others were refused before running, which is
  why their p50 at 16 users is 98 ms. Beside the run, other work on the machine: another
  branch's benchmark tests (5-plan builds of `tests/bench/test_floor.py`), load average 1.3–4.
- **Workers: one a core.** Queries are CPU-bound in pyoxigraph (Rust, one thread a query), so a
  third worker on 2 cores would only share the same cores, and the API process's own work
  (JSON and pages in Python) needs them too; `PLANKG_WORKERS` now defaults to the core count,
  2 here (reasoned, not measured with 3). More users than that are what the queue is for.
- **A worker's death says why.** The zygote now reaps its workers itself (`waitpid`) and keeps
  each one's stderr in a memory file: a worker over its memory cap ends with pyoxigraph's
  "memory allocation of N bytes failed" (then SIGABRT), and the 500 says "it ran out of its
  memory cap of 1024 MiB (RLIMIT_AS, PLANKG_WORKER_MEMORY_MB)"; a worker killed by a signal
  says which ("killed by signal 9 (SIGKILL) (sent by another process, or the kernel's OOM
  killer)": the two are not told apart); a Python MemoryError in a worker is answered as the
  query's own 500 and the worker lives on.
"""


def cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False).replace("|", "\\|")
    return str(value).replace("|", "\\|")


def grouped(outcomes: dict) -> dict[str, dict]:
    """Parametrised cases folded into their test: passed/failed counts, seconds summed."""
    tests: dict[str, dict] = {}
    for test, outcome in outcomes.items():
        base = PARAMETRISED.sub("", test)
        entry = tests.setdefault(base, {"passed": 0, "failed": 0, "skipped": 0, "seconds": 0.0,
                                        "messages": []})
        entry[outcome["outcome"]] += 1
        entry["seconds"] += outcome["seconds"]
        if outcome["message"]:
            entry["messages"].append(outcome["message"])
    return tests


def result(entry: dict) -> str:
    total = entry["passed"] + entry["failed"] + entry["skipped"]
    if entry["failed"]:
        return f"**FAILED** ({entry['failed']} of {total})"
    if entry["skipped"] == total:
        return "skipped"
    return "holds" + (f" ({total} cases)" if total > 1 else "")


def tests_table(promises: dict, outcomes: dict, figures: dict) -> list[str]:
    lines = ["| test | promise | outcome | figures (this run) |", "|---|---|---|---|"]
    for test, entry in grouped(outcomes).items():
        if test.startswith(HOSTILE):
            continue
        measured = "; ".join(f"{k}: {cell(v)}" for k, v in figures.get(test, {}).items()
                             if k != "headers")
        file, name = test.split("::")
        lines.append(f"| [`{name}`](../{file}) | {cell(promises.get(test, ''))} | "
                     f"{result(entry)}, {entry['seconds']:.1f} s | {measured} |")
    return lines


def failures(outcomes: dict) -> list[str]:
    failed = {t: e for t, e in grouped(outcomes).items() if e["failed"]}
    if not failed:
        return ["Every test above held in this run (the load's promises are below, under Load)."]
    return ["Promises that did not hold in this run:", ""] + [
        f"- `{test}`: {cell(entry['messages'][0].splitlines()[0] if entry['messages'] else '')}"
        for test, entry in failed.items()]


def headers_table(figures: dict) -> list[str]:
    seen = next((f["headers"] for f in figures.values() if "headers" in f), None)
    if not seen:
        return []
    names = sorted({h for headers in seen.values() for h in headers})
    lines = ["", "Headers answered to a GET with `Origin: https://elsewhere.example` (a blank: "
             "not sent):", "", "| path | " + " | ".join(names) + " |",
             "|---" * (len(names) + 1) + "|"]
    for path, headers in seen.items():
        lines.append(f"| `{path}` | " + " | ".join(cell(headers.get(h, "")) for h in names) + " |")
    lines += ["", "CORS lets any origin read (the data is public and the API read-only) and "
              "never with credentials; a preflight for POST from another origin is refused, "
              "so only the form-encoded POST (a simple request) crosses origins, and "
              "/sparql refuses updates whatever the method. `/docs` and `/redoc` carry a "
              "Content-Security-Policy allowing only this server. Every answer carries "
              "`X-Content-Type-Options: nosniff`, `X-Frame-Options: SAMEORIGIN` and "
              "`Referrer-Policy: same-origin` (api/app.py); HSTS belongs to a deployment "
              "that serves TLS, behind its proxy."]
    return lines


def load_section(load: dict) -> list[str]:
    minutes = load["minutes per level"]
    lines = ["## Load", "",
             f"One load run{', finished ' + load['finished'] if 'finished' in load else ''}: "
             f"locust (headless, its Python API; tests/reliability/load.py) against a real "
             f"server on the {load['plans']:,}-plan graph, {minutes:g} minutes a level"
             + ("" if minutes >= 5 else " (less than the 5 asked for: the time this run had)")
             + f"; 2 query workers, a queue of 8 waiting at most 2 s before them, a "
             f"{load['time limit (s)']:g} s time limit; the server took "
             f"{load['server start (s)']:g} s to load the graph and answer. Each user "
             "waits 0.2–1 s between requests: competency queries (queries/*.rq) through /sparql "
             "8 parts, REST routes 6, pages (/id/plan, /id/task, /matrix/plan) 4; beside them one "
             "user sends, every 10–20 s, a query that runs away (a triple cross product) and must "
             "be stopped at the limit (503). Milliseconds; the machine's 2 cores are shared.", "",
             "| users | requests | req/s | p50 | p95 | p99 | max, but the runaways | "
             "unexpected 5xx | other failures | refused (503, Retry-After) | admitted, runaways apart: p50 / p95 "
             "/ p99 | runaways (answered 503 after, ms) | memory peak RSS / PSS (MiB) |",
             "|---" * 13 + "|"]
    for level in load["levels"]:
        total, slow = level["total"], level["kinds"].get("/sparql slow", {})
        turned_away = refusals(level)
        other = (level["total"]["failures"] - slow.get("failures", 0) - level["unexpected 5xx"]
                 - turned_away)
        memory = level["memory peak (MiB)"]
        admitted = level.get("admitted, but the runaways", {})
        lines.append(f"| {level['users']} | {total['requests']:,} | {level['rps']:g} | "
                     f"{total['p50']:g} | {total['p95']:g} | {total['p99']:g} | "
                     f"{level['slowest other than the slow query (ms)']:.0f} | "
                     f"{level['unexpected 5xx']} | {max(other, 0)} | "
                     f"{turned_away:,} {cell(level.get('refused', {}))} | "
                     f"{admitted.get('p50', 0):g} / {admitted.get('p95', 0):g} / "
                     f"{admitted.get('p99', 0):g} | "
                     f"{slow.get('requests', 0)} (p50 {slow.get('p50', 0):g}, max "
                     f"{slow.get('max', 0):g}) | {memory.get('rss')} / {memory.get('pss')} |")
    samples = load.get("memory samples", [])
    if samples:
        lines += ["", f"The server's process tree, sampled each second ({len(samples)} samples): "
                  f"RSS summed {samples[0][1] >> 20}–{max(s[1] for s in samples) >> 20} MiB, "
                  f"PSS (shared pages counted once) {samples[0][2] >> 20}–"
                  f"{max(s[2] for s in samples) >> 20} MiB, from the first sample to the peak."]
    lines += [""] + load_verdicts(load)
    examples = [e for level in load["levels"] for e in level["5xx examples"]]
    if examples:
        lines += ["", "Unexpected 5xx (the first five of each level, alike ones counted):", ""] + [
            f"- {cell(e)} ({examples.count(e)}×)" for e in dict.fromkeys(examples)]
    last = load["levels"][-1]
    lines += ["", f"At {last['users']} users, by kind of request (ms):", "",
              "| request | n | failures | p50 | p95 | p99 | max |", "|---|---|---|---|---|---|---|"]
    for name, kind in last["kinds"].items():
        lines.append(f"| {name} | {kind['requests']} | {kind['failures']} | {kind['p50']:g} | "
                     f"{kind['p95']:g} | {kind['p99']:g} | {kind['max']:g} |")
    return lines


def refusals(level: dict) -> int:
    return sum(n for why, n in level.get("refused", {}).items() if why != "of them runaways")


def load_verdicts(load: dict) -> list[str]:
    """Each promise of the load run, held or not, read off the figures."""
    levels, limit = load["levels"], load["time limit (s)"] * 1000
    bad = {level["users"]: level["unexpected 5xx"] for level in levels if level["unexpected 5xx"]}
    peaks = [level["memory peak (MiB)"].get("pss", 0) for level in levels]
    samples = load.get("memory samples", [])
    busy = {level["users"]: level["kinds"].get("/sparql slow", {}).get("failures", 0)
            for level in levels}
    # admitted requests that failed: the unexpected 5xx, and any failure locust lists that is no
    # 503 (every 503 is counted above: refused, or a runaway's at the limit)
    others = {level["users"]: level["unexpected 5xx"] + sum(
        "code=503" not in error for error in level["failures"].values()) for level in levels}
    refused_runaways = {level["users"]: level.get("refused", {}).get("of them runaways")
                        for level in levels}
    runaway_p50 = [level["kinds"].get("/sparql slow", {}).get("p50", 0) for level in levels]
    return [
        "- **0 unexpected 5xx**: " + ("holds at every level." if not bad else
                                      "**does not hold**: " + ", ".join(
                                          f"{n} at {users} users" for users, n in bad.items())
                                      + " (the reasons are listed below)."),
        "- **Memory bounded**: peak PSS of the tree " + " / ".join(f"{p:,}" for p in peaks)
        + " MiB at " + " / ".join(str(level["users"]) for level in levels) + " users"
        + (f", {samples[-1][2] >> 20:,} MiB at the last sample" if samples else "")
        + (": it does not grow with the users or the time." if peaks and max(peaks) <= 1.25 *
           peaks[0] else ": it grows with the load."),
        "- **Runaways stopped at the limit**: answered 503 after (p50) " + " / ".join(
            f"{p:,.0f}" for p in runaway_p50) + f" ms against the {limit:,.0f} ms limit (the time "
        "over it is the wait for a free worker); " + ", ".join(
            f"{n} at {users} users" for users, n in busy.items() if n) + (
            " never got a worker within the limit (503, pool busy)." if any(busy.values())
            else " every one admitted ran and was stopped")
        + ("; refused by admission control before running: " + ", ".join(
            f"{n} at {users} users" for users, n in refused_runaways.items() if n) + "."
           if any(refused_runaways.values()) else "."),
        "- **The rest not starved**: " + ("holds: no other request failed." if not any(
            others.values()) else "**does not hold**: admitted requests failed (unexpected 5xx "
            "and failures other than 503) "
            + ", ".join(f"{n} at {users} users" for users, n in others.items()) + "."),
        "- **Admission control**: refused at once or at the queue's deadline (503 with "
        "Retry-After, before anything ran; expected, not counted as 5xx above) " + ", ".join(
            f"{refusals(level):,} of {level['total']['requests']:,} at "
            f"{level['users']} users" for level in levels) + "; the rate served "
        + " / ".join(f"{level['rps']:g}" for level in levels) + " requests a second (refusals "
        "included).",
    ]


def audit_section(audit: dict) -> list[str]:
    lines = ["## Dependency audit (pip-audit)", ""]
    for service, found in audit.items():
        if "error" in found:
            lines.append(f"- `pip-audit -s {service}`: could not run from here: "
                         f"{cell(found['error'])}")
        elif found["not audited"] == found["packages"]:
            lines.append(f"- `pip-audit -s {service}`: the service answered, but for none of the "
                         f"{found['packages']} installed packages: {cell(found['skip reasons'])}. "
                         "The PyPI reachable from this machine answers 404 for the installed "
                         "versions (`/pypi/NAME/VERSION/json`), so **nothing was audited**; "
                         "`no known vulnerabilities` here means no data, not no vulnerabilities.")
        else:
            lines.append(f"- `pip-audit -s {service}`: {found['packages']} packages, "
                         f"{found['not audited']} not audited, vulnerable: "
                         f"{cell(found['vulnerable']) if found['vulnerable'] else 'none known'}")
    lines += ["", "Run `make reliability` (or `pip-audit -l`) where pypi.org or api.osv.dev "
              "answers to audit for real."]
    return lines


def hostile_section(outcomes: dict) -> list[str]:
    cases = {t.split("::")[1]: o for t, o in outcomes.items() if t.startswith(HOSTILE)}
    passed = sum(o["outcome"] == "passed" for o in cases.values())
    return ["## Hostile documents", "",
            f"PDF, DOCX and HTML plans nobody vetted are read by [{HOSTILE}](../{HOSTILE}) and "
            "[kg/extract/documents/capped.py](../kg/extract/documents/capped.py), not redone "
            f"here: a file over {MAX_BYTES >> 20} MB or a PDF over {MAX_PAGES:,} pages is refused "
            f"unread; a reader runs in a forked child killed after {SECONDS:g} s and capped at "
            f"{MEMORY >> 30} GiB of address space over its parent's, and refuses with a "
            f"DocumentError. In this run: {passed} of {len(cases)} cases passed, "
            f"{sum(o['seconds'] for o in cases.values()):.1f} s in all."]


def summary(outcomes: dict, load: dict, audit: dict) -> list[str]:
    tests = grouped(outcomes)
    held = sum(not entry["failed"] for entry in tests.values())
    broken = [line.split("**")[1] for line in load_verdicts(load) if "does not hold" in line]
    audited = any("error" not in found and found["not audited"] < found["packages"]
                  for found in audit.values())
    return [f"**In short:** {held} of {len(tests)} tests held (kills mid-build, serving during a "
            "rebuild, worker faults, fuzzing, the public surface, hostile documents); of the load "
            "run's promises " + (f"these did not hold: {', '.join(broken).lower()}" if broken
                                 else "all held") + ". pip-audit could audit "
            + ("the environment (below)." if audited else "nothing from here (below).")]


def write_doc(out: Path, promises: dict, outcomes: dict, figures: dict, load: dict,
              audit: dict) -> None:
    load_avg = os.getloadavg()
    lines = ["# Reliability", "",
             "`make reliability` runs the whole suite and writes this page; `make test` runs its "
             "fast subset (fewer kill points and examples, a smaller corpus). Written "
             f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC from one run of the tests "
             f"and one load run (its time is below); {os.cpu_count()} cores shared with other "
             f"work (load average {load_avg[0]:.1f} when written).", ""] + summary(outcomes, load, audit) + ["", "## Tests", ""]
    lines += tests_table(promises, outcomes, figures) + [""] + failures(outcomes)
    lines += headers_table(figures) + [""] + load_section(load) + [""] + audit_section(audit)
    lines += [""] + hostile_section(outcomes) + ["", NOTES]
    out.write_text("\n".join(lines), encoding="utf-8")
