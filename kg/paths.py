"""Where the project's files are: sources, registry, build, ontology, shapes, example queries.

A corpus other than the project's own (a synthetic one, a province's plans) lives in a folder
with `sources/`, `registry/` and `build/`: `Paths.corpus(folder)` points the build there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build folder holds beside its graph files (kg.graphs): what the build counted, and the
# SHACL report of the graph (Turtle, the sh:ValidationReport; JSON, for people)
SUMMARY = "summary.json"
REPORT_TTL = "validation.ttl"
REPORT_JSON = "validation.json"


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    build_dir: Path | None = None  # where the build goes, if not data/build/ (tests, benchmarks)
    sources_dir: Path | None = None  # plan texts and manifest.yaml, if not data/sources/
    registry_dir: Path | None = None  # registry tables, if not data/registry/

    @classmethod
    def corpus(cls, folder: Path, root: Path = ROOT) -> Paths:
        """A corpus folder as `plankg synth` writes it: sources/, registry/, build/."""
        folder = Path(folder)
        return cls(root=root, build_dir=folder / "build", sources_dir=folder / "sources",
                   registry_dir=folder / "registry")

    @property
    def sources(self) -> Path:
        return self.sources_dir or self.root / "data" / "sources"

    @property
    def registry(self) -> Path:
        return self.registry_dir or self.root / "data" / "registry"

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

    @property
    def syllables(self) -> Path:
        """The syllable table synthetic place names are drawn from (`plankg synth`)."""
        return self.root / "data" / "synth" / "syllables.csv"
