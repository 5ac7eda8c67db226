"""The FastAPI application: settings, the store loaded once at startup, CORS, error handlers,
and the routers. `create_app()` builds it; `serve()` runs it with uvicorn."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import openapi
from api.errors import register_error_handlers
from api.pool import QueryPool
from api.rest import include_rest
from api.routes import docs, sparql, ui, validation, viz
from api.settings import Settings
from kg.search.query import SearchIndex

TRUNCATION_HEADERS = ["X-PlanKG-Truncated", "X-PlanKG-Row-Limit"]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # On the event loop's thread, which lives as long as the server (see api/pool.py).
        store = QueryPool(settings)
        store.start()
        app.state.store = store
        # the build's search index beside the graph it was built with (api/routes/search.py)
        app.state.search = (SearchIndex.of_build(settings.build_dir)
                            if settings.store == "embedded" else None)
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="plankg", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Regional health-policy plans as a knowledge graph: "
                              "a read-only SPARQL 1.1 endpoint, a REST layer (/api/...) and "
                              "linked-data pages (/id/...).")
    app.state.settings = settings
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"],
                       expose_headers=[*TRUNCATION_HEADERS, "Link", "Retry-After"])
    app.add_middleware(SecurityHeaders)
    register_error_handlers(app)
    app.include_router(sparql.router)
    include_rest(app)
    app.include_router(viz.router)
    app.include_router(validation.router)
    app.include_router(ui.router)
    app.include_router(docs.router)
    docs.mount_static(app)
    ui.mount_static(app)
    openapi.install(app)
    return app


# Sent with every answer: content types are not guessed, pages are framed by this server only,
# and no page tells another site where its reader came from
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN"),
                    (b"referrer-policy", b"same-origin"))


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP answer (a plain ASGI wrapper, not
    BaseHTTPMiddleware, which would buffer streamed answers)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def serve(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    settings = settings or Settings.from_env()
    uvicorn.run(create_app(settings), host=host, port=port, access_log=settings.access_log)
