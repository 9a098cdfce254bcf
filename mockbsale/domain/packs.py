"""Packs (promociones): a product of classification 3 with one variant that stands for its
components. A closed pack names variants and quantities; an open one (`multipleVariant` 1) names a
product, whose variant is chosen when the pack is sold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbsale.domain import catalog
from mockbsale.domain.body import objects, read, read_amount, required_message
from mockbsale.domain.catalog import existing
from mockbsale.domain.context import Ctx
from mockbsale.domain.taxes import product_tax_ids, tax_rate
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

PACK = 3
"""`classification` of a pack or promotion (0 product, 1 service)."""
INVALID_DETAIL = "invalid pack promo detail"
PRICE_DECIMALS = 2


def _active(ctx: Ctx, table: str, row_id: int) -> Row:
    """An active product or variant a pack detail names; Bsale's pack detail error otherwise."""
    row = ctx.table(table).get(row_id)
    if row is None or row.get("state", 0) != 0:
        raise bad_request(INVALID_DETAIL)
    return row


def read_component(ctx: Ctx, item: Mapping[str, Any]) -> Row:
    """One `packDetails` item as a pack detail (without `packId`): a closed one names an active
    variant (`productPromoId` 0, or the variant's product), an open one an active product; a
    component is never a pack, and its quantity is positive."""
    open_pack = 1 if read(item, "multipleVariant", "int", 0) else 0
    product_id = read(item, "productPromoId", "int", 0)
    variant_id = read(item, "variantPromoId", "int", 0)
    quantity = read_amount(item, "quantity", required=True)
    if open_pack:
        product, variant_id = _active(ctx, "products", product_id), 0
    else:
        variant = _active(ctx, "variants", variant_id)
        product = ctx.table("products").rows[variant["productId"]]
        if product_id not in (0, product["id"]):
            raise bad_request(INVALID_DETAIL)
    if quantity <= 0 or product["classification"] == PACK:
        raise bad_request(INVALID_DETAIL)
    return {"productId": product_id, "variantId": variant_id, "quantity": quantity, "state": 0,
            "multipleVariant": open_pack}


def create_pack(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v2/products/pack.json`: everything is checked first; then the product (no stock of its
    own), its variant (SKU `code`) and their events as `POST /v1/products.json` and
    `/v1/variants.json` make them, `basePrice` (net, or gross with `priceWithTax` 1) in every price
    list, and the pack details."""
    name = read(body, "name", "str", required=True)
    type_id = existing(ctx, "product_types", read(body, "productTypeId", "int", required=True),
                       catalog.INVALID_PRODUCT_TYPE)["id"]
    print_detail = 1 if read(body, "printDetailPack", "int", 0) else 0
    codes = {"code": read(body, "code", "str", ""), "barCode": read(body, "barCode", "str", "")}
    price = read_amount(body, "basePrice", 0.0)
    gross = read(body, "priceWithTax", "int", 0)
    components = [read_component(ctx, item) for item in objects(body, "packDetails")]
    if not components:
        raise bad_request(required_message("packDetails"))
    product = catalog.create_product(ctx, {"name": name, "productTypeId": type_id, "classification": PACK,
                                           "stockControl": 0, "printDetailPack": print_detail})
    variant = catalog.create_variant(ctx, {"productId": product["id"], **codes})
    if gross:
        price /= 1 + tax_rate(ctx, product_tax_ids(ctx, product["id"]))
    prices = ctx.table("price_list_details")
    for detail in prices.find("variantId", variant["id"]):
        prices.update(detail["id"], {"variantValue": round(price, PRICE_DECIMALS)})
    details = ctx.table("pack_details")
    for component in components:
        details.insert({**component, "packId": product["id"]})
    return product


def components(ctx: Ctx, product_id: int) -> list[Row]:
    """The details of a pack (none for any other product)."""
    return ctx.table("pack_details").find("packId", product_id)


def stock_parts(ctx: Ctx, variant_id: int) -> list[tuple[int, float]]:
    """(variant, quantity per unit) whose stock one unit of `variant_id` moves: a pack's closed
    components (an open one's variant is chosen at sale, unknown here), else the variant itself."""
    details = components(ctx, ctx.table("variants").rows[variant_id]["productId"])
    if not details:
        return [(variant_id, 1.0)]
    return [(detail["variantId"], detail["quantity"]) for detail in details if not detail["multipleVariant"]]
