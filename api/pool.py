"""The API side of query execution: a few worker processes, each holding the loaded store, and a
time limit that really stops a query, by killing its worker and forking a fresh one.

pyoxigraph evaluates in Rust and never returns to Python mid-query, so a thread cannot be
interrupted; a process can. See api/README.md for the measured costs.
"""
from __future__ import annotations

import asyncio
import logging
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import send_handle

import anyio

from api.execute import Answer, Failure, Job
from api.settings import Settings
from kg.paths import ROOT

log = logging.getLogger("uvicorn.error.plankg")  # printed wherever uvicorn prints

STARTUP_TIMEOUT = 120.0  # seconds for the zygote to load the graph
FORK_TIMEOUT = 10.0


class StoreUnavailable(RuntimeError):
    """The query processes could not be started or replaced."""


class QueryTimedOut(RuntimeError):
    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the query ran past the {seconds:g} s time limit and was stopped")


class WorkerCrashed(RuntimeError):
    """A worker died mid-query (most likely out of memory); it has been replaced."""


class Refused(RuntimeError):
    """Admission control: refused before it ran, for load; the client is told when to come back
    (503 with Retry-After). `refused` says why: queue-full or queue-deadline."""

    refused = "queue-full"

    def __init__(self, message: str, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"{message}; try again in {retry_after} s")


class QueueFull(Refused):
    def __init__(self, workers: int, waiting: int, retry_after: int):
        super().__init__(f"all {workers} query workers are busy and {waiting} requests are "
                         "already waiting for one, the most the queue holds", retry_after)


class PoolBusy(Refused):
    refused = "queue-deadline"

    def __init__(self, seconds: float, retry_after: int):
        super().__init__(f"every query worker stayed busy for {seconds:g} s, the longest a "
                         "request waits in the queue", retry_after)


@dataclass
class Worker:
    pid: int
    conn: Connection

    async def exchange(self, job: Job, timeout: float) -> Answer | Failure:
        """Send a job and wait for its answer on the event loop (no thread: a hop to one and
        back cost a small query more than the query); past `timeout`, kill the worker and
        raise. A wait cancelled (the request gone) kills the worker too: its answer would
        otherwise be read as the next job's."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        try:
            self.conn.send(job)  # a job is small and an idle worker is reading: no wait
            loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
            try:
                try:
                    await asyncio.wait_for(readable, timeout)
                finally:
                    loop.remove_reader(fd)  # before a kill closes fd
                    os.set_blocking(fd, True)  # uvloop's add_reader made it non-blocking
            except TimeoutError:
                self.kill()
                raise QueryTimedOut(timeout) from None
            except asyncio.CancelledError:
                self.kill()
                raise
            # the worker writes its whole answer at once, as fast as this reads it
            return self.conn.recv()
        except (EOFError, OSError) as error:
            self.kill()
            raise WorkerCrashed("the query worker died while answering "
                                f"({str(error) or 'no reply'})") from error

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.conn.close()


class Zygote:
    """The process that loaded the store and forks workers; see api/worker.py."""

    def __init__(self, settings: Settings):
        ours, theirs = socket.socketpair()
        started = time.perf_counter()
        # Must run on a thread that outlives the zygote (the event loop's): Linux's
        # parent-death signal follows the thread that forked, not the process.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.worker", str(theirs.fileno()),
             settings.model_dump_json()],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, cwd=ROOT)
        theirs.close()
        self.ctl = Connection(ours.detach())
        self._lock = threading.Lock()
        if not self.ctl.poll(STARTUP_TIMEOUT):
            self.close()
            raise StoreUnavailable(f"the store did not load within {STARTUP_TIMEOUT:g} s")
        try:
            status, *details = self.ctl.recv()
        except EOFError:
            self.close()
            raise StoreUnavailable("the store process exited while loading") from None
        if status != "ready":
            self.close()
            raise StoreUnavailable(f"the store could not be loaded: {details[0]}")
        self.triples, self.network_isolated = details
        self.startup_seconds = time.perf_counter() - started

    def fork(self) -> Worker:
        with self._lock:
            ours, theirs = socket.socketpair()
            try:
                self.ctl.send("fork")
                send_handle(self.ctl, theirs.fileno(), self.process.pid)
                if not self.ctl.poll(FORK_TIMEOUT):
                    raise StoreUnavailable("the store process did not fork a worker")
                pid = self.ctl.recv()
            except (EOFError, OSError) as error:
                ours.close()
                raise StoreUnavailable(f"the store process is gone: {error}") from error
            finally:
                theirs.close()
        return Worker(pid, Connection(ours.detach()))

    def death(self, pid: int) -> str:
        """Why worker `pid` ended, as the zygote that reaped it saw (api/worker.py Deaths)."""
        with self._lock:
            try:
                self.ctl.send(("death", pid))
                if not self.ctl.poll(FORK_TIMEOUT):
                    return "the store process did not say why"
                return self.ctl.recv()
            except (EOFError, OSError) as error:
                return f"the store process is gone: {error}"

    def close(self) -> None:
        try:
            self.ctl.send("exit")
        except OSError:
            pass
        self.ctl.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


class QueryPool:
    """`settings.workers` workers; a job waits for a free one, then runs under the time limit.

    Admission control: at most `settings.queue` jobs wait for a worker; one more is refused at
    once (QueueFull), and one that waited `settings.queue_wait` seconds is refused then
    (PoolBusy), both before anything ran, with the seconds after which to try again."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.waiting = 0                          # jobs waiting for a worker (one event loop)
        self.service_seconds = 0.1                # moving mean of a job's time on a worker
        self.zygote: Zygote | None = None
        self.workers: dict[int, Worker] = {}      # every live worker, idle or busy
        self.idle: asyncio.Queue[Worker | None] = asyncio.Queue()  # None: a slot to refill
        self.last_fork_seconds: float | None = None

    def start(self) -> None:
        self.zygote = Zygote(self.settings)
        for _ in range(self.settings.workers):
            self.idle.put_nowait(self._fork())
        if self.settings.store == "remote":
            self._log_remote()
            return
        log.info("query store ready: %d triples loaded in %.2f s, %d workers, network %s",
                 self.zygote.triples, self.zygote.startup_seconds, self.settings.workers,
                 "isolated" if self.zygote.network_isolated else "NOT isolated")

    def _log_remote(self) -> None:
        triples, endpoint = self.zygote.triples, self.settings.endpoint
        if isinstance(triples, int):
            log.info("query store ready: remote endpoint %s holds %d triples, %d workers",
                     endpoint, triples, self.settings.workers)
        else:  # down for now: queries answer 502/503 until it is up
            log.warning("remote endpoint %s not answering (%s); %d workers started", endpoint,
                        triples, self.settings.workers)

    def _fork(self) -> Worker:
        started = time.perf_counter()
        worker = self.zygote.fork()
        self.last_fork_seconds = time.perf_counter() - started
        self.workers[worker.pid] = worker
        return worker

    def retry_after(self) -> int:
        """Seconds until the queue has likely drained: its jobs over the workers, at the mean
        time a job holds one; at least 1."""
        turns = (self.waiting + 1) / self.settings.workers
        return max(1, math.ceil(turns * self.service_seconds))

    async def _admit(self) -> Worker | None:
        """A free worker (or a slot to fork one into), after waiting in the bounded queue."""
        if self.idle.empty() and self.waiting >= self.settings.queue:
            raise QueueFull(self.settings.workers, self.waiting, self.retry_after())
        self.waiting += 1
        try:
            return await asyncio.wait_for(self.idle.get(), timeout=self.settings.queue_wait)
        except TimeoutError:
            raise PoolBusy(self.settings.queue_wait, self.retry_after()) from None
        finally:
            self.waiting -= 1

    async def run(self, job: Job) -> Answer | Failure:
        limit = self.settings.query_timeout
        worker = await self._admit()
        started = time.perf_counter()
        try:
            if worker is None:
                worker = await anyio.to_thread.run_sync(self._fork)
            reply = await worker.exchange(job, limit)
        except asyncio.CancelledError:
            with anyio.CancelScope(shield=True):  # exchange killed it mid-query
                worker = await self._replace(worker)
            raise
        except (QueryTimedOut, WorkerCrashed) as error:
            with anyio.CancelScope(shield=True):
                dead, worker = worker.pid, await self._replace(worker)
                if isinstance(error, WorkerCrashed):
                    why = await anyio.to_thread.run_sync(self.zygote.death, dead)
                    error = WorkerCrashed(f"{error}: {why}; a fresh one has been started")
            log.warning("query worker %d killed (%s); replaced in %.1f ms", dead, error,
                        (self.last_fork_seconds or 0) * 1e3)
            raise error from None
        finally:
            self.idle.put_nowait(worker)
            self.service_seconds += 0.1 * (time.perf_counter() - started - self.service_seconds)
        return reply

    async def _replace(self, dead: Worker) -> Worker | None:
        self.workers.pop(dead.pid, None)
        try:
            return await anyio.to_thread.run_sync(self._fork)
        except StoreUnavailable:
            log.exception("could not replace query worker %d", dead.pid)
            return None

    def close(self) -> None:
        for worker in list(self.workers.values()):
            worker.kill()
        self.workers.clear()
        if self.zygote:
            self.zygote.close()
