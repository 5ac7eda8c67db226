"""The focus nodes of a shape's targets (sh:targetClass with rdfs:subClassOf, sh:targetNode,
sh:targetSubjectsOf, sh:targetObjectsOf) read from a pyoxigraph store, for the SPARQL-based
constraints (kg.validate.sparql): the types and the class hierarchy are read once a graph."""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SH

RDF_TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))
EMPTY_SET: frozenset = frozenset()


class Data:
    """The store read for validation: types and the class hierarchy, read when first needed."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._instances: dict | None = None
        self._subclass_of: dict = {}
        self._supers: dict = {}
        self._by_class: dict | None = None

    def _read_types(self) -> None:
        self._instances = defaultdict(set)
        for quad in self.store.quads_for_pattern(None, RDF_TYPE, None):
            self._instances[quad.object].add(quad.subject)
        self._subclass_of = defaultdict(set)
        for quad in self.store.quads_for_pattern(None, SUBCLASS_OF, None):
            self._subclass_of[quad.subject].add(quad.object)

    def superclasses(self, cls) -> set:
        """`cls` and every class it is an rdfs:subClassOf, transitively."""
        if cls not in self._supers:
            if self._instances is None:
                self._read_types()
            found, todo = {cls}, [cls]
            while todo:
                for parent in self._subclass_of.get(todo.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._supers[cls] = found
        return self._supers[cls]

    def instances(self, cls) -> set:
        """The nodes of class `cls` or of any of its subclasses."""
        if self._by_class is None:
            if self._instances is None:
                self._read_types()
            self._by_class = defaultdict(set)
            for kind, nodes in self._instances.items():
                for parent in self.superclasses(kind):
                    self._by_class[parent] |= nodes
        return self._by_class.get(cls, EMPTY_SET)

    def targets(self, targets) -> set:
        """The nodes of (sh:targetClass, pk:Task) … pairs, values as pyoxigraph terms."""
        nodes = set()
        for kind, value in targets:
            if kind == SH.targetNode:
                nodes.add(value)
            elif kind == SH.targetClass:
                nodes |= self.instances(value)
            elif kind == SH.targetSubjectsOf:
                nodes.update(q.subject for q in self.store.quads_for_pattern(None, value, None))
            elif kind == SH.targetObjectsOf:
                nodes.update(q.object for q in self.store.quads_for_pattern(None, value, None))
        return nodes
