"""Taxes (`/v1/taxes`), read-only: Chile's IVA and additional taxes; Peru's IGV, ICBPER (`amountTax`
1: `percentage` is an amount per unit) and the others, with `overTax` and `amountTax`."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Computed, Resource, register

AS_NUMBERS = ("PE",)
"""Peru's pages serve a tax's `percentage` and `code` as numbers (`18.0`, `1000`); Chile's and
Mexico's as strings (`"19.0"`, `"14"`). Rows keep strings everywhere."""
AS_TEXT = ("CL", "MX")

register(
    Resource(
        name="taxes",
        path="/v1/taxes",
        table="taxes",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("percentage", type=str, only=AS_TEXT),
            Computed("percentage", lambda ctx, row: float(row["percentage"]), type=float, only=AS_NUMBERS),
            Attr("forAllProducts"),
            Attr("ledgerAccount", type=str),
            Attr("code", type=str, only=AS_TEXT),
            Computed("code", lambda ctx, row: int(row["code"]), type=int, only=AS_NUMBERS),
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
