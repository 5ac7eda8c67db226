"""Where the project's files are: sources, registry, build, ontology, shapes, example queries."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    build_dir: Path | None = None  # where the build goes, if not data/build/ (tests, benchmarks)

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def registry(self) -> Path:
        return self.root / "data" / "registry"

    @property
    def build(self) -> Path:
        return self.build_dir or self.root / "data" / "build"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "plankg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def queries(self) -> Path:
        return self.root / "queries"
