"""The load run of the reliability suite (docs/reliability.md): locust, headless, through its
Python API, against a real server on the 1,000-plan graph, a mixed load at 4, 8 and 16
concurrent users. Run by scripts/reliability.py, in a process of its own (locust patches the
standard library for gevent):

    python -m tests.reliability.load --corpus /tmp/c1000 --minutes 5 --out load.json

Each level: p50/p95/p99 per kind of request, unexpected 5xx (any 5xx but the slow queries'
503 at the time limit and admission control's 503s, `refused` with Retry-After: a client told to
come back, before anything ran, is no broken promise), the refused counted apart, the memory of the server's process tree sampled each second (resident
and proportional set sizes summed), and the slow queries' times."""
from __future__ import annotations

import gevent.monkey

gevent.monkey.patch_all()

import json  # noqa: E402
import random  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402
from typing import Annotated  # noqa: E402

import gevent  # noqa: E402
import httpx  # noqa: E402
import typer  # noqa: E402
import yaml  # noqa: E402
from locust import FastHttpUser, between, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

from bench.measure import rss, tree  # noqa: E402
from tests.api.conftest import start_server, stop_server  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

LEVELS = (4, 8, 16)
TIME_LIMIT = 5.0   # PLANKG_QUERY_TIMEOUT of the server under load
# ~1.6·10^6 triples cubed: runs until the time limit stops it (answered 503)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUERIES = {path.stem: path.read_text(encoding="utf-8") for path in
           sorted((ROOT / "queries").glob("*.rq"))}
PLANS: list[str] = []   # plan ids of the corpus, filled in by main()
TASKS: list[str] = []   # task paths under /id/, from the server, filled in by main()
ID = "https://w3id.org/plankg/id/"


def pss(pid: int) -> int:
    """The proportional set size: shared pages (the workers' copy-on-write store) counted once."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Mixed(FastHttpUser):
    """One user: competency queries through /sparql, REST routes, linked-data pages."""
    wait_time = between(0.2, 1.0)

    @task(8)
    def competency(self):
        name = random.choice(list(QUERIES))
        self.client.post("/sparql", data={"query": QUERIES[name]}, name=f"/sparql {name}",
                         headers={"Accept": "application/sparql-results+json"})

    @task(6)
    def rest(self):
        plan = random.choice(PLANS)
        path = random.choice([f"/api/plans/{plan}", f"/api/plans/{plan}/tasks",
                              f"/api/plans/{plan}/groups", "/api/indicators",
                              f"/api/search?q=家庭医生&plan={plan}",
                              f"/api/targets?due_by=2025&plan={plan}",
                              "/api/organizations?name=卫生健康"])
        self.client.get(path, name="/api " + path.split("/")[2].split("?")[0])

    @task(4)
    def page(self):
        plan = random.choice(PLANS)
        path = random.choice([f"/id/plan/{plan}", f"/id/{random.choice(TASKS)}",
                              f"/matrix/plan/{plan}"])
        self.client.get(path, headers={"Accept": "text/html"}, name="page " + path.split("/")[1]
                        + ("/" + path.split("/")[2] if path.startswith("/id") else ""))



class Runaway(FastHttpUser):
    """One user among the others sending, every 10 to 20 s, a query that runs away: it holds a
    worker until the time limit stops it (503), while the other worker serves the rest."""
    fixed_count = 1
    wait_time = between(10, 20)

    @task
    def slow(self):
        with self.client.post("/sparql", data={"query": SLOW}, name="/sparql slow",
                              catch_response=True) as reply:
            if reply.status_code == 503 and ("time limit" in reply.text or refused(reply)):
                reply.success()
            else:
                reply.failure(f"expected 503 at the time limit, got {reply.status_code}")


class Memory:
    """The server tree's memory each second: (seconds, RSS sum, PSS sum)."""

    def __init__(self, pid: int):
        self.pid, self.samples, self.done = pid, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.started = time.monotonic()
        self.thread.start()

    def run(self) -> None:
        while not self.done.is_set():
            pids = tree(self.pid)
            self.samples.append((round(time.monotonic() - self.started, 1),
                                 sum(map(rss, pids)), sum(map(pss, pids))))
            self.done.wait(1.0)


def percentiles(entry) -> dict:
    return {"requests": entry.num_requests, "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "max": round(entry.max_response_time or 0)}


def refused(response) -> str | None:
    """Admission control's reason (queue-full, queue-deadline) if the answer is its 503."""
    if getattr(response, "status_code", 0) != 503 or not response.headers.get("Retry-After"):
        return None
    try:
        return response.json().get("refused")
    except ValueError:
        return None


def quantiles(times: list[float]) -> dict:
    ordered = sorted(times)

    def at(q: float) -> int:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))]) if ordered else 0
    return {"requests": len(ordered), "p50": at(0.5), "p95": at(0.95), "p99": at(0.99),
            "max": round(ordered[-1]) if ordered else 0}


def run_level(base: str, users: int, seconds: float, memory: Memory) -> dict:
    environment = Environment(user_classes=[Mixed, Runaway], host=base, events=events)
    server_errors: list[str] = []
    turned_away: dict[str, int] = {}
    answered: list[float] = []     # response times of the requests admitted (not refused)

    def on_request(name, response, exception, response_time=0, **_):
        status = getattr(response, "status_code", 0) or 0
        why = refused(response)
        if why:
            turned_away[why] = turned_away.get(why, 0) + 1
            if name == "/sparql slow":
                turned_away["of them runaways"] = turned_away.get("of them runaways", 0) + 1
            return
        if name != "/sparql slow":
            answered.append(response_time)
        if status >= 500 and not (name == "/sparql slow" and status == 503):
            server_errors.append(f"{name}: {status} {str(response.text)[:200]}")

    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    first = len(memory.samples)
    runner.start(users + 1, spawn_rate=users + 1)   # the users, and the one sending runaways
    gevent.sleep(seconds)
    runner.quit()
    environment.events.request.remove_listener(on_request)
    stats = environment.stats
    kinds = {name: percentiles(entry) for (name, _), entry in sorted(stats.entries.items())}
    fast = [e for (name, _), e in stats.entries.items() if name != "/sparql slow"]
    samples = memory.samples[first:]
    return {"users": users, "seconds": seconds, "total": percentiles(stats.total),
            "rps": round(stats.total.total_rps, 1), "kinds": kinds,
            "unexpected 5xx": len(server_errors), "5xx examples": server_errors[:5],
            "refused": turned_away, "admitted, but the runaways": quantiles(answered),
            "failures": {str(key): str(error.error)[:200] for key, error
                         in list(stats.errors.items())[:10]},
            "slowest other than the slow query (ms)": max((e.max_response_time or 0)
                                                           for e in fast) if fast else 0,
            "memory peak (MiB)": {"rss": max(s[1] for s in samples) >> 20,
                                  "pss": max(s[2] for s in samples) >> 20} if samples else {}}


def tasks(url: str) -> list[str]:
    """Paths under /id/ of tasks the server holds, a thousand at most."""
    query = "SELECT ?t WHERE { ?t a pk:Task } LIMIT 1000"
    reply = httpx.get(url, params={"query": query}, timeout=60)
    reply.raise_for_status()
    return [b["t"]["value"].removeprefix(ID) for b in reply.json()["results"]["bindings"]]


def main(corpus: Annotated[Path, typer.Option(file_okay=False, help="A built corpus folder.")],
         out: Annotated[Path, typer.Option(dir_okay=False, help="The result, as JSON.")],
         minutes: Annotated[float, typer.Option(help="Minutes per load level.")] = 5.0) -> None:
    """Each load level in turn against a server on the corpus's build."""
    args = SimpleNamespace(corpus=corpus, minutes=minutes, out=out)
    manifest = yaml.safe_load((args.corpus / "sources" / "manifest.yaml").read_text("utf-8"))
    PLANS.extend(entry["id"] for entry in manifest["plans"])
    log = args.out.with_suffix(".server.log")
    started = time.monotonic()
    server = start_server(args.corpus / "build", log, startup=600, query_timeout=TIME_LIMIT)
    startup = time.monotonic() - started
    memory = Memory(server.pid)
    try:
        base = server.url.removesuffix("/sparql")
        TASKS.extend(tasks(server.url))
        levels = [run_level(base, users, args.minutes * 60, memory) for users in LEVELS]
    finally:
        memory.done.set()
        stop_server(server)
    result = {"finished": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
              "plans": len(PLANS), "minutes per level": args.minutes, "time limit (s)": TIME_LIMIT,
              "server start (s)": round(startup, 1), "levels": levels,
              "memory samples": memory.samples}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
