"""Payments (`/v1/payments`): list, one, count, POST against a document, PUT; the payments of a
document (`/v1/documents/{id}/payments`, what `expand=[payments]` inlines) and the totals per
payment type (`group_payment_types.json`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import payments
from mockbsale.domain.context import Ctx
from mockbsale.http.query import page_bounds, parse_list
from mockbsale.resources.filters import Filter
from mockbsale.resources.listing import select
from mockbsale.resources.registry import Attr, Computed, FieldSpec, Link, Resource, register, register_route
from mockbsale.store.table import Row


def payment_fields(payment_type: FieldSpec) -> list[FieldSpec]:
    return [
        Attr("id"),
        Attr("recordDate"),
        Attr("amount", type=float),
        Attr("operationNumber", type=str),
        Attr("accountingDate", type=str),
        Attr("checkDate"),
        Attr("checkNumber"),
        Attr("checkAmount", type=float),
        Attr("checkTaken"),
        Attr("isCreditPayment"),
        Attr("createdAt"),
        Attr("state"),
        payment_type,
        Link("document", "documents", "documentId"),
        Link("office", "offices", "officeId"),
        Link("user", "users", "userId"),
    ]


def named_payment_type(ctx: Ctx, row: Row) -> dict[str, str]:
    """The payment type link with its name, as a document's expanded payments show it."""
    payment_type = ctx.table("payment_types").rows[row["paymentTypeId"]]
    return {
        "href": ctx.url(f"/v1/payment_types/{payment_type['id']}.json"),
        "id": str(payment_type["id"]),
        "name": payment_type["name"],
    }


PAYMENTS = register(
    Resource(
        name="payments",
        path="/v1/payments",
        table="payments",
        fields=payment_fields(Link("payment_type", "payment_types", "paymentTypeId")),
        filters={
            "recorddate": Filter("recordDate", "date"),
            "documentid": Filter("documentId", indexed=True),
            "number": Filter("documentId", via=("documents", "number")),
            "paymenttypeid": Filter("paymentTypeId"),
            "officeid": Filter("officeId"),
            "state": Filter("state"),
        },
        count=True,
        post=payments.create,
        put=payments.update,
    )
)

register(
    Resource(
        name="document_payments",
        path="/v1/documents/{documentId}/payments",
        table="payments",
        parent="documents",
        parent_key="documentId",
        fields=payment_fields(Computed("payment_type", named_payment_type, type=dict)),
        href_target=("payments", "id"),
    )
)


def group_payment_types(ctx: Ctx, request: Request) -> list[dict[str, Any]]:
    """Payment totals per (day, payment type, document code, office), Bsale's cash report."""
    _, rows = select(ctx, PAYMENTS, ctx.query, len(ctx.table("payments")), 0)
    codes = set(parse_list(ctx.query.get(ctx.country.served("codesii"))))
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        document = ctx.table("documents").rows[row["documentId"]]
        code = ctx.table("document_types").rows[document["documentTypeId"]]["codeSii"]
        if codes and code not in codes:
            continue
        key = (row["recordDate"], row["paymentTypeId"], code, row["officeId"])
        if key not in groups:
            groups[key] = group(ctx, row, code)
        total = groups[key]["paymentTypeTotalAmount"] + row["amount"]
        groups[key]["paymentTypeTotalAmount"] = ctx.country.money(total)
    limit, offset = page_bounds(ctx.query)
    return list(groups.values())[offset : offset + limit]


def group(ctx: Ctx, payment: Row, code: str) -> dict[str, Any]:
    payment_type = ctx.table("payment_types").rows[payment["paymentTypeId"]]
    office = ctx.table("offices").rows[payment["officeId"]]
    attributes = ctx.table("dynamic_attributes").find("paymentTypeId", payment_type["id"])
    return {
        "recordDate": payment["recordDate"],
        "paymentTypeTotalAmount": 0.0,
        "paymentTypeId": payment_type["id"],
        "paymentTypeName": payment_type["name"],
        "paymentLedgerAccount": payment_type["ledgerAccount"],
        **{key: payment_type[key] for key in ("isCheck", "isCreditNote", "isClientCredit", "isCash", "isCreditMemo")},
        ctx.country.served("codesii"): code,
        "officeId": office["id"],
        "officeName": office["name"],
        "officeCostCenter": office["costCenter"],
        "details": [{"name": attribute["name"], "value": ""} for attribute in attributes],
    }


register_route("/v1/payments/group_payment_types.json", group_payment_types)
