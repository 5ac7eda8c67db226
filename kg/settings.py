"""Which store a command or the API reads, from the environment (prefix PLANKG_) and options:
`StoreSettings.from_env()` is the one place the environment is read. The API's own settings
(api/settings.py) extend these."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from kg.paths import Paths
from kg.store import StoreKind

ENV_PREFIX = "PLANKG_"
HTTP_GRACE = 1.0   # seconds a remote store's HTTP timeout runs past the query time limit


class StoreSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    store: StoreKind = Field("embedded", description="embedded: pyoxigraph loaded from build_dir; "
                                                     "remote: the SPARQL endpoint at `endpoint`")
    endpoint: AnyHttpUrl | None = Field(None, description="query URL of the remote SPARQL 1.1 "
                                                          "endpoint (store=remote only)")
    build_dir: Path = Field(default_factory=lambda: Paths().build)
    query_timeout: float = Field(10.0, gt=0, description="seconds a query may run before its "
                                                         "worker process is killed")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **options):
        """Settings from PLANKG_<FIELD> variables (PLANKG_BUILD_DIR, PLANKG_MAX_ROWS …);
        `options` given on a command line (None: not given) override them."""
        environ = os.environ if environ is None else environ
        values = {}
        for name in cls.model_fields:
            raw = environ.get(ENV_PREFIX + name.upper())
            if raw is not None:
                values[name] = raw
        values |= {name: value for name, value in options.items() if value is not None}
        return cls.model_validate(values)

    @model_validator(mode="after")
    def _endpoint_with_remote_only(self):
        if self.store == "remote" and self.endpoint is None:
            raise ValueError("store=remote needs the endpoint's query URL "
                             "(PLANKG_ENDPOINT or --endpoint), e.g. http://127.0.0.1:7878/query")
        if self.store == "embedded" and self.endpoint is not None:
            raise ValueError(f"an endpoint ({self.endpoint}) is only used with store=remote "
                             "(PLANKG_STORE=remote or --store remote)")
        return self

    @property
    def paths(self) -> Paths:
        return Paths(build_dir=self.build_dir)

    def open_store(self):
        """The store these settings name (kg.store.open_store). A remote's HTTP timeout is the
        query time limit and a second more: the query pool's limit (api/pool.py), which kills
        the worker, is what stops a query; with the two equal, which fired first was a race,
        and a query stopped by the HTTP timeout left its worker running."""
        from kg.store import open_store

        return open_store(self.store, self.paths, self.endpoint and str(self.endpoint),
                          self.query_timeout + HTTP_GRACE)


def settings_problem(error) -> str:
    """A pydantic ValidationError as one line per problem, for a command line."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}"
                     for e in error.errors())
