"""/: the web UI, a SPARQL editor (YASGUI, served from the npm install in web/node_modules) with
the example queries, downloads, code snippets and links to the network views, all on one page.

The page is rendered here with Jinja2 from queries/*.rq and the store; api/static/ui/ holds the
small script that wires the editor, the results table and the URL together in the browser.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.deps import get_store
from api.execute import Failure, Job
from api.pool import QueryPool
from kg.paths import Paths
from kg.store import load_queries
from kg.vocab import PREFIXES, PKID

router = APIRouter(tags=["ui"])

API = Path(__file__).resolve().parents[1]
TEMPLATES = Jinja2Templates(directory=API / "templates")
STATIC = API / "static"
# what `npm ci` in web/ installs (Makefile); the page names these files under /static/vendor/yasgui/
YASGUI_BUILD = Paths().root / "web" / "node_modules" / "@zazuko" / "yasgui" / "build"
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")
# the result views' drawing libraries, from the same install: /static/vendor/{name}/
VIEW_LIBRARIES = {"chartjs": Paths().root / "web" / "node_modules" / "chart.js" / "dist",
                  "vis-network": Paths().root / "web" / "node_modules" / "vis-network"
                  / "standalone" / "umd"}

# A prefixed name's prefix, outside IRIs: `pk` in `?task pk:inPlan ?plan`, `pkid` in
# `pkid:plan\/shapingba-2025`, `skos` after the `/` of a path; not `https` in `<https://…>`.
PREFIX_USE = re.compile(r"(?<![\w\-.:<])([A-Za-z][\w\-]*):")
# A prefix the query declares itself: `PREFIX pk: <https://w3id.org/plankg/ontology#>`
PREFIX_DECLARATION = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w\-]*)?:", re.IGNORECASE | re.MULTILINE)

# The network views of a plan: the visualiser's /viz/plan/{plan_id}?view=…
PLAN_VIEWS = ("responsibility", "co-responsibility", "cross-plan")
PLANS = """SELECT ?plan ?title ?place WHERE {
  ?plan a pk:Plan ; dcterms:title ?title ; pk:jurisdiction ?jurisdiction .
  ?jurisdiction skos:prefLabel ?place . FILTER(LANG(?place) = "zh")
  FILTER_PHRASE
} ORDER BY ?plan LIMIT PAGE_ROWS OFFSET PAGE_START"""
# The home page lists this many plans a page (at 10,000 plans the whole list was 5 MB of page)
PLANS_PER_PAGE = 50
# Download links per kind of answer: /sparql?format=… (api/negotiation.py FORMAT_NAMES)
DOWNLOADS = {"results": (("csv", "CSV"), ("json", "JSON"), ("tsv", "TSV")),
             "graph": (("ttl", "Turtle"), ("nt", "N-Triples"), ("jsonld", "JSON-LD"))}
RESULTS_JSON = "application/sparql-results+json"
PLAN_IRI = str(PKID) + "plan/"


@dataclass(frozen=True)
class Example:
    name: str            # the file stem: 10-tasks-mentioning-phrase
    description: str     # the file's first line, without its `#`
    query: str           # the file's text with PREFIX lines for the prefixes it uses

    @property
    def href(self) -> str:
        return "/?" + urlencode({"query": self.query})


@dataclass(frozen=True)
class PlanViews:
    plan_id: str         # yongchuan-2025, as in https://w3id.org/plankg/id/plan/yongchuan-2025
    title: str
    place: str

    @property
    def links(self) -> list[tuple[str, str]]:
        """(view, href) of each network view of this plan."""
        return [(view, f"/viz/plan/{self.plan_id}?" + urlencode({"view": view}))
                for view in PLAN_VIEWS]


def with_prefix_lines(query: str) -> str:
    """`query` with a PREFIX line for each project prefix it uses and does not declare, put after
    its leading comment lines, so the text runs on any endpoint, not only on ours."""
    lines = query.splitlines()
    head = 0
    while head < len(lines) and lines[head].lstrip().startswith("#"):
        head += 1
    body = "\n".join(lines[head:])
    declared = set(PREFIX_DECLARATION.findall(body))
    used = set(PREFIX_USE.findall(body))
    missing = [p for p in PREFIXES if p in used and p not in declared]
    if not missing:
        return query
    prefix_lines = [f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing]
    return "\n".join([*lines[:head], *prefix_lines, "", *lines[head:]]) + "\n"


def examples(folder: Path) -> list[Example]:
    return [Example(name, description, with_prefix_lines(text))
            for name, (description, text) in load_queries(folder).items()]


@dataclass(frozen=True)
class PlanPage:
    """One page of the plans, with their jurisdiction's Chinese name, for the network-view links."""

    plans: list[PlanViews]
    page: int
    per_page: int
    phrase: str
    more: bool          # a page follows

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1


async def plan_views(store: QueryPool, page: int = 1, per_page: int = PLANS_PER_PAGE,
                     phrase: str = "") -> PlanPage:
    """A page of the plans in the store whose id, title or place holds `phrase` (all where it is
    empty), in id order; one row more than the page is asked for, to know whether one follows."""
    literal = json.dumps(phrase.strip(), ensure_ascii=False)   # a SPARQL string, escaped
    where = (f"FILTER(CONTAINS(STR(?plan), {literal}) || CONTAINS(STR(?title), {literal}) || "
             f"CONTAINS(STR(?place), {literal}))") if phrase.strip() else ""
    query = (PLANS.replace("FILTER_PHRASE", where).replace("PAGE_ROWS", str(per_page + 1))
             .replace("PAGE_START", str((page - 1) * per_page)))
    reply = await store.run(Job(query=query, results_type=RESULTS_JSON, graph_type=None,
                                max_rows=per_page + 1))
    if isinstance(reply, Failure):
        raise RuntimeError(f"the plan list query failed: {reply.message}")
    bindings = json.loads(reply.body)["results"]["bindings"]
    plans = [PlanViews(row["plan"]["value"].removeprefix(PLAN_IRI), row["title"]["value"],
                       row["place"]["value"]) for row in bindings]
    return PlanPage(plans[:per_page], page, per_page, phrase.strip(), len(plans) > per_page)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def index(request: Request, store: QueryPool = Depends(get_store),
                query: str | None = Query(None, description="the query to open the editor with"),
                plans_page: int = Query(1, ge=1, le=100_000, description="the page of plans listed"),
                plans_per_page: int = Query(PLANS_PER_PAGE, ge=1, le=500),
                plans_q: str = Query("", max_length=100, description="list the plans whose id, "
                                     "title or place holds this")) -> HTMLResponse:
    shown = examples(Paths().queries)
    missing = [name for name in YASGUI_FILES if not (YASGUI_BUILD / name).is_file()]
    return TEMPLATES.TemplateResponse(request, "ui/index.html", {
        "examples": shown,
        "query": query if query is not None else (shown[0].query if shown else ""),
        "plans": await plan_views(store, plans_page, plans_per_page, plans_q),
        "page_link": lambda page: _page_link(request, page),
        "downloads": DOWNLOADS,
        "prefixes": PREFIXES,
        "id_base": str(PKID),
        "yasgui_missing": missing,
    })


def _page_link(request: Request, page: int) -> str:
    """The home page's URL with another page of plans, every other parameter kept."""
    params = dict(request.query_params) | {"plans_page": str(page)}
    return "/?" + urlencode(params)


def mount_static(app: FastAPI) -> None:
    """/static/vendor/yasgui/ from the npm install, /static/ from api/static/. The vendor mount
    goes first: Starlette tries mounts in order, and /static would answer its paths with 404."""
    app.mount("/static/vendor/yasgui", StaticFiles(directory=YASGUI_BUILD, check_dir=False),
              name="yasgui")
    for name, folder in VIEW_LIBRARIES.items():
        app.mount(f"/static/vendor/{name}", StaticFiles(directory=folder, check_dir=False),
                  name=name)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
