"""Taxes (`/v1/taxes`): IVA and the additional taxes of Chile, read-only."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Resource, register

register(
    Resource(
        name="taxes",
        path="/v1/taxes",
        table="taxes",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("percentage", type=str),
            Attr("forAllProducts"),
            Attr("ledgerAccount", type=str),
            Attr("code", type=str),
            Attr("state"),
        ],
        filters={
            "name": Filter("name", "str"),
            "percentage": Filter("percentage", "float"),
            "code": Filter("code", "str"),
            "ledgeraccount": Filter("ledgerAccount", "str"),
            "state": Filter("state"),
        },
        count=True,
    )
)
