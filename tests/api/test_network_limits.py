"""A network too large to draw is a 400 that says how to narrow it, never a 500: a real server
over the five plans' build, its row cap set low (PLANKG_MAX_ROWS=20) through the environment."""
import httpx
import pytest

from tests.api.conftest import start_server, stop_server


@pytest.fixture(scope="module")
def small_cap(build_dir, tmp_path_factory):
    server = start_server(build_dir, tmp_path_factory.mktemp("capped") / "server.log", max_rows=20)
    yield server.url.removesuffix("/sparql")
    stop_server(server)


@pytest.mark.parametrize("path", ["/viz/kind/health-commission", "/viz/plan/shapingba-2025",
                                  "/api/network/plan/shapingba-2025",
                                  "/api/network/plan/shapingba-2025/stats"])
def test_a_network_over_the_row_cap_is_refused_with_how_to_narrow_it(small_cap, path):
    # 沙坪坝's plan alone names 区卫生健康委 in 19 tasks (shapingba_2025_service_system.txt
    # lines 19–42): its network has more than 20 task–body rows
    reply = httpx.get(small_cap + path, timeout=60)
    assert reply.status_code == 400, reply.text[:300]
    error = reply.json()["error"]
    assert "too large to draw" in error and "PLANKG_MAX_ROWS=20" in error and "Narrow it" in error


def test_the_default_cap_draws_the_same_network(api):
    assert api.get("/viz/plan/shapingba-2025").status_code == 200
