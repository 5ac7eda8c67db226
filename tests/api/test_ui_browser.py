"""The web UI in headless Chromium against a live server: pick an example, run it, read the rows,
follow a result link; the query in the URL; no request leaving the server; Chinese in a CJK
face; snippets and downloads that really run the query.

The expected rows come from shapingba_2025_service_system.txt line 29: task 9 "健全家庭医生制度",
the only task of the five plans that mentions "家医服务站" (…建成红岩家医服务站90个…)."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser import screenshot_path

pytestmark = pytest.mark.timeout(120)

EXAMPLE = "10-tasks-mentioning-phrase"
TITLE = "健全家庭医生制度"                      # shapingba_2025_service_system.txt:29
TASK_PAGE = "/id/task/shapingba-2025/9"      # task 9 of that plan (the line's "9.")
RESULT_ROWS = ".yasr table.dataTable tbody tr"
EDITOR_VALUE = "document.querySelector('#yasqe .CodeMirror').CodeMirror.getValue()"


@pytest.fixture(scope="module")
def base(base_url) -> str:
    return base_url


@pytest.fixture
def requests_made(page) -> Iterator[list[str]]:
    """Every URL the page's browser context asks for, from any frame or worker."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    yield urls


def editor_query(page) -> str:
    return page.evaluate(EDITOR_VALUE)


def url_query(page) -> str:
    return parse_qs(urlsplit(page.url).query)["query"][0]


def run_example(page, base: str) -> None:
    page.goto(base + "/")
    page.click(f"a.example[data-name='{EXAMPLE}']")
    page.wait_for_selector(RESULT_ROWS)


def test_pick_an_example_run_it_and_follow_a_result_link(page, base):
    page.goto(base + "/")
    page.fill("#example-search", "full-text search")
    visible = page.locator("#examples li:visible a.example")
    assert visible.count() == 1
    assert visible.get_attribute("data-name") == EXAMPLE

    visible.click()
    page.wait_for_selector(RESULT_ROWS)
    rows = page.locator(RESULT_ROWS)
    assert rows.count() == 1
    assert TITLE in rows.first.inner_text()

    task_link = rows.first.locator("a.iri", has_text="task/shapingba-2025/9")
    assert task_link.get_attribute("href") == TASK_PAGE
    assert task_link.get_attribute("title") == "https://w3id.org/plankg/id/task/shapingba-2025/9"
    page.screenshot(path=screenshot_path("ui-example-results"), full_page=True)

    task_link.click()  # the /id/ pages are served by the REST layer; here only the path counts
    page.wait_for_url(base + TASK_PAGE)


def test_the_url_holds_the_query_and_a_reload_restores_it(page, base):
    run_example(page, base)
    query = editor_query(page)
    assert "BIND(\"家医服务站\" AS ?phrase)" in query
    assert url_query(page) == query

    page.reload()
    page.wait_for_selector("#yasqe .CodeMirror")
    assert editor_query(page) == query

    page.goto(page.url)  # the same link opened afresh, as someone it was sent to would
    page.click("#run")
    page.wait_for_selector(RESULT_ROWS)
    assert TITLE in page.locator(RESULT_ROWS).first.inner_text()


def test_editing_the_query_updates_the_url(page, base):
    page.goto(base + "/")
    page.click("#yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# 家医")
    page.wait_for_function("new URL(location.href).searchParams.get('query').endsWith('# 家医')")
    assert url_query(page) == editor_query(page)


def test_no_request_leaves_the_server(page, base, requests_made):
    run_example(page, base)
    # asking for completion (Ctrl+Space) where YASQE would fetch properties and classes from
    # lov.linkeddata.es, and typing a prefix it could look up on prefix.cc
    page.goto(base + "/?query=")  # an empty editor: the completers look at a valid query
    page.click("#yasqe .CodeMirror")
    page.keyboard.type("SELECT * WHERE { ?s skos:pref")
    page.keyboard.press("Control+Space")
    page.keyboard.type(" ?o . ?s a pkid:Ta")
    page.keyboard.press("Control+Space")
    page.keyboard.type(" . ?s dcat:")
    page.wait_for_timeout(500)
    assert "PREFIX skos:" in editor_query(page)  # the completers were at work
    page.reload()
    page.wait_for_load_state("networkidle")
    assert requests_made, "the recorder saw nothing"
    outside = [url for url in requests_made if not url.startswith(base + "/")]
    assert outside == []
    assert base + "/static/vendor/yasgui/yasgui.min.js" in requests_made


def test_typing_a_project_prefix_declares_it(page, base):
    page.goto(base + "/?query=")
    page.click("#yasqe .CodeMirror")
    page.keyboard.type("SELECT * WHERE { ?s pk:")
    page.wait_for_function(f"{EDITOR_VALUE}.includes('PREFIX pk:')")
    assert "PREFIX pk: <https://w3id.org/plankg/ontology#>" in editor_query(page)


def test_chinese_text_is_drawn_in_a_simplified_chinese_face(page, base):
    """Chromium reports the faces it drew a node's glyphs with: the title's Han characters must
    come from a Simplified Chinese face (Noto Sans CJK SC here), not from a fallback box."""
    run_example(page, base)
    assert page.locator("td span.nonIri").all_inner_texts() == [f'"{TITLE}"@zh']
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "td span.nonIri"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    han = [font["familyName"] for font in fonts if font["glyphCount"] >= len(TITLE)]
    assert any(name.endswith(" SC") for name in han), fonts


def test_snippets_hold_the_query_and_run_it(page, base):
    run_example(page, base)
    query = editor_query(page)
    python = page.locator("#snippet-python").text_content()
    curl = page.locator("#snippet-curl").text_content()
    assert query in python
    assert query in curl
    assert f'SPARQLWrapper("{base}/sparql")' in python

    ran = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True,
                         timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert TITLE in ran.stdout and "https://w3id.org/plankg/id/task/shapingba-2025/9" in ran.stdout

    if shutil.which("curl") is None:
        pytest.skip("curl is not installed: the curl snippet cannot be run here")
    ran = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert [row["title"] for row in csv.DictReader(io.StringIO(ran.stdout))] == [TITLE]


def test_download_links_fetch_the_results_in_each_format(page, base, client):
    run_example(page, base)
    links = page.locator(".downloads[data-kind=results] a")
    hrefs = {link.inner_text(): link.get_attribute("href") for link in links.all()}
    assert set(hrefs) == {"CSV", "JSON", "TSV"}
    assert page.locator(".downloads[data-kind=graph]").is_hidden()

    csv_answer = client.get(base + hrefs["CSV"])
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert [row["title"] for row in csv.DictReader(io.StringIO(csv_answer.text))] == [TITLE]
    json_answer = client.get(base + hrefs["JSON"]).json()
    assert [b["title"]["value"] for b in json_answer["results"]["bindings"]] == [TITLE]
    tsv_answer = client.get(base + hrefs["TSV"])
    assert tsv_answer.headers["content-type"].startswith("text/tab-separated-values")
    assert f'"{TITLE}"@zh' in tsv_answer.text


def test_a_construct_query_offers_rdf_downloads(page, base):
    construct = "CONSTRUCT WHERE { ?task skos:prefLabel \"健全家庭医生制度\"@zh }"
    page.goto(base + "/?" + urlencode({"query": construct}))
    page.wait_for_selector(".downloads[data-kind=graph]:not([hidden])")
    assert page.locator(".downloads[data-kind=results]").is_hidden()
    labels = page.locator(".downloads[data-kind=graph] a").all_inner_texts()
    assert labels == ["Turtle", "N-Triples", "JSON-LD"]
