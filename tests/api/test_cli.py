"""`register(app)` adds `serve` to a multi-command Typer app such as kg.cli's."""
import typer
from typer.testing import CliRunner

from api.cli import register


def test_serve_is_added_with_loopback_defaults(monkeypatch):
    app = typer.Typer()

    @app.command()
    def other() -> None:
        """Stands in for plankg's other commands."""

    register(app)
    calls = []
    monkeypatch.setattr("api.app.serve", lambda host, port: calls.append((host, port)))
    runner = CliRunner()
    assert "--port" in runner.invoke(app, ["serve", "--help"]).output
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000"]).exit_code == 0
    assert calls == [("127.0.0.1", 8000), ("0.0.0.0", 9000)]
