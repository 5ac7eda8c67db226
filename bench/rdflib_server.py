"""rdflib-endpoint (the PyPI package's FastAPI app) serving a build at /sparql on loopback, the
baseline of the endpoint benchmark: `python -m bench.rdflib_server BUILD_DIR --port P`.

The data is the same rdflib Dataset the query benchmark uses (bench.query_runner): the build's
quads, the ontology and the SHACL report, the union as default graph, the project's prefixes bound.
"""
from __future__ import annotations

from pathlib import Path

import typer
import uvicorn
from rdflib_endpoint import SparqlEndpoint

from bench.query_runner import rdflib_dataset


def serve(build: Path = typer.Argument(..., exists=True, file_okay=False),
          port: int = typer.Option(..., help="Port on 127.0.0.1.")) -> None:
    app = SparqlEndpoint(graph=rdflib_dataset(build), path="/sparql",
                         title="plankg build (rdflib-endpoint baseline)")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    typer.run(serve)
