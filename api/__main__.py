"""`python -m api --host 127.0.0.1 --port 8000`: the `serve` command without the plankg CLI."""
import typer

from api.cli import register

app = typer.Typer(add_completion=False)
register(app)

if __name__ == "__main__":
    app()
