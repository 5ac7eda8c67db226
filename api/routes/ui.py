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
} ORDER BY ?plan"""
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


async def plan_views(store: QueryPool) -> list[PlanViews]:
    """Every plan in the store, with its jurisdiction's Chinese name, for the network-view links."""
    reply = await store.run(Job(query=PLANS, results_type=RESULTS_JSON, graph_type=None,
                                max_rows=1000))
    if isinstance(reply, Failure):
        raise RuntimeError(f"the plan list query failed: {reply.message}")
    bindings = json.loads(reply.body)["results"]["bindings"]
    return [PlanViews(row["plan"]["value"].removeprefix(PLAN_IRI), row["title"]["value"],
                      row["place"]["value"]) for row in bindings]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def index(request: Request, store: QueryPool = Depends(get_store),
                query: str | None = Query(None, description="the query to open the editor with")
                ) -> HTMLResponse:
    shown = examples(Paths().queries)
    missing = [name for name in YASGUI_FILES if not (YASGUI_BUILD / name).is_file()]
    return TEMPLATES.TemplateResponse(request, "ui/index.html", {
        "examples": shown,
        "query": query if query is not None else (shown[0].query if shown else ""),
        "plans": await plan_views(store),
        "downloads": DOWNLOADS,
        "prefixes": PREFIXES,
        "id_base": str(PKID),
        "yasgui_missing": missing,
    })


def mount_static(app: FastAPI) -> None:
    """/static/vendor/yasgui/ from the npm install, /static/ from api/static/. The vendor mount
    goes first: Starlette tries mounts in order, and /static would answer its paths with 404."""
    app.mount("/static/vendor/yasgui", StaticFiles(directory=YASGUI_BUILD, check_dir=False),
              name="yasgui")
    for name, folder in VIEW_LIBRARIES.items():
        app.mount(f"/static/vendor/{name}", StaticFiles(directory=folder, check_dir=False),
                  name=name)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
