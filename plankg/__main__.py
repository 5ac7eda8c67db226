from plankg.cli import app

app()
