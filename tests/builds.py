"""A build read back in tests: its graph files (kg.graphs) as bytes, or as one N-Triples text;
and a copy of the sources changed: the manifest rewritten, a sixth plan added."""
from pathlib import Path

import yaml

from kg.graphs import graph_files, read_dataset
from kg.paths import Paths

# tests/fixtures/sixth_plan.txt:2-3, a 沙坪坝 plan of 2026
SIXTH_PLAN = {"id": "shapingba-2026", "file": "sixth_plan.txt",
              "title": "沙坪坝区基层卫生能力提升行动方案", "issuer": None,
              "doc_number": "沙府办发〔2026〕3号", "issued": None, "jurisdiction": "shapingba"}


def graph_bytes(build: Path) -> dict[str, bytes]:
    """Each graph file of the build, by its path inside the build folder."""
    return {file.relative_to(build).as_posix(): file.read_bytes() for file in graph_files(build)}


def ntriples(build: Path) -> str:
    """The union of the build's graphs as sorted N-Triples."""
    return "".join(f"{line}\n" for line in read_dataset(build).lines)


def read_manifest(paths: Paths) -> dict:
    return yaml.safe_load((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))


def write_manifest(paths: Paths, manifest: dict) -> None:
    (paths.sources / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                                 encoding="utf-8")


def add_sixth_plan(paths: Paths, text: str) -> None:
    """`text` as the sixth plan (SIXTH_PLAN) of the sources in `paths`."""
    (paths.sources / SIXTH_PLAN["file"]).write_text(text, encoding="utf-8")
    manifest = read_manifest(paths)
    manifest["plans"].append(dict(SIXTH_PLAN))
    write_manifest(paths, manifest)
