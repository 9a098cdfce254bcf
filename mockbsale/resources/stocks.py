"""Stocks (`/v1/stocks`: quantity per variant and office), stock receptions and consumptions,
and the consumption types."""

from __future__ import annotations

from mockbsale.domain import stock
from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Computed, Link, Resource, register
from mockbsale.store.table import Row


def quantity_available(ctx: Ctx, row: Row) -> float:
    """What is left once the reservations are served; negative when the stock is overdrawn."""
    return float(row["quantity"]) - float(row["quantityReserved"])


MOVED = [Attr("id"), Attr("quantity", type=float), Attr("cost", type=float), Attr("variantStock", type=float)]
"""The leading fields of a reception or consumption detail (`variantStock`: the stock once moved)."""

BY_VARIANT = {
    "variantid": Filter("variantId", indexed=True),
    "code": Filter("variantId", "str", via=("variants", "code")),
    "barcode": Filter("variantId", "str", via=("variants", "barCode")),
}

register(
    Resource(
        name="stocks",
        path="/v1/stocks",
        table="stocks",
        fields=[
            Attr("id"),
            Attr("quantity", type=float),
            Attr("quantityReserved", type=float),
            Computed("quantityAvailable", quantity_available),
            Link("variant", "variants", "variantId"),
            Link("office", "offices", "officeId"),
        ],
        filters={"officeid": Filter("officeId", indexed=True), **BY_VARIANT},
    )
)

register(
    Resource(
        name="stock_receptions",
        path="/v1/stocks/receptions",
        table="stock_receptions",
        fields=[
            Attr("id"),
            Attr("admissionDate"),
            Attr("document", type=str),
            Attr("documentNumber", type=str),
            Attr("note", type=str),
            Attr("imagestionCctId"),
            Attr("imagestionCcDescription", type=str),
            Attr("internalDispatchId"),
            Attr("updateStock"),
            Link("office", "offices", "officeId"),
            Link("user", "users", "userId"),
            Children("details", "stock_reception_details"),
        ],
        filters={
            "admissiondate": Filter("admissionDate", "date"),
            "documentnumber": Filter("documentNumber", "str"),
            "officeid": Filter("officeId", indexed=True),
        },
        post=stock.create_reception,
        put=stock.update_reception,
    )
)

register(
    Resource(
        name="stock_reception_details",
        path="/v1/stocks/receptions/{receptionId}/details",
        table="stock_reception_details",
        parent="stock_receptions",
        parent_key="receptionId",
        fields=[*MOVED, Attr("serialNumber", type=str), Link("variant", "variants", "variantId")],
    )
)

register(
    Resource(
        name="stock_consumptions",
        path="/v1/stocks/consumptions",
        table="stock_consumptions",
        fields=[
            Attr("id"),
            Attr("consumptionDate"),
            Attr("note", type=str),
            Attr("imagestionCcdescription", type=str),
            Attr("imagestionCenterCostId"),
            Attr("updateStock"),
            Attr("consumptionTypeId"),
            Link("office", "offices", "officeId"),
            Link("user", "users", "userId"),
            Children("details", "stock_consumption_details"),
        ],
        filters={
            "consumptiondate": Filter("consumptionDate", "date"),
            "officeid": Filter("officeId", indexed=True),
        },
        post=stock.create_consumption,
    )
)

register(
    Resource(
        name="stock_consumption_details",
        path="/v1/stocks/consumptions/{consumptionId}/details",
        table="stock_consumption_details",
        parent="stock_consumptions",
        parent_key="consumptionId",
        fields=[*MOVED, Link("variant", "variants", "variantId")],
    )
)

register(
    Resource(
        name="stock_consumption_types",
        path="/v1/stock_consumption_types",
        table="stock_consumption_types",
        fields=[Attr("cntId", key="id"), Attr("cntI18nName", type=str), Attr("cntActive"), Attr("cntCode", type=str)],
        self_href=False,
    )
)
