"""What routes receive with Depends: the settings and the store the app loaded at startup."""
from __future__ import annotations

from fastapi import Request

from api.pool import QueryPool
from api.settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> QueryPool:
    """The embedded store, behind the worker processes that hold it (api/pool.py)."""
    return request.app.state.store
