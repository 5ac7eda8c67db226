"""Profiles of the figures that miss their target, and what they say: py-spy (sampling from
outside, so it reaches the API's worker processes and pool children) writes speedscope JSON;
Chromium's own profiler writes a .cpuprofile of a page. `hot_spots` reads either back as the few
functions where most samples fell, for the report's notes.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.paths import ROOT

PY_SPY = Path(sys.executable).parent / "py-spy"
RATE = 50  # samples a second: enough to rank functions, small enough to commit
# where a thread waits rather than works (a worker for its next job, the server for a request):
# left out of the shares, which are of busy samples
IDLE = {"wait", "select", "poll", "_recv", "recv", "recv_into", "_recv_bytes", "accept", "sleep",
        "_wait_for_tstate_lock", "readinto", "(idle)", "(program)"}
# a Rust v0 symbol (py-spy --native leaves them mangled) carries its path as length-prefixed
# identifiers between disambiguators and back-references: _RNvMs1_NtNtCs8f8IyuaoJgX_8oxigraph7
# storage6memoryNtB5_24MemoryStorageTransaction6insert → oxigraph::storage::memory::…::insert
RUST_NOISE = re.compile(r"(?:[CM]s|B)[0-9A-Za-z]*_")
RUST_LENGTH = re.compile(r"\d+")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# vis-network's minified classes keep their method names as strings: {key:"_update",value:function
METHOD_KEY = re.compile(r'key:"([\w$]+)",value:')


def _record(out: Path, seconds: float, native: bool) -> list[str]:
    """py-spy's recording options; `native` also unwinds compiled frames (pyoxigraph's Rust),
    which would otherwise count as the Python line that called them."""
    return [str(PY_SPY), "record", "--rate", str(RATE), "--subprocesses", "--format",
            "speedscope", "--duration", str(int(seconds)), "--output", str(out),
            *(["--native"] if native else [])]


def spy_command(command: Sequence[str], out: Path, seconds: float,
                native: bool = False) -> list[str]:
    """`command` run under py-spy, children included, for at most `seconds`."""
    return [*_record(out, seconds, native), "--", *command]


def spy_on(pid: int, out: Path, seconds: float, log: Path,
           native: bool = False) -> subprocess.Popen:
    """py-spy sampling a running process and its children for `seconds`; wait() on it."""
    return subprocess.Popen([*_record(out, seconds, native), "--pid", str(pid)],
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def rust_name(name: str) -> str:
    """A mangled Rust symbol's path, readable; any other name as it is."""
    if not name.startswith("_R"):
        return name
    text, parts, at = RUST_NOISE.sub("|", name[2:]), [], 0
    while at < len(text):
        length = RUST_LENGTH.match(text, at)
        if length:
            end = length.end() + int(length.group())
            word = text[length.end():end]
            if end <= len(text) and IDENTIFIER.fullmatch(word) and len(word.strip("_")) > 2:
                parts.append(word)
                at = end
                continue
        at += 1
    return "::".join(parts) or name


def package(file: str) -> str:
    """The package a source file belongs to: the folder under site-packages, the project's own
    top folder (kg, api, bench), or the standard library."""
    parts = Path(file).parts
    if ".so" in Path(file).name:  # a compiled module or library: pyoxigraph.cpython-311-….so
        name = Path(file).name.split(".cpython")[0].split(".so")[0]
        return "python" if name.startswith("libpython") else name
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if file.startswith(str(ROOT)):
        return Path(file).relative_to(ROOT).parts[0]
    standard = file.startswith((sys.base_prefix, "<frozen"))
    return "python" if standard else Path(file).name


def _speedscope(path: Path, by_package: bool = False) -> Counter:
    document = json.loads(path.read_text())
    frames = document["shared"]["frames"]
    own: Counter = Counter()
    for profile in document["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"]):
            if stack:
                frame = frames[stack[-1]]
                if frame["name"].rsplit(".", 1)[-1] in IDLE:
                    continue
                file = frame.get("file") or "?"
                if by_package:
                    own[package(file)] += weight
                else:
                    name, line = rust_name(frame["name"]), frame.get("line", "?")
                    own[f"{name} ({Path(file).name}:{line})" if line else name] += weight
    return own


def _method_name(source_lines: list[str], line: int, column: int) -> str | None:
    if not 0 <= line < len(source_lines):
        return None
    found = METHOD_KEY.findall(source_lines[line][max(column - 80, 0):column + 20])
    return found[-1] if found else None


def _cpuprofile(path: Path, page: Path | None) -> Counter:
    document = json.loads(path.read_text())
    lines = page.read_text("utf-8").split("\n") if page and page.exists() else []
    nodes = {node["id"]: node["callFrame"] for node in document["nodes"]}
    own: Counter = Counter()
    for sample, delta in zip(document["samples"], document["timeDeltas"]):
        frame = nodes[sample]
        name = frame["functionName"] or "(anonymous)"
        if name in IDLE:
            continue
        if name == "value" or len(name) <= 2:  # minified: name it by its method key, if any
            name = _method_name(lines, frame["lineNumber"], frame["columnNumber"]) or name
        own[name] += delta
    return own


def hot_spots(path: Path, page: Path | None = None, top: int = 5) -> list[tuple[float, str]]:
    """The `top` functions with the most samples of their own: (share of the busy samples,
    name)."""
    own = _cpuprofile(path, page) if path.suffix == ".cpuprofile" else _speedscope(path)
    total = sum(own.values()) or 1
    return [(count / total, name) for name, count in own.most_common(top)]


def describe(path: Path, page: Path | None = None) -> str:
    """One line for the report: where the busy samples fell, by function and by package."""
    spots = "; ".join(f"{share:.0%} in `{name}`" for share, name in hot_spots(path, page)
                      if share >= 0.02)
    if path.suffix != ".cpuprofile":
        packages = _speedscope(path, by_package=True)
        total = sum(packages.values()) or 1
        spots += "; by package: " + ", ".join(f"{name} {count / total:.0%}" for name, count
                                              in packages.most_common(4))
    return spots + " (shares of busy samples, waits left out)"
