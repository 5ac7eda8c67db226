"""The commands that query the built graph or send it to a remote SPARQL server: `plankg query`,
`plankg load`, `plankg push`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli_common import console, fail
from kg.paths import Paths
from kg.store import (GraphNotBuilt, QueryError, StoreFailed, StoreTimedOut, StoreUnreachable,
                      load_queries)


def query(sparql: str = typer.Argument(None, help="A SPARQL query, or the name of an example."),
          file: Path = typer.Option(None, "--file", exists=True, help="Read the query from a file."),
          list_: bool = typer.Option(False, "--list", help="List the example queries."),
          format: str = typer.Option("table", "--format", "-f", help="table | csv | json | tsv"),
          store: str = typer.Option(None, help="embedded (default) | remote; overrides "
                                               "PLANKG_STORE."),
          endpoint: str = typer.Option(None, help="Query URL of a remote SPARQL endpoint; "
                                                  "overrides PLANKG_ENDPOINT.")
          ) -> None:
    """Run SPARQL against the built graph, or the remote endpoint holding it; example queries
    run by name."""
    examples = load_queries(Paths().queries)
    if list_:
        table = Table("name", "description", title="example queries (queries/*.rq)")
        for name, (description, _) in examples.items():
            table.add_row(name, description)
        console.print(table)
        return
    if file:
        sparql = file.read_text(encoding="utf-8")
    if not sparql:
        fail("give a query, --file Q.rq, or --list")
    if sparql in examples:
        sparql = examples[sparql][1]
    try:
        graph = _settings(store, endpoint).open_store()
        if format in ("csv", "json", "tsv"):
            sys.stdout.buffer.write(graph.serialize(sparql, format))
            return
        names, rows = graph.select(sparql)
    except GraphNotBuilt as error:
        fail(str(error))
    except QueryError as error:
        fail(f"query rejected: {error}", 1)
    except (StoreUnreachable, StoreFailed, StoreTimedOut) as error:
        fail(str(error), 1)
    table = Table(*names)
    for row in rows:
        table.add_row(*(_show(row.get(n)) for n in names))
    console.print(table)
    console.print(f"{len(rows)} rows")


# The remote server's options, shared by `load` and `push`
Endpoint = Annotated[str, typer.Option(help="Query URL of the SPARQL endpoint, e.g. "
                                            "http://127.0.0.1:7878/query.")]
GraphStore = Annotated[str | None, typer.Option(help="Its Graph Store Protocol URL; for "
                                                     "oxigraph serve found beside …/query.")]


def load(endpoint: Endpoint, graph_store: GraphStore = None) -> None:
    """Put the build (data/build/) and the ontology into a remote SPARQL server's default graph,
    replacing what it held (Graph Store Protocol), so `--store remote` answers as embedded."""
    triples = _to_remote(endpoint, graph_store, lambda remote: remote.load_build(Paths()))
    console.print(f"{endpoint} now holds {triples} triples")


def push(endpoint: Endpoint, graph_store: GraphStore = None) -> None:
    """Upload the build to a SPARQL 1.1 Graph Store Protocol server as named graphs, plan by
    plan (plus the shared, ontology and validation graphs). Query the union as the default graph
    (`oxigraph serve --union-default-graph`, Fuseki's unionDefaultGraph …) or with GRAPH."""
    graphs = _to_remote(endpoint, graph_store, lambda remote: remote.push_build(
        Paths(), progress=lambda graph, triples: console.print(
            f"put {graph} ({triples} triples)", highlight=False)))
    console.print(f"{endpoint} now holds the build in {len(graphs)} named graphs")


def _to_remote(endpoint: str, graph_store: str | None, send):
    """`send(remote)` to a Graph Store Protocol server; its failures as exit codes."""
    from kg.remote import RemoteStore  # httpx only loads for remote stores

    remote = RemoteStore(endpoint, timeout=120.0, graph_store=graph_store)
    try:
        return send(remote)
    except (GraphNotBuilt, ValueError) as error:
        fail(str(error))
    except (StoreUnreachable, StoreFailed, StoreTimedOut) as error:
        fail(str(error), 1)


def _settings(store: str | None, endpoint: str | None):
    """Store settings as the API reads them too (kg/settings.py): environment, then options."""
    from pydantic import ValidationError

    from kg.settings import StoreSettings, settings_problem

    try:
        return StoreSettings.from_env(store=store, endpoint=endpoint)
    except ValidationError as error:
        fail(settings_problem(error))


def _show(term) -> str:
    if term is None:
        return ""
    value = term.value
    for prefix, namespace in (("pkid:", "https://w3id.org/plankg/id/"),
                              ("pk:", "https://w3id.org/plankg/ontology#")):
        if value.startswith(namespace):
            return prefix + value[len(namespace):]
    return value
