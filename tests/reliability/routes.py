"""The app's GET routes, read from the app itself: their paths with path and query parameters,
for the fuzz and security tests (nothing is listed by hand, so a new route is covered)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi.routing import APIRoute
from starlette.routing import Mount

from api.app import create_app

# a path parameter in a route's path: "{plan_id}", "{path:path}"
PATH_PARAMETER = re.compile(r"\{(?P<name>\w+)(?::(?P<kind>\w+))?\}")


@dataclass(frozen=True)
class Route:
    path: str                 # as declared: /api/plans/{plan_id}
    parameters: tuple[str, ...]
    query: tuple[str, ...]    # its query parameters' names

    def url(self, values: dict[str, str]) -> str:
        return PATH_PARAMETER.sub(lambda m: values[m.group("name")], self.path)


def flat(routes, prefix: str = "") -> list[tuple[str, object]]:
    """(full path, route) of every route, those of included routers too (FastAPI keeps those
    behind an object of their own, holding the router and the prefix it was included with)."""
    found = []
    for route in routes:
        context = getattr(route, "include_context", None)
        if context is not None:
            found += flat(context.included_router.routes, prefix + context.prefix)
        elif hasattr(route, "path"):
            found.append((prefix + route.path, route))
    return found


def get_routes() -> list[Route]:
    found = []
    for path, route in flat(create_app().routes):
        if isinstance(route, APIRoute) and "GET" in route.methods:
            found.append(Route(path, tuple(m.group("name") for m in PATH_PARAMETER.finditer(path)),
                               tuple(p.alias for p in route.dependant.query_params)))
    return sorted(set(found), key=lambda r: r.path)


def mounts() -> list[str]:
    """The static folders' mount points: /static, /static/vendor/yasgui, …"""
    return [path for path, route in flat(create_app().routes) if isinstance(route, Mount)]


ROUTES = get_routes()
WITH_PARAMETERS = [r for r in ROUTES if r.parameters]
