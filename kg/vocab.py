"""The graph's vocabulary as rdflib namespaces: pk: terms, pkid: instance IRIs, reused W3C terms.
ontology/plankg.ttl is the truth they mirror; a test checks every PK.<name> in code is declared there."""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

PK = Namespace("https://w3id.org/plankg/ontology#")
PKID = Namespace("https://w3id.org/plankg/id/")

__all__ = [
    "DCTERMS",
    "ORG",
    "OWL",
    "PK",
    "PKID",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
    "bind_prefixes",
]

# The prefixes serialisations and example queries use; nothing else is bound by us.
PREFIXES: dict[str, str] = {
    "pk": str(PK),
    "pkid": str(PKID),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "owl": str(OWL),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on `graph` (replacing any other binding of them) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
