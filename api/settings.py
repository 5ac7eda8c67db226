"""The API's settings, read once from the environment (prefix PLANKG_), e.g. PLANKG_QUERY_TIMEOUT=2:
the store's (kg.settings.StoreSettings: store, endpoint, build_dir, query_timeout) and the
limits the API adds. `Settings.from_env()` is the only place the environment is read."""
from __future__ import annotations

from pydantic import Field, field_validator

from kg.settings import ENV_PREFIX, HTTP_GRACE, StoreSettings  # noqa: F401  (imported from here)


class Settings(StoreSettings):
    max_rows: int = Field(10_000, gt=0, description="solutions (SELECT) or triples "
                                                    "(CONSTRUCT/DESCRIBE) returned at most")
    max_body_bytes: int = Field(1_000_000, gt=0, description="largest query or request body")
    workers: int = Field(2, ge=1, le=64, description="query worker processes")
    worker_memory_mb: int | None = Field(4096, gt=0, description="address-space cap of a worker; "
                                                                 "none if unset")

    @field_validator("worker_memory_mb", mode="before")
    @classmethod
    def _off(cls, value):
        # PLANKG_WORKER_MEMORY_MB=none (or empty) lifts the cap
        return None if isinstance(value, str) and value.strip().lower() in ("", "none") else value
