"""The build folder's life: a staging folder filled beside the build and swapped in whole, and the
build it replaced kept as the next build's staging folder.

A build writes into a staging folder (.build-{pid}-… beside the build) and swaps it in for the
build only when it succeeded, so a failed build leaves the previous one untouched. The folder
swapped out, the build before, is not deleted: cleared of what every build writes anew (summary,
reports, the cache's accounts, exports), it is kept inside the new build as its spare
(cache/spare), and the next build stages in it. What it keeps is what changes little from build to
build: the plans' graph files, cached parts and texts (hard links of the same files as the build's,
where a plan did not change) and its search index. A one-plan rebuild then links the few files
that differ (mirror) and updates the index in place, where at 10,000 plans making a fresh folder
took twenty thousand links, a copy of the 1.4 GB index and the old build's removal.

A failed build removes its staging folder, the spare with it: the next build stages in a fresh
folder. A build of most plans anew (a change of code or registry) leaves a spare that is a copy of
itself, where the build it replaced would have nothing in common with the next (swap).

Every file a build writes into its staging folder is a new file (the old name unlinked first):
a spare's file may be a hard link of the live build's, which must never change.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

from kg.build.parts import CACHE, PLANS, TEXTS
from kg.graphs import GRAPHS, link_or_copy
from kg.search.index import INDEX

SPARE = "spare"   # in the build's cache folder: the build before it, cleared
# what a spare keeps: folders whose files are mostly the same from build to build, and the index
KEPT = {GRAPHS, TEXTS, INDEX, CACHE}
KEPT_IN_CACHE = {PLANS}
MIRRORED = (GRAPHS, TEXTS, f"{CACHE}/{PLANS}")   # the folders mirror() makes the build's


def staging(target: Path) -> Path:
    """A folder beside the build, to be swapped in when the whole build succeeded, named after
    this process (.build-{pid}-…): the build's spare where it has one, else a fresh folder. The
    folders of builds whose process is gone (killed mid-build) are removed first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for left in target.parent.glob(".build-*-*"):
        pid = left.name.split("-")[1]
        if left.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=target.parent))
    spare = target / CACHE / SPARE
    if spare.is_dir():
        try:
            os.rename(spare, folder)   # onto the empty folder just made
        except OSError:
            return folder
        clear(folder)
    return folder


def clear(folder: Path) -> None:
    """Remove from a build folder all but what a spare keeps (KEPT)."""
    for entry in os.scandir(folder):
        if entry.name == CACHE and entry.is_dir(follow_symlinks=False):
            for inner in os.scandir(entry.path):
                if inner.name not in KEPT_IN_CACHE:
                    _remove(inner)
        elif entry.name not in KEPT:
            _remove(entry)


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path, ignore_errors=True)
    else:
        os.unlink(entry.path)


def _files(folder: Path) -> dict[str, int]:
    """Every file under `folder` (its path relative to it) → its inode."""
    found: dict[str, int] = {}
    stack = [("", str(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found[f"{prefix}{entry.name}"] = entry.inode()
    return found


def mirror(source: Path, staging: Path, written: set[str]) -> None:
    """The MIRRORED folders of `staging` made those of the build `source`: every file there not
    in `written` (paths relative to the build folder, written by this build) linked from it
    unless `staging` has that very file already, and every other file of `staging` removed."""
    for folder in MIRRORED:
        want, have = _files(source / folder), _files(staging / folder)
        for name, inode in want.items():
            if f"{folder}/{name}" not in written and have.get(name) != inode:
                link_or_copy(source / folder / name, staging / folder / name)
        for name in have.keys() - want.keys():
            if f"{folder}/{name}" not in written:
                os.unlink(staging / folder / name)


def prune(staging: Path, wanted: set[str]) -> None:
    """Remove the files of the MIRRORED folders of `staging` that are not in `wanted` (paths
    relative to the build folder): a spare's files of plans the build no longer has."""
    for folder in MIRRORED:
        for name in _files(staging / folder):
            if f"{folder}/{name}" not in wanted:
                os.unlink(staging / folder / name)


def swap(staging: Path, target: Path, whole: bool = False) -> None:
    """`staging` in place of `target` in one step where Linux allows (renameat2 with
    RENAME_EXCHANGE), so a build killed at any moment leaves `target` whole, old or new; two
    renames elsewhere, with a moment between them when `target` is missing. The build replaced
    becomes the new one's spare. `whole`: the new build wrote most files anew, so a spare of
    the build before would have little in common with it: the spare is made a copy of the new
    build instead (links, and a copy of its index: 4 s at 10,000 plans, which the first
    rebuild after it would otherwise pay)."""
    spare = target / CACHE / SPARE
    if target.exists() and _exchange(staging, target):
        clear(staging)   # now the previous build
        try:
            os.rename(staging, spare)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    else:
        old = None
        if target.exists():
            old = target.with_name(f".old-{os.getpid()}-{target.name}")
            target.rename(old)
        staging.rename(target)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    if whole:
        _ready(target, spare)


def _ready(build: Path, spare: Path) -> None:
    """`spare` made a copy of `build` (its KEPT files): an optimisation, given up on any error
    (the build has landed already)."""
    try:
        spare.mkdir(parents=True, exist_ok=True)
        clear(spare)
        mirror(build, spare, set())
        if (build / INDEX).exists():
            (spare / INDEX).unlink(missing_ok=True)
            shutil.copyfile(build / INDEX, spare / INDEX)
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True   # another user's process
    return True


AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux's renameat2); False where the call is unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                 RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False   # the kernel or the file system cannot exchange
    raise OSError(ctypes.get_errno(), f"swapping {first} in for {second} failed: "
                  f"{os.strerror(ctypes.get_errno())}")
