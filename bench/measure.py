"""How the benchmarks measure: wall time and peak memory of a command's whole process tree, a
command stopped at a time limit, percentiles, and servers started on loopback and stopped again.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_EVERY = 0.1  # seconds between two looks at the process tree's memory


@dataclass(frozen=True)
class Run:
    seconds: float
    returncode: int
    tree_peak: int       # bytes: the largest sum of RSS over the process and its descendants
    largest_process: int  # bytes: the largest RSS of any one of them (the kernel's ru_maxrss)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile, interpolated between the two nearest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _parents() -> dict[int, int]:
    """Every live process → its parent, read from /proc (no per-process children file here)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:
            continue  # ended between the listing and the read
        parents[int(entry.name)] = int(text[text.rindex(")") + 2:].split()[1])
    return parents


def tree(pid: int) -> list[int]:
    """`pid` and all its live descendants."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError):
        return 0


class TreeMemory:
    """Samples the RSS summed over a process tree every SAMPLE_EVERY seconds, in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(rss(p) for p in tree(self.pid)))
            self._done.wait(SAMPLE_EVERY)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def run_measured(command: Sequence[str], log: Path, env: dict | None = None,
                 cwd: Path | None = None) -> Run:
    """Run `command` to its end: wall time, exit status, and peak memory two ways (the tree's
    sampled sum, and the kernel's maximum for any one process of it, from wait4)."""
    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(seconds, process.returncode, memory.stop(), usage.ru_maxrss * 1024)


def run_limited(command: Sequence[str], limit: float, log: Path, env: dict | None = None,
                cwd: Path | None = None) -> tuple[float | None, int | None]:
    """(seconds, exit status) of `command`, or (None, None) when it was still running after
    `limit` seconds and was killed with its whole process group."""
    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                                   start_new_session=True)
        try:
            returncode = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            stop(process)
            return None, None
    return time.perf_counter() - started, returncode


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(command: Sequence[str], url: str, log: Path, startup: float,
                 env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    """Start a SPARQL server in a session of its own and wait until `ASK {}` answers 200 at `url`;
    RuntimeError with the end of its log if it exits or is not ready in `startup` seconds."""
    process = subprocess.Popen(list(command), stdout=log.open("ab"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                               start_new_session=True)
    deadline = time.monotonic() + startup
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited with {process.returncode}: "
                               f"{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"{command[0]} not answering at {url} after {startup} s: "
                       f"{log.read_text(errors='replace')[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process's group, SIGKILL after 10 s (it leads its own session)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
