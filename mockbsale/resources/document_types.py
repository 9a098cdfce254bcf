"""Document types (`/v1/document_types`): list, count, their current CAF (folio range) and the
folios left, and `PUT /v1/document_types.json` (id in the body; name, state and useClient only).

Each row carries `nextNumber` (the next folio) and `lastNumber` (the end of its CAF range); the
documents consume folios by moving `nextNumber` (`mockbsale.domain.folios`).
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request

from mockbsale.domain.body import read, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.http.path_ids import is_id
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import REGISTRY, Attr, Link, Resource, register, register_route
from mockbsale.resources.render import render
from mockbsale.resources.routing import read_body
from mockbsale.store.table import Row

EDITABLE: dict[str, tuple[str, Any]] = {"name": ("str", ""), "state": ("int", 0), "useClient": ("int", 0)}
# attributes Bsale adds to the PUT answer only, before `book_type`
PUT_EXTRAS = {"restrictClientType": 0, "useMaxDays": 0, "maxDays": -1}


def document_type_of(ctx: Ctx) -> Row:
    """The type named by `documenttypeid` or `codesii` (Peru: `code`; 404 when neither names one)."""
    table = ctx.table("document_types")
    if "documenttypeid" in ctx.query:
        try:
            row = table.get(int(ctx.query["documenttypeid"]))
        except ValueError:
            row = None
    else:
        code = ctx.query.get(ctx.country.served("codesii"))
        row = table.first("codeSii", code) if code else None
    if row is None:
        raise not_found()
    return row


def caf(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The CAF in use (or the one holding `nextnumber`); only electronic types have one."""
    document_type = document_type_of(ctx)
    start, end = int(document_type["initialNumber"]), int(document_type["lastNumber"])
    wanted = ctx.query.get("nextnumber")
    if not document_type["isElectronicDocument"] or (wanted and not (is_id(wanted) and start <= int(wanted) <= end)):
        raise not_found()
    used = int(document_type["nextNumber"]) - 1
    return {
        "startDate": document_type["cafStartDate"],
        "expirationDate": document_type["cafExpirationDate"],
        "startNumber": start,
        "endNumber": end,
        "lastNumberUsed": used,
        "numbersAvailable": max(end - used, 0),
        "expired": document_type["cafExpirationDate"] < time.time(),
    }


def numbers_available(ctx: Ctx, request: Request) -> dict[str, int]:
    document_type = document_type_of(ctx)
    used = int(document_type["nextNumber"]) - 1
    return {"numbers_available": max(int(document_type["lastNumber"]) - used, 0), "last": used}


async def edit(ctx: Ctx, request: Request) -> dict[str, Any]:
    body = await read_body(ctx, request)
    row = ctx.table("document_types").get(read(body, "id", "int", required=True))
    if row is None:
        raise not_found()
    row = ctx.table("document_types").update(row["id"], read_attrs(body, EDITABLE, with_defaults=False))
    rendered = render(ctx, REGISTRY["document_types"], row)
    book_type = rendered.pop("book_type", None)
    rendered.update(PUT_EXTRAS)
    if book_type is not None:
        rendered["book_type"] = book_type
    return rendered


register(
    Resource(
        name="document_types",
        path="/v1/document_types",
        table="document_types",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("initialNumber"),
            Attr("codeSii", type=str),
            Attr("isElectronicDocument"),
            Attr("breakdownTax"),
            Attr("use"),
            Attr("isSalesNote"),
            Attr("isExempt"),
            Attr("restrictsTax"),
            Attr("useClient"),
            Attr("messageBodyFormat", type=str),
            Attr("thermalPrinter"),
            Attr("state"),
            Attr("copyNumber"),
            Attr("isCreditNote"),
            Attr("continuedHigh"),
            Attr("ledgerAccount", type=str),
            Attr("ipadPrint"),
            Attr("ipadPrintHigh", type=str),
            Link("book_type", "book_types", "bookTypeId", optional=True, only=("CL", "MX")),
        ],
        filters={
            "name": Filter("name", "str"),
            "codesii": Filter("codeSii", "str", indexed=True),
            "ledgeraccount": Filter("ledgerAccount", "str"),
            "booktypeid": Filter("bookTypeId"),
            "iselectronicdocument": Filter("isElectronicDocument"),
            "issalesnote": Filter("isSalesNote"),
            "state": Filter("state"),
        },
        count=True,
    )
)
register_route("/v1/document_types/caf.json", caf, countries=("CL", "PE"))
register_route("/v1/document_types/number_availables.json", numbers_available, countries=("CL", "PE"))
register_route("/v1/document_types.json", edit, ("PUT",))

