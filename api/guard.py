"""What /sparql refuses before anything runs: updates (the endpoint is read-only), SERVICE
(federated queries would make the server fetch URLs chosen by the client), and brackets nested
deeper than any query needs (pyoxigraph's parser recurses, and a few thousand levels overflow
its stack: the worker dies).

pyoxigraph evaluates SERVICE by opening an HTTP connection itself, so refusing must happen here,
on the text. A small lexer skips what can hide a word (comments, strings, IRIs, variables,
prefixed names, language tags) and looks at the bare keywords that remain.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# One token of SPARQL text. Order matters: long strings before short ones, IRIs before `<` as an
# operator, prefixed names (`pk:service`, `_:b0`) before bare words.
TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:[^\W\d][\w.\-\u00B7]*)?:(?:[\w.\-:%\u00B7]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# \u0053ERVICE is SERVICE: SPARQL allows code point escapes anywhere in a query string
CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
# brackets ({ ( [) deep at most: the deepest of queries/*.rq and api/rq/*.rq is 7; pyoxigraph
# 0.5's parser overflows a worker's stack at ~2,500 nested groups
MAX_NESTING = 100
OPENING, CLOSING = "{([", "})]"
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                   "WITH"}


class QueryRefused(ValueError):
    """A request /sparql will not run, with the reason to give the client."""


class UpdateRefused(QueryRefused):
    """SPARQL Update sent to the read-only endpoint."""


class ServiceRefused(QueryRefused):
    """A federated query (SERVICE), which would make the server open outbound connections."""


class NestingRefused(QueryRefused):
    """Brackets nested deeper than MAX_NESTING."""


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each significant token; whitespace and comments are dropped."""
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group()


def unescape_codepoints(text: str) -> str:
    def replace(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()
    return CODEPOINT_ESCAPE.sub(replace, text)


Token = tuple[str, str]


def query_form(text: str) -> str | None:
    """The first keyword after the prologue (BASE/PREFIX): SELECT, ASK, INSERT …; None if none."""
    return _form(tokens(text))


def _form(significant) -> str | None:
    expecting = None  # what the prologue declaration being read still needs
    for kind, value in significant:
        if expecting:
            if kind == expecting[0]:
                expecting = expecting[1:]
                continue
            return None  # a broken prologue: the parser will say where
        keyword = value.upper() if kind == "word" else None
        if keyword == "BASE":
            expecting = ("iri",)
        elif keyword == "PREFIX":
            expecting = ("pname", "iri")
        else:
            return keyword
    return None


def nesting(text: str) -> int:
    """How deep the brackets outside strings, IRIs and comments nest."""
    return _nesting(tokens(text))


def _nesting(significant) -> int:
    depth = deepest = 0
    for kind, value in significant:
        if kind == "other" and value in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "other" and value in CLOSING:
            depth -= 1
    return deepest


def check_read_only(text: str) -> str | None:
    """Refuse updates, SERVICE and brackets nested too deep; otherwise return the query form
    (None if unrecognisable, which the parser will then reject with a position)."""
    # Read the text both as sent and with code point escapes applied, refusing if either
    # reading finds something: an escape can turn a quote or a keyword into plain text. Each
    # reading is tokenised once (the lexer is most of the guard's time).
    readings = [list(tokens(text))]
    if (unescaped := unescape_codepoints(text)) != text:
        readings.append(list(tokens(unescaped)))
    for significant in readings:
        if (depth := _nesting(significant)) > MAX_NESTING:
            raise NestingRefused(f"brackets nested {depth} deep; at most {MAX_NESTING} are "
                                 "accepted (write the query flatter)")
    for significant in readings:
        form = _form(significant)
        if form in UPDATE_KEYWORDS:
            raise UpdateRefused(f"{form} is SPARQL Update; this endpoint is read-only and "
                                "answers queries only (SELECT, ASK, CONSTRUCT, DESCRIBE)")
    for significant in readings:
        if any(kind == "word" and value.upper() == "SERVICE" for kind, value in significant):
            raise ServiceRefused("SERVICE (federated query) is not allowed: this endpoint makes "
                                 "no outbound requests")
    return _form(readings[0])
