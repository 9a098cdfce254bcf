"""The v2 paths Bsale's webhooks name (`/v2/products/952.json`, `/v2/variants/7079.json`,
`/v2/price_lists/2/details.json?variant=7079`, `/v2/stocks.json?variant=7079&office=1`).

Their shape is not documented: the v1 representation inside v2's `{"code": 200, "data": ...}`
envelope, lists with `count`, `limit` and `offset`.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.http.query import page_bounds
from mockbsale.resources.listing import select
from mockbsale.resources.registry import REGISTRY, register_route
from mockbsale.resources.render import render

OK = 200


def one(resource_name: str) -> Any:
    """`GET /v2/<resource>/{id}.json`."""

    def handler(ctx: Ctx, request: Request) -> dict[str, Any]:
        resource = REGISTRY[resource_name]
        row = ctx.table(resource.table).get(int(ctx.path_params["id"]))
        if row is None:
            raise not_found()
        return {"code": OK, "data": render(ctx, resource, row)}

    return handler


def listing(resource_name: str, filters: dict[str, str]) -> Any:
    """A v2 list: v2 query names (`variant`, `office`) read as the v1 filters they stand for."""

    def handler(ctx: Ctx, request: Request) -> dict[str, Any]:
        resource = REGISTRY[resource_name]
        parent_id = None
        if resource.parent_param:
            parent_id = int(ctx.path_params[resource.parent_param])
            parent = REGISTRY[resource.parent or ""]
            if ctx.table(parent.table).get(parent_id) is None:
                raise not_found()
        query = {v1: ctx.query[v2] for v2, v1 in filters.items() if v2 in ctx.query}
        limit, offset = page_bounds(ctx.query)
        total, rows = select(ctx, resource, query, limit, offset, parent_id)
        data = [render(ctx, resource, row) for row in rows]
        return {"code": OK, "data": data, "count": total, "limit": limit, "offset": offset}

    return handler


register_route("/v2/products/{id:int}.json", one("products"))
register_route("/v2/variants/{id:int}.json", one("variants"))
register_route(
    "/v2/price_lists/{priceListId:int}/details.json", listing("price_list_details", {"variant": "variantid"})
)
register_route("/v2/stocks.json", listing("stocks", {"variant": "variantid", "office": "officeid"}))
