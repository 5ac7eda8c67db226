"""A document library run in a child process under a time and a memory cap.

PDF, DOCX and HTML parsers are large C and Python code reading input nobody vetted: a PDF whose
content streams loop, a DOCX whose zip headers lie about their sizes, a page nested a million
deep. The size caps of kg.extract.documents refuse what can be seen before reading; this module
bounds what cannot: the reader runs in a forked child whose address space may grow by at most
`memory` bytes over what it inherited (RLIMIT_AS), and which is killed after `seconds`. The
parent gets the lines, or a DocumentError saying which cap was hit. The child only reads: it
writes nothing but its answer to a pipe, and the readers make no network request (the HTML
reader parses with lxml, which fetches nothing).

os.fork rather than multiprocessing: the build's worker processes may read documents, and a
fork needs no importable entry point and no pickled arguments.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from kg.address_space import cap_growth
from kg.extract.documents.errors import DocumentError

SECONDS = 300.0              # a long plan PDF with its tables takes well under a minute
MEMORY = 2 * 1024 ** 3       # bytes of address space over the parent's, for the reader alone
READ_CHUNK = 1 << 20


def run_capped(reader: Callable[[Path], tuple], path: Path, what: str, seconds: float = SECONDS,
               memory: int = MEMORY) -> tuple:
    """reader(path) in a child process; a DocumentError if it fails or passes a cap. `what`
    names the format in a message: "PDF"."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: never returns
        os.close(readable)
        _child(reader, path, what, writable, memory)
    os.close(writable)
    try:
        data = _collect(readable, seconds, pid, path)
    finally:
        os.close(readable)
    _, status = os.waitpid(pid, 0)
    if not data:
        raise DocumentError(path.name, "", _death(status, memory))
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value
    if kind == "document":
        raise DocumentError(path.name, value[0], value[1])
    if kind == "memory":
        raise DocumentError(path.name, "", f"needs more than {memory // 2**20} MB to read: "
                            f"refused ({value})")
    raise DocumentError(path.name, "", value)


def _collect(readable: int, seconds: float, pid: int, path: Path) -> bytes:
    """The child's answer, or a DocumentError once `seconds` pass (the child is killed)."""
    chunks, deadline = [], time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([readable], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise DocumentError(path.name, "", f"reading it took longer than {seconds:g} s: "
                                "refused (a hostile or broken document?)")
        chunk = os.read(readable, READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _child(reader, path: Path, what: str, writable: int, memory: int) -> None:
    code = 0
    try:
        cap_growth(memory)
        try:
            answer = ("ok", reader(path))
        except DocumentError as error:
            answer = ("document", (error.location, error.reason))
        except MemoryError as error:
            answer = ("memory", type(error).__name__)
        except RecursionError:
            answer = ("error", "too deeply nested to read (RecursionError)")
        except Exception as error:   # a library's error on broken input: BadZipFile, PdfminerException…
            answer = ("error", f"cannot be read as {what}: {type(error).__name__}: {error}")
        data = pickle.dumps(answer)
        view = memoryview(data)
        while view:
            written = os.write(writable, view)
            view = view[written:]
    except BaseException:   # the answer could not even be sent: the parent sees no data
        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def _death(status: int, memory: int) -> str:
    if os.WIFSIGNALED(status):
        return (f"the reader died of signal {os.WTERMSIG(status)} while reading it (over the "
                f"{memory // 2**20} MB memory cap, or a crash in a library): refused")
    return "the reader stopped without an answer: refused"
