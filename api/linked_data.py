"""What a linked-data page shows, apart from how it is drawn: a resource's labels, its statements
with links, the statements pointing at it, and the source lines it was read from; and which
representation (HTML, Turtle, JSON-LD, N-Triples) a client's Accept header asks for."""
from __future__ import annotations

from dataclasses import dataclass, field

from api.excerpts import numbered_lines
from api.negotiation import parse_accept
from api.reader import GraphReader
from kg.vocab import PKID, PREFIXES

HTML = "text/html"
# In order of preference: a client that accepts anything (curl's */*) gets Turtle; a browser
# names text/html and gets the page.
OFFERED = ("text/turtle", "application/ld+json", "application/n-triples", HTML)
ALIASES = {"application/x-turtle": "text/turtle", "application/turtle": "text/turtle",
           "application/json": "application/ld+json", "application/xhtml+xml": HTML}
CONTENT_TYPES = {"text/turtle": "text/turtle; charset=utf-8",
                 "application/n-triples": "application/n-triples; charset=utf-8",
                 "application/ld+json": "application/ld+json"}

ONTOLOGY = "https://w3id.org/plankg/ontology"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABELS = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://purl.org/dc/terms/title",
          "http://www.w3.org/2000/01/rdf-schema#label"}
COMPACT = {"rdf": RDF, **{p: iri for p, iri in PREFIXES.items() if p != "pkid"}}


def choose(accept: str | None, offered: tuple[str, ...] = OFFERED) -> str | None:
    """The representation to answer with, or None if the client accepts none of `offered`: the
    highest q of the most specific matching range (RFC 9110 §12.5.1), ties to `offered` order."""
    ranges = [(ALIASES.get(name, name), q) for name, q in parse_accept(accept)]
    if not ranges:
        return offered[0]

    def quality(media: str) -> float:
        best, rank = 0.0, -1
        for name, q in ranges:
            specific = 2 if name == media else 1 if name == media.split("/")[0] + "/*" \
                else 0 if name == "*/*" else -1
            if specific > rank:
                best, rank = q, specific
        return best

    q, _, media = max((quality(m), -i, m) for i, m in enumerate(offered))
    return media if q > 0 else None


@dataclass
class Link:
    """A term as the page shows it: text, where it links to, and a tag (language or datatype)."""

    text: str
    href: str | None = None
    tag: str | None = None
    secondary: str | None = None   # the English label beside a Chinese one


@dataclass
class Statement:
    property: Link
    values: list[Link] = field(default_factory=list)


@dataclass
class Excerpt:
    file: str
    start: int
    end: int
    href: str | None
    lines: list[tuple[int, str]]
    start_location: str | None = None   # where the lines are in a PDF, DOCX or HTML plan
    end_location: str | None = None


@dataclass
class Page:
    iri: str
    label_zh: str | None
    label_en: str | None
    types: list[Link]
    statements: list[Statement]
    inbound: list[Statement]
    excerpts: list[Excerpt]
    inbound_capped: bool = False


def href(iri: str) -> str:
    """Where a link to `iri` goes: this server for pkid: and pk: IRIs, the IRI itself otherwise."""
    if iri.startswith(str(PKID)):
        return "/id/" + iri[len(str(PKID)):]
    if iri == ONTOLOGY or iri.startswith(ONTOLOGY + "#"):
        return "/ontology" + iri[len(ONTOLOGY):]
    return iri


def compact(iri: str) -> str:
    if iri.startswith(str(PKID)):
        return iri[len(str(PKID)):]
    for prefix, namespace in COMPACT.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def term(binding: dict, zh: dict | None = None, en: dict | None = None) -> Link:
    if binding["type"] == "uri":
        iri = binding["value"]
        label = zh["value"] if zh else None
        return Link(text=label or compact(iri), href=href(iri),
                    secondary=en["value"] if en and en["value"] != label else None,
                    tag=compact(iri) if label else None)
    if binding["type"] == "bnode":
        return Link(text="(blank node)")
    datatype = binding.get("datatype")
    return Link(text=binding["value"], tag=binding.get("xml:lang")
                or (compact(datatype) if datatype else None))


def _statements(rows: list[dict], value: str, zh: str, en: str) -> list[Statement]:
    """Rows of resource-out/-in, one per (property, term, label), folded per property."""
    by_property: dict[str, Statement] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        p = row["p"]["value"]
        key = (p, row[value]["value"])
        if key in seen:
            continue
        seen.add(key)
        statement = by_property.setdefault(p, Statement(Link(
            compact(p), href(p), secondary=row.get("pLabel", {}).get("value"))))
        statement.values.append(term(row[value], row.get(zh), row.get(en)))
    return list(by_property.values())


async def page(reader: GraphReader, resource) -> Page | None:
    """Everything the page of `resource` (a pyoxigraph NamedNode) shows; None if the graph
    neither says anything about it nor points at it."""
    out = await reader.bindings("resource-out", resource=resource)
    inbound = await reader.bindings("resource-in", resource=resource)
    if not out and not inbound:
        return None
    spans = await reader.rows("resource-spans", resource=resource)
    labels: dict[str, str] = {}
    for row in out:
        if row["p"]["value"] in LABELS and row["o"]["type"] == "literal":
            lang = row["o"].get("xml:lang", "zh")
            labels.setdefault(lang, row["o"]["value"])
    statements = _statements(out, "o", "oZh", "oEn")
    types = next((s.values for s in statements if s.property.text == "rdf:type"), [])
    excerpts = [Excerpt(s["file"], s["start"], s["end"], href(s["span"]),
                        numbered_lines(s["file"], s["start"], s["end"], build=reader.build),
                        s.get("startLocation"), s.get("endLocation"))
                for s in {s["span"]: s for s in spans}.values()]
    return Page(iri=resource.value, label_zh=labels.get("zh"), label_en=labels.get("en"),
                types=types, statements=[s for s in statements if s.property.text != "rdf:type"],
                inbound=_statements(inbound, "s", "sZh", "sEn"), excerpts=excerpts,
                inbound_capped=len(inbound) >= 2000)
