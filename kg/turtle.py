"""Turtle written by pyoxigraph from sorted N-Triples: the same bytes for the same graph on every
run, and far faster than rdflib's pretty printer on a corpus (1.6 M triples at 1,000 plans)."""
from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import PREFIXES, RDF


def turtle(nt: str, prefixes: dict[str, str] | None = None, sort: bool = False) -> bytes:
    """Turtle of N-Triples text; `sort` its lines first when they are not sorted already."""
    if sort:
        nt = "".join(f"{line}\n" for line in sorted(set(nt.splitlines())))
    triples = (quad.triple for quad in ox.parse(nt.encode("utf-8"),
                                                format=ox.RdfFormat.N_TRIPLES))
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                        prefixes={"rdf": str(RDF), **PREFIXES, **(prefixes or {})})
