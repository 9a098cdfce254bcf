"""Discounts (`/v1/discounts`), read-only; their count is served at `/v1/clients/discounts.json`."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Resource, register

register(
    Resource(
        name="discounts",
        path="/v1/discounts",
        table="discounts",
        fields=[Attr("id"), Attr("name", type=str), Attr("percentage", type=str), Attr("state"), Attr("automatic")],
        filters={
            "name": Filter("name", "str"),
            "percentage": Filter("percentage", "float"),
            "state": Filter("state"),
        },
    )
)
