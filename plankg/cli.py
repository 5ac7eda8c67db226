"""`plankg`: kg's commands (extract, add, build, query, validate, registry …) with the commands of
the parts built on kg: `serve` (api) and `viz` / `network` (viz)."""
from __future__ import annotations

from api.cli import register as register_serve
from kg.cli import app
from viz.cli import register as register_viz

register_serve(app)
register_viz(app)

__all__ = ["app"]
