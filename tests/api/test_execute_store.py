"""The small store tests/api/test_execute.py queries: terms chosen to be hard to write back."""
from __future__ import annotations

import pyoxigraph as ox

from kg.store import EmbeddedStore

EX = "http://example.org/"
P, Q = ox.NamedNode(EX + "p"), ox.NamedNode(EX + "q")
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# (subject kind, object) of each <q> triple
STORE_TERMS = [
    ("uri", ox.Literal("tab\there, newline\nthere, \"quoted\", back\\slash")),
    ("uri", ox.Literal("重庆市卫生健康委员会", language="zh")),
    ("bnode", ox.Literal("42", datatype=INTEGER)),
    ("uri", ox.Literal("line\r\nend")),
]
# three solutions, "a" "b" "c" in that order
ONE_COLUMN = f"SELECT ?o WHERE {{ ?s <{P.value}> ?o }} ORDER BY ?o"


class _Loaded(EmbeddedStore):
    def __init__(self, store: ox.Store):  # the store built here, not loaded from a build
        self.store = store


def small_store() -> EmbeddedStore:
    store = ox.Store()
    for n, letter in enumerate("cab"):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{n}"), P, ox.Literal(letter)))
    for n, (kind, term) in enumerate(STORE_TERMS):
        subject = ox.BlankNode(f"b{n}") if kind == "bnode" else ox.NamedNode(f"{EX}t{n}")
        store.add(ox.Quad(subject, Q, term))
    return _Loaded(store)
