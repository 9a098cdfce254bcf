"""Clients (`/v1/clients`) with their contacts, addresses and attributes, points, and the count of
discounts Bsale serves under `/v1/clients/discounts.json`."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import clients
from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Filter
from mockbsale.resources.listing import count
from mockbsale.resources.registry import REGISTRY, Attr, Children, Computed, Link, Resource, register, register_route
from mockbsale.resources.render import render
from mockbsale.resources.routing import read_body
from mockbsale.store.table import Row


def attribute_name(ctx: Ctx, row: Row) -> str:
    attribute = ctx.table("dynamic_attributes").get(row["dynamicAttributeId"])
    return "" if attribute is None else attribute["name"]


PERU = ("PE",)
"""Peru's client pages show these attributes; Chile's do not."""

register(
    Resource(
        name="clients",
        path="/v1/clients",
        table="clients",
        fields=[
            Attr("id"),
            Attr("firstName", type=str),
            Attr("lastName", type=str),
            Attr("email", type=str),
            Attr("code", type=str),
            Attr("phone", type=str),
            Attr("company", type=str),
            Attr("note", type=str),
            Attr("facebook", type=str),
            Attr("twitter", type=str),
            Attr("hasCredit"),
            Attr("maxCredit", type=str),
            Attr("state"),
            Attr("activity", type=str),
            Attr("city", type=str),
            Computed("commerciallyBlocked", lambda ctx, row: row.get("commerciallyBlocked", 0), type=int, only=PERU),
            Attr("municipality", type=str),
            Attr("address", type=str),
            Attr("companyOrPerson"),
            Attr("points"),
            Attr("pointsUpdated", type=object),
            Attr("accumulatePoints"),
            Attr("sendDte"),
            Attr("isForeigner", only=PERU),
            Attr("prestashopClienId"),
            Computed("createdAt", lambda ctx, row: row.get("createdAt", ""), type=object, only=PERU),
            Computed("updatedAt", lambda ctx, row: row.get("updatedAt", ""), type=object, only=PERU),
            Link("payment_type", "payment_types", "paymentTypeId", optional=True),
            Link("sale_condition", "sale_conditions", "saleConditionId", optional=True),
            Link("price_list", "price_lists", "priceListId", optional=True),
            Children("contacts", "client_contacts"),
            Children("attributes", "client_attributes"),
            Children("addresses", "client_addresses"),
        ],
        filters={
            "code": Filter("code", "str", indexed=True),
            "firstname": Filter("firstName", "str"),
            "lastname": Filter("lastName", "str"),
            "email": Filter("email", "str"),
            "paymenttypeid": Filter("paymentTypeId"),
            "salesconditionid": Filter("saleConditionId"),
            "state": Filter("state"),
        },
        count=True,
        post=clients.create_client,
        put=clients.update_client,
        delete=clients.delete_client,
    )
)

register(
    Resource(
        name="client_contacts",
        path="/v1/clients/{clientId}/contacts",
        table="client_contacts",
        parent="clients",
        parent_key="clientId",
        fields=[
            Attr("id"),
            Attr("firstName", type=str),
            Attr("lastName", type=str),
            Attr("phone", type=str),
            Attr("email", type=str),
        ],
        post=clients.create_contact,
        delete=clients.deactivate_contact,
    )
)

register(
    Resource(
        name="client_addresses",
        path="/v1/clients/{clientId}/addresses",
        table="client_addresses",
        parent="clients",
        parent_key="clientId",
        fields=[
            Attr("id"),
            Attr("addressName", type=str),
            Attr("address", type=str),
            Attr("city", type=str),
            Attr("municipality", type=str),
            Attr("state"),
        ],
        filters={
            "address": Filter("address", "str"),
            "city": Filter("city", "str"),
            "municipality": Filter("municipality", "str"),
            "state": Filter("state"),
        },
        post=clients.create_address,
        put=clients.update_address,
        delete=clients.deactivate_address,
    )
)

register(
    Resource(
        name="client_attributes",
        path="/v1/clients/{clientId}/attributes",
        table="client_attribute_values",
        parent="clients",
        parent_key="clientId",
        href_target=("dynamic_attributes", "dynamicAttributeId"),
        fields=[
            Attr("id", key="dynamicAttributeId"),
            Computed("name", attribute_name, type=str),
            Attr("value", type=str),
        ],
    )
)


async def points(ctx: Ctx, request: Request) -> dict[str, Any]:
    client = clients.add_points(ctx, await read_body(ctx, request))
    return render(ctx, REGISTRY["clients"], client)


def discounts_count(ctx: Ctx, request: Request) -> dict[str, int]:
    return {"count": count(ctx, REGISTRY["discounts"], ctx.query)}


register_route("/v1/clients/points.json", points, ("PUT",))
register_route("/v1/clients/discounts.json", discounts_count)
