"""The API's settings, read once from the environment (prefix PLANKG_), e.g. PLANKG_QUERY_TIMEOUT=2.

One pydantic model validates them; `Settings.from_env()` is the only place the environment is read.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kg.pipeline import Paths

ENV_PREFIX = "PLANKG_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    store: Literal["embedded"] = "embedded"
    build_dir: Path = Field(default_factory=lambda: Paths().build)
    query_timeout: float = Field(10.0, gt=0, description="seconds a query may run before its "
                                                         "worker process is killed")
    max_rows: int = Field(10_000, gt=0, description="solutions (SELECT) or triples "
                                                    "(CONSTRUCT/DESCRIBE) returned at most")
    max_body_bytes: int = Field(1_000_000, gt=0, description="largest query or request body")
    workers: int = Field(2, ge=1, le=64, description="query worker processes")
    worker_memory_mb: int | None = Field(4096, gt=0, description="address-space cap of a worker; "
                                                                 "none if unset")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from PLANKG_<FIELD> variables (PLANKG_BUILD_DIR, PLANKG_MAX_ROWS …)."""
        environ = os.environ if environ is None else environ
        values = {}
        for name in cls.model_fields:
            raw = environ.get(ENV_PREFIX + name.upper())
            if raw is not None:
                values[name] = raw
        return cls.model_validate(values)

    @field_validator("worker_memory_mb", mode="before")
    @classmethod
    def _off(cls, value):
        # PLANKG_WORKER_MEMORY_MB=none (or empty) lifts the cap
        return None if isinstance(value, str) and value.strip().lower() in ("", "none") else value

    @property
    def paths(self) -> Paths:
        return Paths(build_dir=self.build_dir)
