"""The `serve` command, added to a Typer app by `register(app)`: thin, settings come from the
environment (PLANKG_BUILD_DIR, PLANKG_QUERY_TIMEOUT …, see api/settings.py)."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
              port: int = typer.Option(8000, help="Port to listen on.")) -> None:
        """Serve the built graph over HTTP: a read-only SPARQL endpoint at /sparql."""
        from api.app import serve as run  # FastAPI and uvicorn only load when serving

        run(host, port)
