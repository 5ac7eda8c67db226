"""The shapes the API reads and writes, apart from the code that fills them."""
from __future__ import annotations

from pydantic import BaseModel, Field


class SparqlRequest(BaseModel):
    """A SPARQL 1.1 Protocol query operation, however it was sent (GET, form POST, direct POST)."""

    query: str
    default_graph_uris: list[str] = Field(default_factory=list)  # default-graph-uri
    named_graph_uris: list[str] = Field(default_factory=list)    # named-graph-uri


class ErrorBody(BaseModel):
    """Every error response: a reason, and where it applies the query position or the offer."""

    error: str
    line: int | None = None       # 1-based, as pyoxigraph reports it
    column: int | None = None     # 1-based, in characters
    offered: list[str] | None = None  # on 406: the media types this answer can take
    # on 503 from admission control: queue-full (every worker busy, the queue full) or
    # queue-deadline (waited in the queue past its deadline); come back after Retry-After
    refused: str | None = None
