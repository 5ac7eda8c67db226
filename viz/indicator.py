"""The indicator view: for one indicator, every plan's baselines and targets by year, as a table
and as one chart (PNG and SVG, drawn by matplotlib's Agg backend, no display needed).

Values that are not numbers (全覆盖, 稳步增长) stay in the table and are left out of the chart.
"""
from __future__ import annotations

import base64
import io
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

import matplotlib

matplotlib.use("Agg")  # before pyplot: draw to files only, on machines with no display

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from viz.render import TEMPLATES  # noqa: E402
from viz.sparql import Select, iri, last_segment  # noqa: E402

ABOUT = """
SELECT ?zh ?en ?unit WHERE {{
  BIND({indicator} AS ?i)
  OPTIONAL {{ ?i skos:prefLabel ?zh . FILTER(lang(?zh) = "zh") }}
  OPTIONAL {{ ?i skos:prefLabel ?en . FILTER(lang(?en) = "en") }}
  OPTIONAL {{ ?i pk:unit ?unit }}
}}
"""

# One row per baseline or target of the indicator, in any plan
FACTS = """
SELECT ?fact ?plan ?type ?year ?qualifier ?valueText ?comparator ?value ?min ?max ?bindingness
       ?subject WHERE {{
  BIND({indicator} AS ?indicator)
  {{ ?fact a pk:Target ; pk:targetYear ?year . BIND("target" AS ?type)
     OPTIONAL {{ ?fact pk:bindingness/skos:prefLabel ?bindingness . FILTER(lang(?bindingness) = "zh") }} }}
  UNION
  {{ ?fact a pk:Baseline ; pk:year ?year . BIND("baseline" AS ?type) }}
  ?fact pk:indicator ?indicator ; pk:inPlan ?plan .
  OPTIONAL {{ ?fact pk:valueText ?valueText }}
  OPTIONAL {{ ?fact pk:comparator ?comparator }}
  OPTIONAL {{ ?fact pk:value ?value }}
  OPTIONAL {{ ?fact pk:minValue ?min }}
  OPTIONAL {{ ?fact pk:maxValue ?max }}
  OPTIONAL {{ ?fact pk:qualifier ?qualifier }}
  OPTIONAL {{ ?fact pk:subject/skos:prefLabel ?subject . FILTER(lang(?subject) = "zh") }}
}}
ORDER BY ?plan ?qualifier ?year ?type ?fact
"""

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "Droid Sans Fallback")


@dataclass(frozen=True)
class Fact:
    plan: str                  # plan id, yongchuan-2025
    type: str                  # baseline | target
    year: int
    value_text: str            # as printed
    comparator: str = ""
    value: float | None = None
    min: float | None = None
    max: float | None = None
    bindingness: str = ""
    qualifier: str = ""        # 门诊 / 住院 …, where a row is split
    subject: str = ""          # the body a target is about, where there is one


@dataclass(frozen=True)
class IndicatorView:
    iri: str
    id: str
    zh: str
    en: str
    unit: str
    facts: list[Fact]

    @property
    def charted(self) -> list[Fact]:
        return [f for f in self.facts if f.value is not None or f.min is not None]

    def to_dict(self) -> dict:
        return {"indicator": self.iri, "id": self.id, "zh": self.zh, "en": self.en,
                "unit": self.unit, "facts": [asdict(f) for f in self.facts]}


def _number(text: str | None) -> float | None:
    try:
        return float(Decimal(text)) if text not in (None, "") else None
    except InvalidOperation:
        return None


def indicator_view(select: Select, indicator: str) -> IndicatorView:
    about = (select(ABOUT.format(indicator=iri(indicator))) or [{}])[0]
    facts = [Fact(plan=last_segment(r["plan"]), type=r["type"], year=int(r["year"][:4]),
                  value_text=r.get("valueText", ""), comparator=r.get("comparator", ""),
                  value=_number(r.get("value")), min=_number(r.get("min")),
                  max=_number(r.get("max")), bindingness=r.get("bindingness", ""),
                  qualifier=r.get("qualifier", ""), subject=r.get("subject", ""))
             for r in select(FACTS.format(indicator=iri(indicator)))]
    return IndicatorView(indicator, last_segment(indicator), about.get("zh", ""),
                         about.get("en", ""), about.get("unit", ""), facts)


def _fonts() -> list[str]:
    """DejaVu Sans for Latin text, then the first CJK font installed, for 中文 labels."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *[f for f in CJK_FONTS if f in installed][:1]]


def chart(view: IndicatorView, fmt: str) -> bytes:
    """One chart, `png` or `svg`: a line per plan (and qualifier) through its values by year;
    baselines hollow circles, targets filled triangles, ranges as vertical bars."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"chart format is png or svg, not {fmt!r}")
    series: dict[str, list[Fact]] = {}
    for fact in view.charted:
        name = fact.plan + (f" {fact.qualifier}" if fact.qualifier else "") + \
            (f" {fact.subject}" if fact.subject else "")
        series.setdefault(name, []).append(fact)
    with plt.rc_context({"font.family": _fonts(), "svg.hashsalt": "plankg",
                         "axes.unicode_minus": False}):
        figure, axes = plt.subplots(figsize=(8, 4.5), dpi=100)
        for i, (name, facts) in enumerate(sorted(series.items())):
            colour = f"C{i % 10}"
            facts = sorted(facts, key=lambda f: (f.year, f.type))
            middle = [f.value if f.value is not None else (f.min + f.max) / 2 for f in facts]
            axes.plot([f.year for f in facts], middle, color=colour, linewidth=1, label=name)
            for fact, y in zip(facts, middle):
                hollow = fact.type == "baseline"
                axes.plot([fact.year], [y], marker="o" if hollow else "^", markersize=7,
                          color=colour, markerfacecolor="white" if hollow else colour)
                if fact.min is not None and fact.max is not None:
                    axes.vlines(fact.year, fact.min, fact.max, color=colour, linewidth=3)
        axes.set_title(f"{view.zh} {view.en}".strip() + (f" ({view.unit})" if view.unit else ""))
        axes.set_xlabel("year (○ baseline, ▲ target)")
        axes.set_ylabel(view.unit or "value")
        axes.xaxis.get_major_locator().set_params(integer=True)
        if series:
            axes.legend(fontsize=8, loc="best")
        else:
            axes.text(0.5, 0.5, "no numeric value to chart", ha="center", transform=axes.transAxes)
        axes.grid(alpha=0.3)
        figure.tight_layout()
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, metadata=metadata)
        plt.close(figure)
    return out.getvalue()


def render_indicator(view: IndicatorView) -> str:
    """The indicator page: the chart (inline, as a data URI) and the table of every fact."""
    svg = base64.b64encode(chart(view, "svg")).decode("ascii")
    png = base64.b64encode(chart(view, "png")).decode("ascii")
    return TEMPLATES.get_template("indicator.html").render(view=view, svg=svg, png=png,
                                                           charted=len(view.charted))
