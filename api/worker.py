"""The processes that run queries: a zygote that loads the store once, and the workers it forks,
each answering jobs from the API process over a socket until killed. Runs as `python -m api.worker`.

The zygote is started fresh (not forked from the threaded server), loads the graph, drops its
network (a new, empty network namespace when the kernel allows), then forks workers on request:
a fork shares the loaded store copy-on-write, so a replacement worker costs milliseconds. With a
remote store the workers are its HTTP clients instead, and keep their network.
"""
from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
import time
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle

from api.execute import Failure, execute
from api.settings import Settings
from kg.address_space import cap_growth
from kg.store import EmbeddedStore, Store, StoreFailed, StoreTimedOut, StoreUnreachable

PR_SET_PDEATHSIG = 1
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies, so no query outlives the server."""
    parent = os.getppid()
    try:
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def isolate_network() -> bool:
    """Move this process into a new network namespace with no interfaces up (not even loopback):
    any connection attempt fails at once. Needs CAP_SYS_ADMIN or unprivileged user namespaces,
    and a single-threaded process; returns False where neither works."""
    try:
        libc = _libc()
    except OSError:
        return False
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def limit_memory(megabytes: int | None) -> None:
    """Cap how far the address space may grow past the store it was forked with, so a query
    that would exhaust memory kills only its worker, whatever the size of the graph."""
    if megabytes:
        cap_growth(megabytes * 1024 * 1024)


def serve(conn: Connection, store, settings: Settings) -> None:
    """A worker: answer jobs one at a time until the API process hangs up (or kills us)."""
    die_with_parent()
    limit_memory(settings.worker_memory_mb)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            reply = execute(store, job)
        except Exception as error:  # noqa: BLE001 - a 500 for the client; the worker lives on
            reply = Failure("error", f"{type(error).__name__}: {error}")
        conn.send(reply)


def open_store(settings: Settings) -> tuple[Store, int | str]:
    """The configured store, and its triple count (for a remote one that is down: why not)."""
    store = settings.open_store()
    if isinstance(store, EmbeddedStore):
        return store, store.triple_count()
    try:
        return store, store.triple_count()
    except (StoreUnreachable, StoreFailed, StoreTimedOut) as error:
        return store, str(error)  # the server starts anyway; queries answer 502/503 until it is up
    finally:
        store.close()  # no connection is inherited by the workers


class Deaths:
    """The zygote's record of its workers' ends: each exit status, collected with waitpid (the
    zygote reaps them), and the last lines each wrote to its stderr (a memfd, copied to the
    zygote's own stderr when it dies), so the API can say why a worker died."""

    KEPT = 64            # ends kept for the API to ask about; the oldest are forgotten
    TAIL = 2000          # characters of a dead worker's stderr kept

    def __init__(self, memory_mb: int | None):
        self.memory_mb = memory_mb
        self.stderr: dict[int, int] = {}      # live worker → its stderr memfd
        self.ended: dict[int, str] = {}       # dead worker → why

    def started(self, pid: int, stderr: int) -> None:
        self.stderr[pid] = stderr

    def reap(self) -> None:
        while self.stderr:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.ended[pid] = self._why(status, self._tail(pid))
            while len(self.ended) > self.KEPT:
                self.ended.pop(next(iter(self.ended)))

    def cause(self, pid: int, wait: float = 2.0) -> str:
        """Why worker `pid` ended, waiting for it a moment (its socket closes as it exits)."""
        deadline = time.monotonic() + wait
        while pid not in self.ended and pid in self.stderr and time.monotonic() < deadline:
            time.sleep(0.005)
            self.reap()
        return self.ended.pop(pid, "its end could not be learnt (still running, or unknown)")

    def _tail(self, pid: int) -> str:
        fd = self.stderr.pop(pid, None)
        if fd is None:
            return ""
        try:
            size = os.fstat(fd).st_size
            written = os.pread(fd, self.TAIL, max(0, size - self.TAIL)).decode("utf-8", "replace")
        finally:
            os.close(fd)
        if written:
            sys.stderr.write(written)
        return written.strip()

    def _why(self, status: int, stderr: str) -> str:
        cap = (f"its memory cap of {self.memory_mb} MiB over the store it shares "
               "(RLIMIT_AS, PLANKG_WORKER_MEMORY_MB)"
               if self.memory_mb else "memory (no cap set)")
        allocation = ALLOCATION_FAILED.search(stderr)
        if allocation or "MemoryError" in stderr:
            said = allocation[0] if allocation else "MemoryError"
            return f"it ran out of {cap}: \"{said}\""
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            name = signal.Signals(number).name if number in signal.valid_signals() else "?"
            who = (" (sent by another process, or the kernel's OOM killer)"
                   if number == signal.SIGKILL else "")
            return f"it was killed by signal {number} ({name}){who}"
        return f"it exited with status {os.WEXITSTATUS(status)}"


# Rust's message on a failed allocation, before it aborts: "memory allocation of 34359738368 bytes failed"
ALLOCATION_FAILED = re.compile(r"memory allocation of \d+ bytes failed")


def zygote(ctl: Connection, settings: Settings) -> None:
    """Load the store, report, then fork a worker for each socket the API process sends."""
    die_with_parent()
    try:
        store, triples = open_store(settings)
    except Exception as error:  # noqa: BLE001 - reported to the API process, which fails startup
        ctl.send(("failed", f"{type(error).__name__}: {error}"))
        return
    # After loading: a new user namespace may no longer read a build folder only root can open.
    # A remote store's workers must reach its endpoint: there the guard is the only wall.
    isolated = settings.store == "embedded" and isolate_network()
    deaths = Deaths(settings.worker_memory_mb)
    ctl.send(("ready", triples, isolated))
    while True:
        try:
            message = ctl.recv()
        except EOFError:
            return
        deaths.reap()
        if isinstance(message, tuple) and message[0] == "death":
            ctl.send(deaths.cause(message[1]))
            continue
        if message != "fork":
            return
        fd = recv_handle(ctl)
        stderr = os.memfd_create("plankg-worker-stderr")
        pid = os.fork()
        if pid == 0:
            try:
                ctl.close()
                os.dup2(stderr, 2)
                serve(Connection(fd), store, settings)
            finally:
                os._exit(0)
        os.close(fd)
        deaths.started(pid, stderr)
        ctl.send(pid)


def main(argv: list[str]) -> None:
    # internal interface, used only by api.pool: <control socket fd> <settings as JSON>
    ctl = Connection(int(argv[1]))
    zygote(ctl, Settings.model_validate_json(argv[2]))


if __name__ == "__main__":
    main(sys.argv)
