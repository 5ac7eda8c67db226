"""A synthetic corpus of 20 plans, written and built once for the module that needs it."""
import time

import pytest

from kg.paths import Paths
from kg.build import run_build
from kg.synth import write_corpus

PLANS = 20
SEED = 1


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The corpus folder, the generator's account of each plan, and the build result."""
    folder = tmp_path_factory.mktemp("synth") / "corpus"
    written = write_corpus(PLANS, SEED, folder)
    started = time.perf_counter()
    result = run_build(Paths.corpus(folder), strict=True)
    result.seconds = time.perf_counter() - started
    return folder, written, result
