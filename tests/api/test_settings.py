"""Settings come from PLANKG_* variables, with the documented defaults."""
from pathlib import Path

import pytest
from pydantic import ValidationError

from api.settings import Settings
from kg.pipeline import Paths


def test_defaults():
    settings = Settings.from_env({})
    assert settings.store == "embedded"
    assert settings.build_dir == Paths().build
    assert settings.query_timeout == 10
    assert settings.max_rows == 10_000
    assert settings.max_body_bytes > 0


def test_environment():
    settings = Settings.from_env({"PLANKG_QUERY_TIMEOUT": "2", "PLANKG_MAX_ROWS": "5",
                                  "PLANKG_BUILD_DIR": "/tmp/b", "PLANKG_WORKERS": "3",
                                  "PLANKG_WORKER_MEMORY_MB": "none", "OTHER": "x"})
    assert (settings.query_timeout, settings.max_rows, settings.build_dir, settings.workers,
            settings.worker_memory_mb) == (2.0, 5, Path("/tmp/b"), 3, None)


@pytest.mark.parametrize("env", [{"PLANKG_STORE": "remote"}, {"PLANKG_QUERY_TIMEOUT": "0"},
                                 {"PLANKG_MAX_ROWS": "many"}])
def test_bad_values_are_refused(env):
    with pytest.raises(ValidationError):
        Settings.from_env(env)
