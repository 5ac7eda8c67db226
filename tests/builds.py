"""A build read back in tests: its graph files (kg.graphs) as bytes, or as one N-Triples text."""
from pathlib import Path

from kg.graphs import graph_files, read_dataset


def graph_bytes(build: Path) -> dict[str, bytes]:
    """Each graph file of the build, by its path inside the build folder."""
    return {file.relative_to(build).as_posix(): file.read_bytes() for file in graph_files(build)}


def ntriples(build: Path) -> str:
    """The union of the build's graphs as sorted N-Triples."""
    return "".join(f"{line}\n" for line in read_dataset(build).lines)
