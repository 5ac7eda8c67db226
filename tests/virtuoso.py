"""A private OpenLink Virtuoso (Debian's virtuoso-opensource-7-bin, installed by `make system`)
in a temporary folder, on free loopback ports, holding the build: the second remote store the
tests and `python -m bench.servers` run over. Nothing of the system-wide package is used.

- **Its own virtuoso.ini** (written here): database, logs and the folder the bulk loader may
  read (`DirsAllowed`) inside the instance's folder; the SQL and HTTP ports bound to 127.0.0.1
  only, no Unix socket; small buffers (Virtuoso's 8 KB pages).
- **Loaded with the bulk loader** (`ld_dir` / `rdf_loader_run` through isql-vt): the build's
  graph files (one N-Quads file a graph, kg.graphs) into their named graphs, the ontology and the
  validation report into theirs, as the embedded store holds them. Those two are Turtle, which
  Virtuoso 7.2.5 misreads: it keeps the backslash of an escaped local name
  (`pkid:validation\\/report` becomes the IRI `…/validation\\/report`), so they are handed to it
  as N-Triples, written here by pyoxigraph.
- **The default graph is the union of the build's graphs**, as embedded, by configuration: a
  query naming no dataset reads every graph Virtuoso holds, its own system graphs too
  (virtrdf#, 2,479 triples of its mappings; ldp#; its service description). Those are made
  private graphs that the anonymous SPARQL user may not read (`RDF_GRAPH_GROUP_INS` into
  virtrdf#PrivateGraphs, `RDF_DEFAULT_USER_PERMS_SET('nobody', 0, 1)`): /sparql then sees
  exactly the build's graphs, with no change to any query.
- **No query time limit of Virtuoso's own**: its `MaxQueryExecutionTime` answers 200 with the
  rows found so far (an "anytime" answer, flagged only in a header), a wrong answer that reads as
  a right one. `ResultSetMaxRows` is set above any answer here for the same reason (Virtuoso's
  usual 10,000 would cut CONSTRUCT WHERE { ?s ?p ?o } silently).
- The `dba` password is a random one, set at start (the SQL port is on loopback, but the
  machine is shared).
"""
from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graphs import GRAPHS, ONTOLOGY_GRAPH, VALIDATION_GRAPH
from kg.paths import REPORT_TTL, Paths
from tests.processes import free_port, stop, wait_until_answering

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
STARTUP = 60.0   # a new database is created at first start: ~5 s on an idle machine
ONLINE = "Server online at"   # the log line once the SQL port accepts connections
BUFFERS = 20000  # 8 KB pages: 160 MB, enough for the 1,000-plan build (~1 M quads)
MAX_ROWS = 10_000_000  # above any answer here: Virtuoso cuts at ResultSetMaxRows silently
# Virtuoso's own graphs, read by a query naming no dataset unless made private: its RDF views'
# mappings, the LDP vocabulary and the endpoint's service description
SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                 "http://localuriqaserver/sparql")
PRIVATE_GRAPHS = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
# the bulk loader's graph for an N-Quads line without one (it requires a graph to register a
# file); the build writes none, which the tests' comparison with the embedded store would show
UNGRAPHED = "urn:plankg:ungraphed"

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CaseMode = 2
DirsAllowed = {allowed}
AllowOSCalls = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
"""


class VirtuosoError(RuntimeError):
    """Virtuoso would not start, or isql-vt failed: the statement and what it printed."""


@dataclass
class Virtuoso:
    url: str                 # the SPARQL endpoint: http://127.0.0.1:PORT/sparql
    sql_port: int
    password: str            # dba's
    folder: Path
    process: subprocess.Popen

    @property
    def log(self) -> Path:
        return self.folder / "db" / "virtuoso.log"

    @property
    def loads(self) -> Path:
        return self.folder / "load"   # the folder DirsAllowed names besides the build's graphs

    def isql(self, statements: str, password: str | None = None, timeout: float = 600) -> str:
        """Run SQL statements as dba; VirtuosoError with the output if one fails."""
        command = [ISQL, f"127.0.0.1:{self.sql_port}", "dba", password or self.password,
                   "VERBOSE=OFF", "BANNER=OFF", "ERRORS=STDOUT", f"EXEC={statements}"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise VirtuosoError(f"isql-vt failed on {statements!r} (see {self.log}):\n{output}")
        return output


def start_virtuoso(folder: Path, allowed: tuple[Path, ...] = (),
                   buffers: int = BUFFERS) -> Virtuoso:
    """A new, empty instance in `folder` (created), its bulk loader allowed to read `allowed`
    and folder/load; its own system graphs hidden from /sparql (the module's docstring)."""
    if not Path(VIRTUOSO).exists() or not Path(ISQL).exists():
        raise VirtuosoError(f"{VIRTUOSO} or {ISQL} is missing: `make system` installs them "
                            "(Debian's virtuoso-opensource-7-bin)")
    db, root, loads = folder / "db", folder / "www", folder / "load"
    for made in (db, root, loads):
        made.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    dirs = ", ".join(str(path.resolve()) for path in (loads, *allowed))
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port, root=root,
                              buffers=buffers, dirty=buffers * 3 // 4, allowed=dirs,
                              max_rows=MAX_ROWS), "utf-8")
    out = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Virtuoso(f"http://127.0.0.1:{http_port}/sparql", sql_port, "dba", folder, process)
    try:
        wait_until_answering(process, server.url, folder / "stdout.log", "virtuoso-t", STARTUP)
        wait_for_line(server, ONLINE, STARTUP)
        password = secrets.token_hex(12)
        server.isql(f"USER_SET_PASSWORD('dba', '{password}');")
        server.password = password
        hidden = "".join(f"DB.DBA.RDF_GRAPH_GROUP_INS('{PRIVATE_GRAPHS}', '{graph}');"
                         for graph in SYSTEM_GRAPHS)
        server.isql(f"DB.DBA.RDF_GRAPH_GROUP_CREATE('{PRIVATE_GRAPHS}', 1);{hidden}"
                    "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 0, 1);"
                    "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1, 0);")
    except BaseException:
        stop(process)
        raise
    return server


def wait_for_line(server: Virtuoso, line: str, startup: float) -> None:
    deadline = time.monotonic() + startup
    while time.monotonic() < deadline:
        if server.log.exists() and line in server.log.read_text("utf-8", "replace"):
            return
        if server.process.poll() is not None:
            break
        time.sleep(0.1)
    stop(server.process)
    raise VirtuosoError(f"virtuoso-t did not print {line!r} within {startup} s:\n"
                        f"{server.log.read_text('utf-8', 'replace')}")


def load_build(server: Virtuoso, paths: Paths, timeout: float = 600) -> int:
    """The build's graph files, the ontology and the validation report, bulk loaded each into
    its named graph, the loader given `timeout` seconds; the number of files loaded.
    VirtuosoError naming a file that failed."""
    graphs = paths.build / GRAPHS
    if not graphs.is_dir():
        raise VirtuosoError(f"{paths.build} holds no graph files: run `plankg build` first")
    turtle = [(paths.ontology, ONTOLOGY_GRAPH)]
    if (paths.build / REPORT_TTL).exists():
        turtle.append((paths.build / REPORT_TTL, VALIDATION_GRAPH))
    statements = [f"ld_dir_all('{graphs.resolve()}', '*.nq', '{UNGRAPHED}');"]
    for source, graph in turtle:   # as N-Triples: the module's docstring says why
        target = server.loads / f"{source.stem}.nt"
        ox.serialize(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE),
                     output=str(target), format=ox.RdfFormat.N_TRIPLES)
        statements.append(f"ld_dir('{server.loads.resolve()}', '{target.name}', '{graph}');")
    server.isql("".join(statements) + "rdf_loader_run(); checkpoint;", timeout=timeout)
    report = server.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST;")
    loaded = [line for line in report.splitlines() if line.startswith("/")]
    failed = [line for line in loaded if not line.rstrip().endswith("NULL")]
    if failed or not loaded:
        raise VirtuosoError(f"the bulk loader failed on {failed or 'every file'}:\n{report}")
    return len(loaded)


def stop_virtuoso(server: Virtuoso) -> None:
    stop(server.process)


def loaded_virtuoso(paths: Paths, folder: Path) -> Virtuoso:
    """A fresh instance in `folder` holding the build of `paths`."""
    server = start_virtuoso(folder, allowed=(paths.build / GRAPHS,))
    try:
        load_build(server, paths)
    except BaseException:
        stop_virtuoso(server)
        raise
    return server


@pytest.fixture(scope="session")
def virtuoso(built, tmp_path_factory):
    server = loaded_virtuoso(built[0], tmp_path_factory.mktemp("virtuoso"))
    yield server
    stop_virtuoso(server)
