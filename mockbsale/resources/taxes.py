"""Taxes (`/v1/taxes`), read-only: Chile's IVA and additional taxes; Peru's IGV, ICBPER (`amountTax`
1: `percentage` is an amount per unit) and the others, with `overTax` and `amountTax`."""

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
            Attr("overTax", only=("PE",)),
            Attr("amountTax", only=("PE",)),
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
