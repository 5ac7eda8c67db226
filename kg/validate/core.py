"""SHACL Core constraints run over a pyoxigraph store: the store engine. Each property's values
are read in one pass over the store, then every focus node is checked in plain Python.

pySHACL gives the same results (tests/validate/test_core.py compares the two on every planted
defect) but walks rdflib's in-memory graph for each focus node, about 0.6 s of CPU for one plan;
here the five plans take well under a second. A result of a shape without sh:message takes its
node shape's message (ontology/shapes.ttl writes the message on the node shape when the property
shape is unnamed); pySHACL writes a generic one there.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.validate.literals import RDF_LANG_STRING, compare, text, well_formed
from kg.validate.program import Constraint, Program, Shape
from kg.validate.shapes import SEVERITIES
from kg.validate.terms import short, to_rdflib

RDF_TYPE = ox.NamedNode(str(RDF.type))
EMPTY: list = []
EMPTY_SET: frozenset = frozenset()
SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))
RDFS_LITERAL = str(RDFS.Literal)
NODE_KINDS = {
    SH.IRI: (ox.NamedNode,), SH.BlankNode: (ox.BlankNode,), SH.Literal: (ox.Literal,),
    SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode), SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
    SH.IRIOrLiteral: (ox.NamedNode, ox.Literal)}


def component(parameter: URIRef) -> URIRef:
    """sh:minCount → sh:MinCountConstraintComponent."""
    name = parameter[len(str(SH)):]
    return URIRef(f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent")


class Data:
    """The store read for validation: values by predicate, types and the class hierarchy, each
    read once when first needed."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._values: dict[tuple[ox.NamedNode, bool], dict] = {}
        self._types: dict | None = None
        self._instances: dict | None = None
        self._supers: dict = {}
        self._subclass_of: dict | None = None
        self._by_class: dict | None = None

    def index(self, path: ox.NamedNode, inverse: bool = False) -> dict:
        """Each node's values of `path` (or the nodes `path` leads to it from)."""
        key = (path, inverse)
        if key not in self._values:
            index = defaultdict(list)
            for quad in self.store.quads_for_pattern(None, path, None):
                if inverse:
                    index[quad.object].append(quad.subject)
                else:
                    index[quad.subject].append(quad.object)
            self._values[key] = dict(index)
        return self._values[key]

    def values(self, node, path: ox.NamedNode, inverse: bool = False) -> list:
        return self.index(path, inverse).get(node, EMPTY)

    def _read_types(self) -> None:
        self._types, self._instances = defaultdict(set), defaultdict(set)
        for quad in self.store.quads_for_pattern(None, RDF_TYPE, None):
            self._types[quad.subject].add(quad.object)
            self._instances[quad.object].add(quad.subject)
        self._subclass_of = defaultdict(set)
        for quad in self.store.quads_for_pattern(None, SUBCLASS_OF, None):
            self._subclass_of[quad.subject].add(quad.object)

    def superclasses(self, cls) -> set:
        """`cls` and every class it is an rdfs:subClassOf, transitively."""
        if cls not in self._supers:
            if self._types is None:
                self._read_types()
            found, todo = {cls}, [cls]
            while todo:
                for parent in self._subclass_of.get(todo.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._supers[cls] = found
        return self._supers[cls]

    def has_class(self, node, cls) -> bool:
        if isinstance(node, ox.Literal):
            return False
        if self._types is None:
            self._read_types()
        return any(cls in self.superclasses(t) for t in self._types.get(node, ()))

    def instances(self, cls) -> set:
        """The nodes of class `cls` or of any of its subclasses."""
        if self._by_class is None:
            if self._types is None:
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


class Engine:
    """Checks focus nodes against compiled shapes; `violations` gives raw results as
    (shape, focus, value or None, component)."""

    def __init__(self, data: Data):
        self._checkers: dict[int, object] = {}   # kept from one graph to the next
        self.use(data)

    def use(self, data: Data) -> Engine:
        """Check the graph of `data` from now on (what was learnt of the last one is dropped)."""
        self.data = data
        self._conforms: dict[tuple[int, object], bool] = {}
        self._checking: set[tuple[int, object]] = set()
        return self

    def conforms(self, shape: Shape, node) -> bool:
        key = (id(shape), node)
        if key not in self._conforms:
            if key in self._checking:   # a shape reached again through itself: not a failure
                return True
            self._checking.add(key)
            self._conforms[key] = not self.violations(shape, node, first_only=True)
            self._checking.discard(key)
        return self._conforms[key]

    def violations(self, shape: Shape, focus, first_only: bool = False) -> list[tuple]:
        if shape.deactivated:
            return []
        if shape.is_property:
            values = self.data.values(focus, shape.path, shape.inverse)
        else:
            values = [focus]
        found = []
        for constraint in shape.constraints:
            for value, parameter in self._check(constraint, focus, values):
                found.append((shape, focus, value, parameter))
                if first_only:
                    return found
        for prop in shape.properties:   # sh:property checks each value node (the focus node
            for value in dict.fromkeys(values):   # itself, for a node shape)
                found += self.violations(prop, value, first_only)
                if first_only and found:
                    return found
        return found

    def violations_of(self, shape: Shape, nodes) -> list[tuple]:
        """`violations` of many focus nodes, each constraint run over all of them in turn (the
        same results, without a call per node and constraint)."""
        if shape.deactivated:
            return []
        found = []
        if shape.is_property:
            index = self.data.index(shape.path, shape.inverse)
            pairs = [(node, index.get(node, EMPTY)) for node in nodes]
        else:
            pairs = [(node, [node]) for node in nodes]
        for constraint in shape.constraints:
            checker = self._checker_of(constraint)
            for node, values in pairs:
                for value, parameter in checker(node, values):
                    found.append((shape, node, value, parameter))
        if shape.properties:
            values = list(dict.fromkeys(v for _, node_values in pairs for v in node_values))
            for prop in shape.properties:
                found += self.violations_of(prop, values)
        return found

    def _checker_of(self, constraint: Constraint):
        checker = self._checkers.get(id(constraint))
        if checker is None:
            checker = self._checkers[id(constraint)] = self._checker(constraint)
        return checker

    def _check(self, constraint: Constraint, focus, values: list) -> list:
        """(value or None, component) for each failure of one constraint."""
        return self._checker_of(constraint)(focus, values)

    def _checker(self, constraint: Constraint):
        """The constraint as a function of a focus node and its value nodes, made once."""
        parameter, param = constraint.parameter, constraint.value
        name = component(parameter)
        if parameter == SH.minCount:
            return lambda focus, values: [(None, name)] if len(set(values)) < param else []
        if parameter == SH.maxCount:
            return lambda focus, values: [(None, name)] if len(set(values)) > param else []
        if parameter == SH.hasValue:
            return lambda focus, values: [] if param in values else [(None, name)]
        if parameter == SH.uniqueLang:
            return lambda focus, values: [(None, name) for _ in _shared_languages(values)]
        if parameter == SH.qualifiedValueShape:
            return self._qualified(param, *constraint.extra)
        if parameter in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
            return lambda focus, values: [
                (v, name) for v in self._pair_failures(parameter, param, focus, values)]
        test = self._value_test(constraint)
        return lambda focus, values: [(v, name) for v in dict.fromkeys(values) if not test(v)]

    def _qualified(self, shape: Shape, low: int | None, high: int | None):
        def check(focus, values) -> list:
            count = sum(self.conforms(shape, v) for v in set(values))
            failures = []
            if low is not None and count < low:
                failures.append((None, QUALIFIED_MIN))
            if high is not None and count > high:
                failures.append((None, QUALIFIED_MAX))
            return failures

        return check

    def _pair_failures(self, parameter: URIRef, other: ox.NamedNode, focus, values: list) -> list:
        others = self.data.values(focus, other)
        if parameter == SH.equals:
            return [v for v in dict.fromkeys(values + others)
                    if (v in values) != (v in others)]
        if parameter == SH.disjoint:
            return [v for v in dict.fromkeys(values) if v in others]
        strict = parameter == SH.lessThan

        def fails(value, bound) -> bool:
            order = compare(_as_string(value), _as_string(bound))
            return order is None or order > 0 or (strict and order == 0)

        return [v for v in dict.fromkeys(values) if any(fails(v, o) for o in others)]

    def _value_test(self, constraint: Constraint):
        """A test each value node must pass."""
        parameter, param = constraint.parameter, constraint.value
        if parameter == SH["class"]:
            return lambda v: self.data.has_class(v, param)
        if parameter == SH.datatype:
            return lambda v: _has_datatype(v, param.value)
        if parameter == SH.nodeKind:
            kinds = NODE_KINDS[URIRef(param.value)]
            return lambda v: isinstance(v, kinds)
        if parameter == SH["in"]:
            return lambda v: v in param
        if parameter == SH.languageIn:
            return lambda v: _language_in(v, param)
        if parameter in (SH.minLength, SH.maxLength):
            return _length_test(parameter == SH.minLength, param)
        if parameter == SH.pattern:
            pattern = _regex(param, constraint.extra)
            return lambda v: text(v) is not None and pattern.search(text(v)) is not None
        if parameter in RANGES:
            allowed = RANGES[parameter]
            return lambda v: isinstance(v, ox.Literal) and compare(v, param) in allowed
        if parameter == SH.node:
            return lambda v: self.conforms(param, v)
        if parameter == SH["not"]:
            return lambda v: not self.conforms(param, v)
        if parameter == SH["or"]:
            return lambda v: any(self.conforms(s, v) for s in param)
        if parameter == SH["and"]:
            return lambda v: all(self.conforms(s, v) for s in param)
        if parameter == SH.xone:
            return lambda v: sum(self.conforms(s, v) for s in param) == 1
        raise AssertionError(f"{parameter} was compiled but has no test")


QUALIFIED_MIN = SH.QualifiedMinCountConstraintComponent
QUALIFIED_MAX = SH.QualifiedMaxCountConstraintComponent
RANGES = {SH.minInclusive: (0, 1), SH.minExclusive: (1,), SH.maxInclusive: (-1, 0),
          SH.maxExclusive: (-1,)}


def _shared_languages(values: list) -> list[str]:
    """The language tags more than one value carries (sh:uniqueLang)."""
    tags = [v.language.lower() for v in set(values) if isinstance(v, ox.Literal) and v.language]
    return sorted({tag for tag in tags if tags.count(tag) > 1})


def _as_string(term):
    return ox.Literal(term.value) if isinstance(term, ox.NamedNode) else term


def _length_test(at_least: bool, limit: int):
    def test(value) -> bool:
        if at_least and limit == 0:
            return True
        string = text(value)
        if string is None:      # a blank node has no length
            return False
        return len(string) >= limit if at_least else len(string) <= limit

    return test


def _has_datatype(value, datatype: str) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    if datatype == RDFS_LITERAL:
        return True
    actual = RDF_LANG_STRING if value.language else value.datatype.value
    return actual == datatype and well_formed(value.value, datatype)


def _language_in(value, ranges: frozenset[str]) -> bool:
    """pySHACL's reading of sh:languageIn: the tag, or its first subtag, is listed ("*" any)."""
    if not isinstance(value, ox.Literal) or not value.language:
        return False
    tag = value.language.lower()
    return "*" in ranges or tag in ranges or tag.split("-")[0] in ranges


@lru_cache(maxsize=256)
def _regex(pattern: str, flags: str) -> re.Pattern:
    bits = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
    value = 0
    for flag in flags:
        value |= bits.get(flag, 0)
    return re.compile(pattern, value)


def _messages(shape: Shape, component_iri: URIRef) -> tuple[str, str]:
    for source in (shape, shape.owner):
        if source is not None and source.messages:
            return source.messages
    name = component_iri[len(str(SH)):].removesuffix("ConstraintComponent")
    parameter = f"sh:{name[0].lower()}{name[1:]}"
    where = ""
    if shape.path is not None:
        where = f" ({'^' if shape.inverse else ''}{short(to_rdflib(shape.path))})"
    return f"Fails {parameter}{where}.", f"不满足 {parameter}{where}。"


_engines: dict[int, tuple[Program, Engine]] = {}


def _engine(program: Program, data: Data) -> Engine:
    """One engine a program, so that its constraints' checkers are made once a process."""
    kept = _engines.get(id(program))
    if kept is None or kept[0] is not program:
        kept = _engines[id(program)] = (program, Engine(data))
    return kept[1].use(data)


def core_violations(store: ox.Store, program: Program, focus: set[Node] | None,
                    data: Data | None = None) -> list[dict]:
    """Every core-constraint result on the targets of `program`'s shapes (those in `focus`, when
    given), as the dicts kg.validate.check assembles into results. `data`: the store as already
    read by another check of the same graph."""
    data = data or Data(store)
    engine = _engine(program, data)
    wanted = None if focus is None else {ox.NamedNode(str(n)) for n in focus
                                         if isinstance(n, URIRef)}
    found = []
    for shape in program.shapes:
        if shape.deactivated:
            continue
        nodes = data.targets(shape.targets)
        if wanted is not None:
            nodes &= wanted
        for source, this, value, parameter in engine.violations_of(shape, nodes):
            found.append({
                "focus": to_rdflib(this), "value": None if value is None else to_rdflib(value),
                "path": source.path_node if source.is_property else None,
                "message": _messages(source, parameter),
                "severity": SEVERITIES[source.severity], "source_shape": source.node,
                "component": parameter})
    return found
