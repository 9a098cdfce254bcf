"""The courier API (Envíos; Bsale serves it on courier.bsale.io, the mock on its own host): the
order a checkout with shipping makes, its dispatch states (`/v1/logs.json`) and its label."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import checkout
from mockbsale.domain.context import Ctx
from mockbsale.resources.registry import Attr, Computed, Resource, register, register_route
from mockbsale.resources.routing import find_row, read_body, render_one
from mockbsale.resources.variants import whole
from mockbsale.store.table import Row

NO_COORDINATES = {"latitude": "0.0", "longitude": "0.0"}


def order_checkout(ctx: Ctx, order: Row) -> Row:
    return ctx.table("checkouts").rows[order["checkoutId"]]


def origin(ctx: Ctx, order: Row) -> dict[str, Any]:
    """Where the parcel leaves from: the office of the store."""
    office = ctx.table("offices").rows[order_checkout(ctx, order)["storeId"]]
    return {"country": office["country"], "state": "", "city": office["city"], "district": office["municipality"],
            "address": office["address"], "zipcode": office["zipCode"], **NO_COORDINATES}


def destination(ctx: Ctx, order: Row) -> dict[str, Any]:
    row = order_checkout(ctx, order)
    return {"country": row.get("clientCountry") or "", "state": row.get("clientState") or "",
            "city": row.get("clientCity") or "", "district": row.get("clientCityZone") or "",
            "address": row.get("clientStreet") or "", "buildingNumber": row.get("clientBuildingNumber") or "",
            "zipcode": row.get("clientPostcode") or "", **NO_COORDINATES}


def contact(ctx: Ctx, order: Row) -> dict[str, Any]:
    row = order_checkout(ctx, order)
    code = (row.get("extrasUserData") or {}).get("user_rut") or row.get("pickCode") or ""
    return {"firstName": row["clientName"], "lastName": row.get("clientLastName") or "",
            "email": row["clientEmail"], "code": code, "phone": row.get("clientPhone") or ""}


def details(ctx: Ctx, order: Row) -> list[dict[str, Any]]:
    keys = ("description", "quantity", "weight", "length", "width", "height")
    return [{"id": row["id"], **{key: whole(row[key]) if key != "description" else row[key] for key in keys}}
            for row in ctx.table("courier_order_details").find("orderId", order["id"])]


COURIER_ORDERS = register(
    Resource(
        name="courier_orders",
        path="/v1/couriers/orders",
        table="courier_orders",
        fields=[
            Attr("id"),
            Computed("origin", origin, type=dict),
            Computed("destination", destination, type=dict),
            Attr("packagingType"),
            Computed("contact", contact, type=dict),
            Computed("comment", lambda ctx, order: order_checkout(ctx, order).get("shippingComment") or "", type=str),
            Computed("deliveryType", lambda ctx, order: dict(checkout.DELIVERY_TYPE), type=dict),
            Attr("courierId"),
            Attr("sellerId"),
            Attr("stateId"),
            Attr("label", type=str),
            Attr("trackingNumber", type=str),
            Computed("details", details, type=list),
        ],
        listable=False,
        self_href=False,
        v2=True,
    )
)

register(
    Resource(
        name="courier_logs",
        path="/v1/logs",
        table="courier_logs",
        fields=[Attr("id"), Attr("orderId"), Attr("description", type=str), Attr("stateId"), Attr("createAt")],
        listable=False,
        post=checkout.add_log,
        self_href=False,
        v2=True,
    )
)


async def label(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`POST /v1/couriers/orders/{id}/label.json`: answers the order with its label and tracking number."""
    order = find_row(ctx, COURIER_ORDERS)
    return render_one(ctx, COURIER_ORDERS, checkout.set_label(ctx, order, await read_body(ctx, request)))


register_route("/v1/couriers/orders/{id:int}/label.json", label, ("POST",))
