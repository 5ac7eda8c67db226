"""A process's address space, and a cap on how far it may grow (RLIMIT_AS).

A forked child starts with its parent's whole address space: a query worker forked from a zygote
holding a 16-million-triple store, a document reader forked from a build worker. A cap that
counts from zero would be eaten by what the child inherited (at 10,000 plans the store alone is
over 4 GiB), so a cap here is the growth allowed over the size at the moment it is set.
"""
from __future__ import annotations

import resource
from pathlib import Path


def address_space() -> int:
    """This process's virtual memory size in bytes (VmSize)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return resource.getrlimit(resource.RLIMIT_AS)[0]


def cap_growth(extra: int) -> None:
    """Let this process's address space grow by at most `extra` bytes from now."""
    limit = address_space() + extra
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
