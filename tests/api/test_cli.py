"""`register(app)` adds `serve` to a multi-command Typer app such as kg.cli's; --store and
--endpoint override the environment, and are validated together."""
import typer
from typer.testing import CliRunner

from api.cli import register


def serve_app(monkeypatch, calls: list) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def other() -> None:
        """Stands in for plankg's other commands."""

    register(app)
    monkeypatch.setattr("api.app.serve", lambda host, port, settings: calls.append(
        (host, port, settings.store, settings.endpoint and str(settings.endpoint))))
    for name in ("PLANKG_STORE", "PLANKG_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    return app


def test_serve_is_added_with_loopback_defaults(monkeypatch):
    calls = []
    app = serve_app(monkeypatch, calls)
    runner = CliRunner()
    assert "--port" in runner.invoke(app, ["serve", "--help"]).output
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000"]).exit_code == 0
    assert calls == [("127.0.0.1", 8000, "embedded", None), ("0.0.0.0", 9000, "embedded", None)]


def test_store_options_override_the_environment(monkeypatch):
    calls = []
    app = serve_app(monkeypatch, calls)
    monkeypatch.setenv("PLANKG_STORE", "embedded")
    result = CliRunner().invoke(app, ["serve", "--store", "remote",
                                      "--endpoint", "http://127.0.0.1:7878/query"])
    assert result.exit_code == 0, result.output
    assert calls == [("127.0.0.1", 8000, "remote", "http://127.0.0.1:7878/query")]


def test_remote_without_endpoint_is_refused_with_the_reason(monkeypatch):
    calls = []
    result = CliRunner().invoke(serve_app(monkeypatch, calls), ["serve", "--store", "remote"])
    assert result.exit_code == 2 and calls == []
    assert "PLANKG_ENDPOINT or --endpoint" in result.output
