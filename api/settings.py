"""The API's settings, read once from the environment (prefix PLANKG_), e.g. PLANKG_QUERY_TIMEOUT=2:
the store's (kg.settings.StoreSettings: store, endpoint, build_dir, query_timeout) and the
limits the API adds. `Settings.from_env()` is the only place the environment is read."""
from __future__ import annotations

import os

from pydantic import Field, field_validator

from kg.settings import ENV_PREFIX, HTTP_GRACE, StoreSettings  # noqa: F401  (imported from here)


class Settings(StoreSettings):
    max_rows: int = Field(10_000, gt=0, description="solutions (SELECT) or triples "
                                                    "(CONSTRUCT/DESCRIBE) returned at most")
    max_body_bytes: int = Field(1_000_000, gt=0, description="largest query or request body")
    # queries are CPU-bound in pyoxigraph: one worker a core (the API process's own work, the
    # JSON and pages, shares them); docs/reliability.md
    workers: int = Field(default_factory=lambda: min(max(os.cpu_count() or 1, 1), 64), ge=1,
                         le=64, description="query worker processes (default: one a core)")
    queue: int = Field(8, ge=0, le=10_000, description="jobs waiting for a worker at most; "
                                                         "one more is refused at once (503)")
    queue_wait: float = Field(2.0, gt=0, le=600, description="seconds a job waits for a worker "
                                                              "at most, else refused (503)")
    # uvicorn prints a line a request when on: a tenth of the API process's time on a small
    # query (docs/benchmarks-floor.md), so off unless asked for
    access_log: bool = Field(False, description="print a line for every request answered")
    worker_memory_mb: int | None = Field(4096, gt=0, description="address space a worker may "
                                         "add to the store it shares; none if unset")

    @field_validator("worker_memory_mb", mode="before")
    @classmethod
    def _off(cls, value):
        # PLANKG_WORKER_MEMORY_MB=none (or empty) lifts the cap
        return None if isinstance(value, str) and value.strip().lower() in ("", "none") else value
