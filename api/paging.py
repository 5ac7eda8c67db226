"""Pages of the REST lists: `limit` and `offset` parameters, the page's LIMIT/OFFSET written into
the query (api/reader.py), and the `Link: <…>; rel="next"` header naming the next page.

A page query asks for one item more than `limit`: if it comes back, there is a next page, and
the extra item is dropped. The answer stays the JSON list it always was; the paging is in headers.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Query, Request, Response

# At 5 plans every list is whole in one default page (160 bodies, 162 indicators, 199 targets);
# at 1,000 plans a default page of bodies is read in well under the time limit (docs/reliability.md)
DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000
NEXT_HEADER = "Link"

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page:
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def asked(self) -> int:
        """The items a page query reads: one past the page, to tell whether another follows."""
        return self.limit + 1


async def page(limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, examples=[DEFAULT_LIMIT],
                            description=f"at most this many items (1–{MAX_LIMIT})"),
         offset: int = Query(0, ge=0, le=MAX_OFFSET, examples=[0],
                             description="items skipped before the first one answered; the "
                                         "`Link` header's `rel=\"next\"` gives the next page")
         ) -> Page:
    """What a paged route receives with Depends."""
    return Page(limit, offset)


def answer(items: Sequence[Item], paging: Page, request: Request,
           response: Response) -> list[Item]:
    """The page's items (the one read past it dropped) and, if another page follows, the
    `Link` header naming it: the request's own path and query with offset moved on."""
    if len(items) > paging.limit:
        following = request.url.include_query_params(offset=paging.offset + paging.limit,
                                                     limit=paging.limit)
        response.headers[NEXT_HEADER] = f'<{following.path}?{following.query}>; rel="next"'
    return list(items[:paging.limit])


# The OpenAPI description of a paged list's 200 answer (its header)
PAGED = {200: {"headers": {NEXT_HEADER: {
    "description": "the next page, present only when one follows: "
                   "`</api/organizations?name=卫生健康&offset=200&limit=200>; rel=\"next\"`",
    "schema": {"type": "string"}}}}}
