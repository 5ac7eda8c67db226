"""The `serve` command, added to a Typer app by `register(app)`: thin, settings come from the
environment (PLANKG_BUILD_DIR, PLANKG_QUERY_TIMEOUT …, see api/settings.py); --store and
--endpoint override PLANKG_STORE and PLANKG_ENDPOINT."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
              port: int = typer.Option(8000, help="Port to listen on."),
              store: str = typer.Option(None, help="embedded (default) | remote; overrides "
                                                   "PLANKG_STORE."),
              endpoint: str = typer.Option(None, help="Query URL of the remote SPARQL endpoint; "
                                                      "overrides PLANKG_ENDPOINT.")) -> None:
        """Serve the built graph over HTTP: a read-only SPARQL endpoint at /sparql."""
        from pydantic import ValidationError

        from api.app import serve as run  # FastAPI and uvicorn only load when serving
        from api.settings import Settings
        from kg.settings import settings_problem

        try:
            settings = Settings.from_env(store=store, endpoint=endpoint)
        except ValidationError as error:
            raise typer.BadParameter(settings_problem(error)) from None
        run(host, port, settings)

