"""Price lists (`/v1/price_lists`) and their details: the net price of every variant in a list."""

from __future__ import annotations

from mockbsale.domain import catalog
from mockbsale.domain.context import Ctx
from mockbsale.domain.taxes import with_taxes
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Computed, Link, Resource, register
from mockbsale.store.table import Row


def value_with_taxes(ctx: Ctx, row: Row) -> float:
    return with_taxes(ctx, row["variantId"], row["variantValue"])


register(
    Resource(
        name="price_lists",
        path="/v1/price_lists",
        table="price_lists",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("description", type=str),
            Attr("state"),
            Link("coin", "coins", "coinId"),
            Children("details", "price_list_details"),
        ],
        filters={"name": Filter("name", "str"), "coinid": Filter("coinId"), "state": Filter("state")},
        count=True,
    )
)

register(
    Resource(
        name="price_list_details",
        path="/v1/price_lists/{priceListId}/details",
        table="price_list_details",
        parent="price_lists",
        parent_key="priceListId",
        fields=[
            Attr("id"),
            Attr("variantValue", type=float),
            Computed("variantValueWithTaxes", value_with_taxes),
            Link("variant", "variants", "variantId"),
        ],
        filters={
            "variantid": Filter("variantId", indexed=True),
            "code": Filter("variantId", "str", via=("variants", "code")),
            "barcode": Filter("variantId", "str", via=("variants", "barCode")),
        },
        put=catalog.update_price,
    )
)
