"""Settings come from PLANKG_* variables, with the documented defaults."""
from pathlib import Path

import pytest
from pydantic import ValidationError

from api.settings import Settings
from kg.paths import Paths


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


@pytest.mark.parametrize("env", [{"PLANKG_QUERY_TIMEOUT": "0"}, {"PLANKG_MAX_ROWS": "many"},
                                 {"PLANKG_STORE": "virtuoso"}])
def test_bad_values_are_refused(env):
    with pytest.raises(ValidationError):
        Settings.from_env(env)


def test_remote_store_takes_its_endpoint_from_the_environment_or_an_option():
    settings = Settings.from_env({"PLANKG_STORE": "remote",
                                  "PLANKG_ENDPOINT": "http://127.0.0.1:7878/query"})
    assert (settings.store, str(settings.endpoint)) == ("remote", "http://127.0.0.1:7878/query")
    option = Settings.from_env({"PLANKG_STORE": "remote", "PLANKG_ENDPOINT": "http://a.test/q"},
                               endpoint="http://127.0.0.1:9/sparql")
    assert str(option.endpoint) == "http://127.0.0.1:9/sparql"
    # the settings travel to the worker processes as JSON
    assert Settings.model_validate_json(settings.model_dump_json()) == settings


@pytest.mark.parametrize("env, reason", [
    ({"PLANKG_STORE": "remote"}, "needs the endpoint"),
    ({"PLANKG_ENDPOINT": "http://127.0.0.1:7878/query"}, "only used with store=remote"),
    ({"PLANKG_STORE": "remote", "PLANKG_ENDPOINT": "ftp://127.0.0.1/query"}, "URL scheme"),
    ({"PLANKG_STORE": "remote", "PLANKG_ENDPOINT": "not a url"}, "URL"),
])
def test_store_and_endpoint_are_validated_together(env, reason):
    with pytest.raises(ValidationError, match=reason):
        Settings.from_env(env)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("env, logged", [({}, False), ({"access_log": "true"}, True)])
def test_a_line_a_request_is_printed_only_when_asked_for(build_dir, tmp_path, env, logged):
    """PLANKG_ACCESS_LOG: off by default (the line cost a tenth of a small query's time in the
    API process), on when set; the server's own start-up lines are printed either way."""
    import httpx

    from tests.api.conftest import start_server, stop_server

    server = start_server(build_dir, tmp_path / "server.log", workers=1, **env)
    try:
        httpx.get(server.url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10).raise_for_status()
    finally:
        stop_server(server)
    log = server.log.read_text("utf-8")
    assert "Uvicorn running on" in log
    assert ("GET /sparql?query=" in log) is logged
