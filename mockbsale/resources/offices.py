"""Offices (sucursales): `/v1/offices`, with virtual delete (state 1, as the example shows)."""

from __future__ import annotations

from typing import Any

from mockbsale.domain.body import read, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Computed, Resource, register
from mockbsale.store.table import Row

WRITABLE = {
    "name": ("str", ""),
    "description": ("str", ""),
    "address": ("str", ""),
    "latitude": ("str", ""),
    "longitude": ("str", ""),
    "isVirtual": ("int", 0),
    "country": ("str", ""),
    "municipality": ("str", ""),
    "city": ("str", ""),
    "zipCode": ("str", ""),
    "costCenter": ("str", ""),
    "state": ("int", 0),
}


def create(ctx: Ctx, body: dict[str, Any]) -> Row:
    read(body, "name", "str", required=True)
    row = read_attrs(body, WRITABLE, with_defaults=True)
    return ctx.table("offices").insert({**row, "imagestionCellarId": 0, "defaultPriceListId": 1})


def update(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    return ctx.table("offices").update(row["id"], read_attrs(body, WRITABLE, with_defaults=False))


def deactivate(ctx: Ctx, row: Row) -> Row:
    return ctx.table("offices").update(row["id"], {"state": 1})


register(
    Resource(
        name="offices",
        path="/v1/offices",
        table="offices",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("description", type=str),
            Attr("address", type=str),
            Attr("latitude", type=str),
            Attr("longitude", type=str),
            Attr("isVirtual"),
            Attr("country", type=str),
            Attr("municipality", type=str),
            Attr("city", type=str),
            Attr("zipCode", type=str),
            Computed("email", lambda ctx, row: row.get("email", ""), type=str, only=("PE",)),
            Attr("costCenter", type=str),
            Attr("state"),
            Attr("imagestionCellarId"),
            Attr("defaultPriceList", key="defaultPriceListId", only=("PE",)),
        ],
        filters={
            "name": Filter("name", "str"),
            "address": Filter("address", "str"),
            "country": Filter("country", "str"),
            "city": Filter("city", "str"),
            "municipality": Filter("municipality", "str"),
            "costcenter": Filter("costCenter", "str"),
            "state": Filter("state"),
        },
        count=True,
        post=create,
        put=update,
        delete=deactivate,
    )
)
