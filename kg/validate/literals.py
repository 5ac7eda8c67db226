"""What the store engine needs to know of literals: whether a lexical form is valid for its
datatype (sh:datatype fails an ill-typed literal), and how two terms order (sh:minInclusive,
sh:lessThanOrEquals …), as pySHACL orders them over rdflib's values.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
STRINGS = {XSD + "string", RDF_LANG_STRING}
INTEGERS = {XSD + n for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
FLOATS = {XSD + "double", XSD + "float"}
NUMBERS = INTEGERS | FLOATS | {XSD + "decimal"}

# lexical forms (XML Schema 1.1 Part 2), e.g. "2027"^^xsd:gYear, "12.5"^^xsd:decimal
INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
FLOAT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN")
TIMEZONE = r"(Z|[+-][0-9]{2}:[0-9]{2})?"
GYEAR = re.compile(r"-?[0-9]{4,}" + TIMEZONE)
DATE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})" + TIMEZONE)
BOOLEAN = re.compile(r"true|false|1|0")


def _valid_date(lexical: str) -> bool:
    match = DATE.fullmatch(lexical)
    if not match:
        return False
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def _valid_datetime(lexical: str) -> bool:
    try:
        datetime.fromisoformat(lexical)
    except ValueError:
        return False
    return "T" in lexical


CHECKS = {
    XSD + "decimal": DECIMAL.fullmatch, XSD + "gYear": GYEAR.fullmatch,
    XSD + "boolean": BOOLEAN.fullmatch, XSD + "date": _valid_date,
    XSD + "dateTime": _valid_datetime,
    **{datatype: INTEGER.fullmatch for datatype in INTEGERS},
    **{datatype: FLOAT.fullmatch for datatype in FLOATS},
}


@lru_cache(maxsize=65536)
def well_formed(lexical: str, datatype: str) -> bool:
    """The lexical form is valid for the datatype (one this module knows; others pass, as in
    pySHACL)."""
    check = CHECKS.get(datatype)
    return check is None or bool(check(lexical))


def number(term) -> Decimal | float | None:
    if not isinstance(term, ox.Literal) or term.datatype.value not in NUMBERS:
        return None
    if not well_formed(term.value, term.datatype.value):
        return None
    try:
        return float(term.value) if term.datatype.value in FLOATS else Decimal(term.value)
    except (InvalidOperation, ValueError):
        return None


def is_string(term) -> bool:
    return isinstance(term, ox.Literal) and (term.language is not None
                                             or term.datatype.value in STRINGS)


def compare(left, right) -> int | None:
    """-1, 0 or 1 as `left` orders before, with or after `right`; None when they do not compare
    (a number and a string, an IRI and a number, two dates of different datatypes …)."""
    if is_string(left) and is_string(right):
        a, b = left.value, right.value
    elif (a := number(left)) is not None and (b := number(right)) is not None:
        pass
    elif (isinstance(left, ox.Literal) and isinstance(right, ox.Literal)
          and left.datatype == right.datatype
          and left.datatype.value in (XSD + "date", XSD + "dateTime", XSD + "gYear")
          and well_formed(left.value, left.datatype.value)
          and well_formed(right.value, right.datatype.value)):
        a, b = left.value, right.value   # same datatype, no time zones in this corpus: lexical order
    else:
        return None
    return (a > b) - (a < b)


def text(term) -> str | None:
    """The string sh:minLength, sh:pattern … read: a literal's lexical form, an IRI's value; a
    blank node has none."""
    if isinstance(term, ox.BlankNode):
        return None
    return term.value
