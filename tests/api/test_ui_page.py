"""The web UI's page as the server renders it (no browser): the example queries with their PREFIX
lines, the query from the URL, the network-view links, and the editor's files served from the
npm install in web/node_modules."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest

from api.routes.ui import YASGUI_BUILD, examples, with_prefix_lines
from kg.paths import Paths
from tests.builds import ntriples
from kg.store import load_queries

pytestmark = pytest.mark.timeout(60)

QUERIES = Paths().queries


class Page(HTMLParser):
    """The parts of the page the tests read: every link with its text, and the text of each
    element with an id (the editor's initial query)."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.texts: dict[str, str] = {}
        self._id: str | None = None
        self._link: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "a":
            self._link = attrs | {"text": ""}
            self.links.append(self._link)
        if "id" in attrs:
            self._id = attrs["id"]
            self.texts[self._id] = ""

    def handle_data(self, data):
        if self._id:
            self.texts[self._id] += data
        if self._link is not None:
            self._link["text"] += data

    def handle_endtag(self, tag):
        self._id = None
        if tag == "a":
            self._link = None


@pytest.fixture(scope="module")
def base(base_url) -> str:
    return base_url


def page(client, base, **params) -> Page:
    response = client.get(base + "/", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def test_every_example_is_one_link_away_with_its_description(client, base):
    shown = [link for link in page(client, base).links if "example" in link.get("class", "")]
    described = load_queries(QUERIES)
    assert [link["data-name"] for link in shown] == list(described)
    for link in shown:
        query = parse_qs(urlsplit(link["href"]).query)["query"][0]
        assert query.startswith("# " + described[link["data-name"]][0])


def test_example_queries_declare_the_prefixes_they_use():
    tasks_by_phrase = next(e for e in examples(QUERIES) if e.name == "10-tasks-mentioning-phrase")
    assert "PREFIX pk: <https://w3id.org/plankg/ontology#>" in tasks_by_phrase.query
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in tasks_by_phrase.query
    assert "PREFIX xsd:" not in tasks_by_phrase.query


def test_examples_with_their_prefix_lines_run_on_a_store_that_predeclares_nothing(build_dir):
    """What "copied queries run anywhere" means: a plain pyoxigraph store, no prefixes given."""
    store = ox.Store()
    store.bulk_load(ntriples(build_dir).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(path=str(Paths().ontology), format=ox.RdfFormat.TURTLE)
    for example in examples(QUERIES):
        store.query(example.query)  # a missing PREFIX is a SyntaxError here


def test_prefix_lines_go_after_the_leading_comment_and_skip_declared_ones():
    query = ("# who leads\nPREFIX pk: <https://w3id.org/plankg/ontology#>\n"
             "SELECT ?u WHERE { ?t pk:leadUnit/skos:prefLabel ?u ; "
             "pk:inPlan pkid:plan\\/shapingba-2025 . FILTER(?u != <https://x.example/a:b>) }")
    lines = with_prefix_lines(query).splitlines()
    assert lines[0] == "# who leads"
    assert lines[1:3] == ["PREFIX pkid: <https://w3id.org/plankg/id/>",
                          "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"]
    assert sum(line.startswith("PREFIX pk:") for line in lines) == 1


def test_a_query_using_no_project_prefix_is_left_as_it_is():
    query = "SELECT * WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o }"
    assert with_prefix_lines(query) == query


def test_the_query_in_the_url_opens_in_the_editor(client, base):
    query = 'SELECT ?t WHERE { ?t skos:prefLabel "健全家庭医生制度"@zh } # <b>&'
    assert page(client, base, query=query).texts["initial-query"] == query


def test_without_a_query_the_editor_opens_the_first_example(client, base):
    first = examples(QUERIES)[0]
    assert page(client, base).texts["initial-query"] == first.query


def test_each_plan_links_to_its_network_views(client, base):
    hrefs = {link.get("href") for link in page(client, base).links}
    # data/sources/manifest.yaml:6,13,20,27,34: the five plans' ids
    for plan in ("shapingba-2025", "huaying-2021", "yuzhong-2024", "yongchuan-2025",
                 "wanzhou-2022"):
        assert f"/viz/plan/{plan}" in hrefs
        for view in ("responsibility", "co-responsibility", "cross-plan"):
            assert f"/viz/plan/{plan}?view={view}" in hrefs


def test_plans_are_named_by_their_jurisdiction(client, base):
    names = {link["text"].strip(): link["href"] for link in page(client, base).links
             if link.get("class") == "plan-name"}
    # shapingba_2025_service_system.txt:2 重庆市沙坪坝区人民政府办公室;
    # yongchuan_2025_regional_center.txt:1 重庆市永川区人民政府办公室
    assert names["沙坪坝区"] == "/viz/plan/shapingba-2025"
    assert names["永川区"] == "/viz/plan/yongchuan-2025"


def test_yasgui_is_served_from_the_npm_install(client, base):
    for name in ("yasgui.min.js", "yasgui.min.css"):
        response = client.get(f"{base}/static/vendor/yasgui/{name}")
        assert response.status_code == 200
        assert response.content == (YASGUI_BUILD / name).read_bytes()


def test_the_page_loads_scripts_and_styles_only_from_this_server(client, base):
    html = client.get(base + "/").text
    for marker in ('src="http', 'href="http', 'src="//', 'href="//', "@import"):
        assert marker not in html


def test_unknown_static_file_is_404(client, base):
    assert client.get(f"{base}/static/vendor/yasgui/nothing.js").status_code == 404
    assert client.get(f"{base}/static/ui/nothing.css").status_code == 404


def test_the_plans_are_listed_a_page_at_a_time(client, base):
    """Two a page over the five plans (data/sources/manifest.yaml, in id order: huaying-2021,
    shapingba-2025, wanzhou-2022, yongchuan-2025, yuzhong-2024): three pages, linked in turn."""
    first = Page(client.get(f"{base}/?plans_per_page=2").text)
    hrefs = [link["href"] for link in first.links]
    assert "/viz/plan/huaying-2021" in hrefs and "/viz/plan/shapingba-2025" in hrefs
    assert "/viz/plan/wanzhou-2022" not in hrefs
    following = [link for link in first.links if link["text"].startswith("next")]
    assert len(following) == 1 and "plans_page=2" in following[0]["href"]
    last = Page(client.get(f"{base}/?plans_per_page=2&plans_page=3").text)
    hrefs = [link["href"] for link in last.links]
    assert "/viz/plan/yuzhong-2024" in hrefs and "/viz/plan/huaying-2021" not in hrefs
    assert not [link for link in last.links if link["text"].startswith("next")]
    assert [link for link in last.links if "previous" in link["text"]]


def test_the_plans_are_filtered_by_a_phrase(client, base):
    # 永川 is the place of yongchuan-2025 alone (manifest.yaml:27); a quote cannot break the query
    page = Page(client.get(f"{base}/", params={"plans_q": "永川"}).text)
    plans = {link["href"] for link in page.links if link["href"].startswith("/viz/plan/")
             and "?" not in link["href"]}
    assert plans == {"/viz/plan/yongchuan-2025"}
    none = client.get(f"{base}/", params={"plans_q": 'x" } DROP ALL #'})
    assert none.status_code == 200 and "No plan matches." in none.text
