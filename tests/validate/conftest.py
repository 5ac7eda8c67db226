"""The graph built from data/sources/ into a temporary folder, as N-Triples, for the validation
tests to check and to plant defects into."""
import pytest

from kg.pipeline import GRAPH_NT, Paths, run_build


@pytest.fixture(scope="session")
def built_nt(tmp_path_factory) -> tuple[Paths, str]:
    paths = Paths(build_dir=tmp_path_factory.mktemp("validate") / "build")
    run_build(paths)
    return paths, (paths.build / GRAPH_NT).read_text(encoding="utf-8")
