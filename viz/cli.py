"""The `viz` and `network` commands, added to a Typer app by `register(app)`: thin, they read the
graph through the embedded store (SPARQL only), call viz's functions, and write or print."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from viz import MAX_NODES

console = Console()
errors = Console(stderr=True)

PLAN_HELP = "A plan id or any part of its title (渝中); repeat for several; none: every plan."
STAT_FORMATS = ("table", "csv", "json")


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _select():
    """A Select over the built graph, or a clear exit when there is none."""
    from kg.paths import Paths
    from kg.store import EmbeddedStore, GraphNotBuilt
    from viz.sparql import embedded_select

    try:
        return embedded_select(EmbeddedStore(Paths()))
    except GraphNotBuilt as error:
        _fail(str(error))


def _user_errors() -> tuple[type[Exception], ...]:
    from viz.catalogue import AmbiguousName, UnknownName
    from viz.views import UnknownView

    return UnknownName, AmbiguousName, UnknownView, ValueError


def register(app: typer.Typer) -> None:
    network = typer.Typer(help="Statistics and exports of responsibility networks.",
                          no_args_is_help=True)
    app.add_typer(network, name="network")

    @app.command()
    def viz(plan: list[str] = typer.Option([], "--plan", "-p", help=PLAN_HELP),
            view: str = typer.Option("responsibility", help="responsibility | co-responsibility "
                                                            "| cross-plan"),
            unit: str = typer.Option(None, help="Only the tasks of this body (a printed name, "
                                                "or its IRI path yuzhong/health-commission)."),
            kind: str = typer.Option(None, help="Only the tasks of bodies of this kind "
                                                "(medical-insurance-bureau, 医疗保障局)."),
            institutions: bool = typer.Option(False, help="Also draw the institutions task "
                                                          "texts name (responsibility view)."),
            indicator: str = typer.Option(None, help="Draw this indicator's baselines and "
                                                     "targets instead (id or printed name)."),
            max_nodes: int = typer.Option(MAX_NODES, min=1, help="Fold the network into counts "
                                                                 "above this many nodes."),
            output: Path = typer.Option(..., "--output", "-o", dir_okay=False,
                                        help="The HTML file to write (an indicator also "
                                             "writes FILE.png and FILE.svg beside it).")) -> None:
        """Write a self-contained HTML page of a plan's network (opens offline from the file)."""
        from viz.indicator import chart, indicator_view, render_indicator
        from viz.render import render_network
        from viz.views import network_page

        select = _select()
        try:
            if indicator:
                from viz.catalogue import find_indicator

                found = indicator_view(select, find_indicator(select, indicator))
                output.write_text(render_indicator(found), encoding="utf-8")
                for fmt in ("png", "svg"):
                    output.with_suffix(f".{fmt}").write_bytes(chart(found, fmt))
                console.print(f"wrote {output} ({len(found.facts)} baselines and targets) and "
                              f"its chart as .png and .svg")
                return
            page = network_page(select, plan, view, unit, kind, institutions, max_nodes)
        except _user_errors() as error:
            _fail(str(error))
        output.write_text(render_network(page), encoding="utf-8")
        console.print(f"wrote {output}: {page.graph.number_of_nodes()} nodes, "
                      f"{page.graph.number_of_edges()} links", highlight=False)
        if page.notice:
            errors.print(f"[yellow]folded:[/] {page.notice}", highlight=False)

    @network.command()
    def stats(plan: list[str] = typer.Option([], "--plan", "-p", help=PLAN_HELP),
              format: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
              top: int = typer.Option(10, min=1, help="How many densest pairs to list.")) -> None:
        """Per body: tasks led and shared, partners, weighted degree, betweenness, eigenvector
        centrality; densest pairs; communities; for each plan and across them."""
        from viz import catalogue
        from viz.networks import responsibility_network
        from viz.stats import network_stats

        if format not in STAT_FORMATS:
            _fail(f"--format is one of {', '.join(STAT_FORMATS)}, not {format!r}")
        select = _select()
        try:
            plans = catalogue.find_plans(select, plan)
        except _user_errors() as error:
            _fail(str(error))
        results = {p.id: network_stats(responsibility_network(select, [p]), top) for p in plans}
        if len(plans) > 1:
            results["all"] = network_stats(responsibility_network(select, plans), top)
        if format == "json":
            sys.stdout.write(json.dumps({k: v.to_dict() for k, v in results.items()},
                                        ensure_ascii=False, indent=2) + "\n")
        elif format == "csv":
            sys.stdout.write(_stats_csv(results))
        else:
            for scope, found in results.items():
                _print_stats(scope, found)

    @network.command()
    def export(plan: list[str] = typer.Option([], "--plan", "-p", help=PLAN_HELP),
               view: str = typer.Option("responsibility", help="responsibility | "
                                                               "co-responsibility | cross-plan"),
               institutions: bool = typer.Option(False, help="Include institutions named."),
               format: str = typer.Option(None, "--format", "-f", help="graphml | gexf | csv "
                                                                       "(default: from -o)"),
               output: Path = typer.Option(..., "--output", "-o", dir_okay=False)) -> None:
        """Write a network as GraphML or GEXF (for Gephi) or as a CSV edge list."""
        from viz import catalogue
        from viz.stats import EXPORT_FORMATS
        from viz.stats import export as write
        from viz.views import build_network

        fmt = format or output.suffix.lstrip(".").lower()
        if fmt not in EXPORT_FORMATS:
            _fail(f"--format is one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        select = _select()
        try:
            graph = build_network(select, catalogue.find_plans(select, plan), view,
                                  institutions=institutions)
        except _user_errors() as error:
            _fail(str(error))
        output.write_bytes(write(graph, fmt))
        console.print(f"wrote {output}: {graph.number_of_nodes()} nodes, "
                      f"{graph.number_of_edges()} links", highlight=False)


def _stats_csv(results: dict) -> str:
    """One row per body and scope (a plan id, or `all` for the plans together)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["scope", "body", "name", "kind", "tasks_led", "tasks_shared", "partners",
                     "weighted_degree", "betweenness", "eigenvector", "community"])
    for scope, found in results.items():
        community = {b: i for i, members in enumerate(found.communities) for b in members}
        for s in found.bodies:
            writer.writerow([scope, s.body, s.name, s.kind, s.tasks_led, s.tasks_shared,
                             s.partners, s.weighted_degree, s.betweenness, s.eigenvector,
                             community.get(s.body, "")])
    return out.getvalue()


def _print_stats(scope: str, found) -> None:
    table = Table("body", "kind", "led", "shared", "partners", "weighted", "betweenness",
                  "eigenvector", title=f"{scope}: bodies")
    for s in found.bodies:
        table.add_row(s.name, s.kind, str(s.tasks_led), str(s.tasks_shared), str(s.partners),
                      str(s.weighted_degree), f"{s.betweenness:.3f}", f"{s.eigenvector:.3f}")
    console.print(table)
    pairs = Table("body", "body", "shared tasks", title=f"{scope}: densest pairs")
    for p in found.pairs:
        pairs.add_row(p.a_name, p.b_name, str(p.shared))
    console.print(pairs)
    names = {s.body: s.name for s in found.bodies}
    for i, members in enumerate(found.communities, 1):
        console.print(f"community {i}: " + "、".join(names.get(m, m) for m in members),
                      highlight=False)
