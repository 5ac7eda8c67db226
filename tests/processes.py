"""Servers the tests start as real processes on loopback: a free port, waiting until one answers
an ASK query, and stopping it (what tests/api/conftest.py and tests/oxigraph.py share)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(process: subprocess.Popen, url: str, log: Path, what: str,
                         startup: float, ready: int = 200, group: bool = False) -> None:
    """Until `url` answers `ASK {}` with status `ready`, at most `startup` seconds; stopped, and
    its log in the error, if it never does."""
    deadline = time.monotonic() + startup
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == ready:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(process, group)
    raise RuntimeError(f"{what} not ready after {startup} s:\n{log.read_text()}")


def stop(process: subprocess.Popen, group: bool = False) -> None:
    """Terminate, then kill (its whole process group, if it leads one) after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            if group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.wait(timeout=10)
