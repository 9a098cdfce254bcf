"""Shippings (despachos): every dispatched document takes its goods out of stock through a shipping
with one detail per line; `POST /v1/shippings.json` makes a dispatch guide (guía de despacho) with
the shipping's type, address and recipient, and a transfer between offices (a shipping type that
uses a destination office) puts the goods into the destination office's stock at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockbsale.domain import documents, stock
from mockbsale.domain.body import read
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

INVALID_SHIPPING_TYPE = "invalid shipping type"
INVALID_DESTINATION_OFFICE = "invalid destination office"
DISPATCH_USE = 2
"""`use` of the document types that are dispatch guides (0 sale, 1 return)."""
SALE_SHIPPING_TYPE = 1
"""Operación constituye venta: the type of the shipping a dispatched sale makes."""


@dataclass(frozen=True)
class ShippingPlan:
    shipping_type_id: int = SALE_SHIPPING_TYPE
    address: str | None = None
    municipality: str = ""
    city: str = ""
    recipient: str | None = None
    destination_office_id: int | None = None


def plan_shipping(ctx: Ctx, body: dict[str, Any], office_id: int) -> ShippingPlan:
    """The shipping a guide's body asks for: its type (`shippingTypeId`, 1 by default), the
    destination office of a transfer, the address and recipient."""
    shipping_type = ctx.table("shipping_types").get(read(body, "shippingTypeId", "int", SALE_SHIPPING_TYPE))
    if shipping_type is None or shipping_type["state"] != 0:
        raise bad_request(INVALID_SHIPPING_TYPE)
    destination_id = None
    if shipping_type["useDestinationOffice"]:
        destination_id = read(body, "destinationOfficeId", "int")
        destination = ctx.table("offices").get(destination_id) if destination_id is not None else None
        if destination is None or destination["state"] != 0 or destination_id == office_id:
            raise bad_request(INVALID_DESTINATION_OFFICE)
    return ShippingPlan(
        shipping_type_id=shipping_type["id"],
        address=read(body, "address", "str"),
        municipality=read(body, "municipality", "str", ""),
        city=read(body, "city", "str", ""),
        recipient=read(body, "recipient", "str"),
        destination_office_id=destination_id,
    )


def dispatch(ctx: Ctx, document: Row, details: list[Row], wanted: dict[int, float], plan: ShippingPlan) -> Row:
    """Take `wanted` (quantity per variant) out of the document's office (into the destination
    office of a transfer) and record the shipping, one detail per line naming a variant."""
    office_id = document["officeId"]
    shipping = ctx.table("shippings").insert(
        {
            "shippingDate": document["emissionDate"],
            "address": plan.address,
            "municipality": plan.municipality,
            "city": plan.city,
            "recipient": plan.recipient,
            "state": 0,
            "received": 0 if plan.destination_office_id is None else 1,
            "officeId": office_id,
            "userId": document["userId"],
            "shippingTypeId": plan.shipping_type_id,
            "documentId": document["id"],
            "destinationOfficeId": plan.destination_office_id,
        }
    )
    for variant_id, quantity in wanted.items():
        stock.move(ctx, variant_id, office_id, -quantity)
        if plan.destination_office_id is not None:
            stock.move(ctx, variant_id, plan.destination_office_id, quantity)
    for detail in details:
        if detail["variantId"] is None:
            continue
        ctx.table("shipping_details").insert(
            {
                "shippingId": shipping["id"],
                "quantity": detail["quantity"],
                "variantStock": stock.available(ctx, detail["variantId"], office_id),
                "variantCost": stock.average_cost(ctx, detail["variantId"]),
                "variantId": detail["variantId"],
                "documentDetailId": detail["id"],
            }
        )
    return shipping


def cancel(ctx: Ctx, document_id: int) -> None:
    """The shipping of a removed document becomes inactive (its goods went back to stock)."""
    shippings = ctx.table("shippings")
    for row in shippings.find("documentId", document_id):
        shippings.update(row["id"], {"state": 1})


def create(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/shippings.json`: a dispatch guide (a document of a dispatch type, planned and
    written as any document, always dispatched) and its shipping."""
    document_type = documents.document_type_of(ctx, body)
    if document_type["use"] != DISPATCH_USE:
        raise bad_request(documents.INVALID_DOCUMENT_TYPE)
    plan = documents.plan_document(ctx, {**body, "dispatch": 1}, document_type)
    plan.shipping = plan_shipping(ctx, body, plan.office["id"])
    guide = documents.commit(ctx, plan)
    return ctx.table("shippings").find("documentId", guide["id"])[0]
