"""Variants (`/v1/variants`), their attribute values and their costs."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import catalog
from mockbsale.domain.context import Ctx
from mockbsale.domain.stock import average_cost, fifo_available
from mockbsale.http.errors import not_found
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import REGISTRY, Attr, Children, Computed, Link, Resource, register, register_route
from mockbsale.resources.render import resource_path
from mockbsale.store.table import Row

VARIANT_FILTERS = {
    "description": Filter("description", "str"),
    "barcode": Filter("barCode", "str", indexed=True),
    "code": Filter("code", "str", indexed=True),
    "serialnumber": Filter("id", "str", via=("stock_reception_details", "serialNumber"), via_key="variantId"),
    "productid": Filter("productId", indexed=True),
    "state": Filter("state"),
}


def costs_link(ctx: Ctx, row: Row) -> dict[str, str]:
    return {"href": ctx.url(f"/v1/variants/{row['id']}/costs.json")}


register(
    Resource(
        name="variants",
        path="/v1/variants",
        table="variants",
        fields=[
            Attr("id"),
            Attr("description", type=str),
            Attr("unlimitedStock"),
            Attr("allowNegativeStock"),
            Attr("state"),
            Attr("barCode", type=str),
            Attr("code", type=str),
            Attr("imagestionCenterCost"),
            Attr("imagestionAccount"),
            Attr("imagestionConceptCod"),
            Attr("imagestionProyectCod"),
            Attr("imagestionCategoryCod"),
            Attr("imagestionProductId"),
            Attr("serialNumber"),
            Attr("prestashopCombinationId"),
            Attr("prestashopValueId"),
            Link("product", "products", "productId"),
            Children("attribute_values", "variant_attribute_values"),
            Computed("costs", costs_link, type=dict),
        ],
        filters=VARIANT_FILTERS,
        count=True,
        post=catalog.create_variant,
        put=catalog.update_variant,
        delete=catalog.delete_variant,
    )
)

register(
    Resource(
        name="variant_attribute_values",
        path="/v1/variants/{variantId}/attribute_values",
        table="variant_attribute_values",
        parent="variants",
        parent_key="variantId",
        fields=[Attr("id"), Attr("description", type=str), Link("attribute", "product_type_attributes", "attributeId")],
    )
)


def whole(quantity: float) -> float | int:
    """A whole number as an integer (`"cost": 4140`, `"availableFifo": 1`), another as it is."""
    return int(quantity) if float(quantity).is_integer() and abs(quantity) < 2**53 else quantity


def costs(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v1/variants/{id}/costs.json`: the average cost (a string, as Bsale serves it) and the
    cost of every reception with what is left of it (FIFO)."""
    variant_id = int(ctx.path_params["variantId"])
    if ctx.table("variants").get(variant_id) is None:
        raise not_found()
    receptions = ctx.table("stock_receptions")
    details = REGISTRY["stock_reception_details"]
    history = []
    for detail, left in fifo_available(ctx, variant_id):
        history.append(
            {
                "reception_detail": {"href": ctx.url(resource_path(details, detail)), "id": detail["id"]},
                "admissionDate": receptions.rows[detail["receptionId"]]["admissionDate"],
                "cost": whole(detail["cost"]),
                "availableFifo": whole(left),
            }
        )
    return {"averageCost": str(average_cost(ctx, variant_id)), "history": history}


register_route("/v1/variants/{variantId:int}/costs.json", costs)
