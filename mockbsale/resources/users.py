"""Users (`/v1/users`): the company's sellers and cashiers, each working in an office, with what
they sold and took back between two dates (`sales_summary`, `{id}/sales`, `{id}/returns`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from starlette.requests import Request

from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.http.query import page_bounds, parse_int
from mockbsale.resources.filters import DAY, Filter
from mockbsale.resources.registry import Attr, Link, Resource, register, register_route
from mockbsale.resources.render import envelope
from mockbsale.store.table import Row

EMITTED_IN = Filter("emissionDate", "daterange")


def date_range(ctx: Ctx) -> tuple[int, int]:
    """`startdate` and `enddate` (Unix time), each today (its UTC midnight) when absent."""
    today = int(time.time()) // DAY * DAY
    return parse_int(ctx.query.get("startdate"), today), parse_int(ctx.query.get("enddate"), today)


def is_return(document_type: Row) -> bool:
    return bool(document_type["isCreditNote"])


def is_sale(document_type: Row) -> bool:
    """Sales documents: what is sold (notes, invoices, receipts), not dispatches nor credit notes."""
    return document_type["use"] == 0 and not document_type["isCreditNote"]


def documents_in_range(ctx: Ctx, candidates: Iterable[Row], kind: Callable[[Row], bool]) -> list[Row]:
    """The active `candidates` emitted between the dates, of the document types `kind` accepts."""
    start, end = date_range(ctx)
    emitted = EMITTED_IN.compile(ctx, ctx.table("documents"), f"[{start},{end}]").predicate
    assert emitted is not None
    types = ctx.table("document_types").rows
    return [row for row in candidates if row["state"] == 0 and emitted(row) and kind(types[row["documentTypeId"]])]


def sold_by(ctx: Ctx, user_id: int) -> list[Row]:
    """The documents a user sold (is the seller of), in id order."""
    documents = ctx.table("documents").rows
    ids = sorted({row["documentId"] for row in ctx.table("document_sellers").find("userId", user_id)})
    return [documents[document_id] for document_id in ids if document_id in documents]


def document_page(ctx: Ctx, request: Request, rows: list[Row]) -> dict[str, Any]:
    """A page of `{href, id, name, number}` document references."""
    limit, offset = page_bounds(ctx.query)
    types = ctx.table("document_types").rows
    items = [
        {
            "href": ctx.url(f"/v1/documents/{row['id']}.json"),
            "id": row["id"],
            "name": types[row["documentTypeId"]]["name"],
            "number": row["number"],
        }
        for row in rows[offset : offset + limit]
    ]
    return envelope(ctx.base_url + request.url.path, len(rows), limit, offset, items, dict(ctx.query))


def path_row(ctx: Ctx, table: str, param: str) -> Row:
    """The row of `table` whose id is the path parameter `param` (404 when there is none)."""
    row = ctx.table(table).get(int(ctx.path_params[param]))
    if row is None:
        raise not_found()
    return row


def user_documents(kind: Callable[[Row], bool]) -> Callable[[Ctx, Request], dict[str, Any]]:
    """`/v1/users/{userId}/sales.json` or `/returns.json`: the user's documents of `kind`."""

    def handler(ctx: Ctx, request: Request) -> dict[str, Any]:
        user = path_row(ctx, "users", "userId")
        return document_page(ctx, request, documents_in_range(ctx, sold_by(ctx, user["id"]), kind))

    return handler


def sales_summary(ctx: Ctx, request: Request) -> dict[str, Any]:
    """What each user sold less what they took back (tax included), and the tax of it."""
    start, end = date_range(ctx)
    wanted = parse_int(ctx.query.get("userid"), 0)
    window = f"startdate={start}&enddate={end}"
    sellers = []
    for user in ctx.table("users"):
        if wanted and user["id"] != wanted:
            continue
        documents = sold_by(ctx, user["id"])
        sold = documents_in_range(ctx, documents, is_sale)
        taken_back = documents_in_range(ctx, documents, is_return)
        if not sold and not taken_back:
            continue
        base = ctx.url(f"/v1/users/{user['id']}")
        sellers.append(
            {
                "href": f"{base}.json",
                "id": user["id"],
                "fullName": f"{user['firstName']} {user['lastName']}",
                "subtotal": float(sum(row["totalAmount"] for row in sold) - sum(r["totalAmount"] for r in taken_back)),
                "taxSubtotal": float(sum(row["taxAmount"] for row in sold) - sum(r["taxAmount"] for r in taken_back)),
                "sales": {"href": f"{base}/sales.json?{window}"},
                "returns": {"href": f"{base}/returns.json?{window}"},
            }
        )
    total = float(sum(seller["subtotal"] for seller in sellers))
    return {"startDate": start, "endDate": end, "total": total, "sellers": sellers}


register(
    Resource(
        name="users",
        path="/v1/users",
        table="users",
        fields=[
            Attr("id"),
            Attr("firstName", type=str),
            Attr("lastName", type=str),
            Attr("email", type=str),
            Attr("state"),
            Link("office", "offices", "officeId"),
        ],
        filters={
            "firstname": Filter("firstName", "str"),
            "lastname": Filter("lastName", "str"),
            "email": Filter("email", "str"),
            "officeid": Filter("officeId"),
            "state": Filter("state"),
        },
    )
)
register_route("/v1/users/sales_summary.json", sales_summary)
register_route("/v1/users/{userId:int}/sales.json", user_documents(is_sale))
register_route("/v1/users/{userId:int}/returns.json", user_documents(is_return))
