"""Catalog writes: product types and their attributes, products and their taxes, variants and
their attribute values and prices. Each write validates the whole body before it changes anything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbsale.domain.body import objects, read, read_amount, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request
from mockbsale.http.query import parse_list
from mockbsale.store.table import Row

INVALID_PRODUCT_TYPE = "invalid product type"
INVALID_PRODUCT = "invalid product"
INVALID_ATTRIBUTE = "invalid attribute"
INVALID_TAX = "invalid tax"
INACTIVE = 1
"""Bsale's `state` of a deleted product, variant or product type (the documented examples)."""

PRODUCT_TYPE_ATTRS = {
    "name": ("str", ""),
    "isEditable": ("int", 1),
    "state": ("int", 0),
    "imagestionCategoryId": ("int", 0),
    "prestashopCategoryId": ("int", 0),
}
ATTRIBUTE_ATTRS = {
    "name": ("str", ""),
    "isMandatory": ("int", 0),
    "generateVariantName": ("int", 0),
    "hasOptions": ("int", 0),
    "options": ("str", ""),
    "state": ("int", 0),
}
PRODUCT_ATTRS = {
    "name": ("str", ""),
    "description": ("str", ""),
    "classification": ("int", 0),
    "ledgerAccount": ("str", ""),
    "costCenter": ("str", ""),
    "allowDecimal": ("int", 0),
    "stockControl": ("int", 1),
    "printDetailPack": ("int", 0),
    "state": ("int", 0),
    "prestashopProductId": ("int", 0),
    "presashopAttributeId": ("int", 0),
    "serialNumber": ("int", 0),
    "isLot": ("int", 0),
}
VARIANT_ATTRS = {
    "description": ("str", ""),
    "unlimitedStock": ("int", 0),
    "allowNegativeStock": ("int", 0),
    "state": ("int", 0),
    "barCode": ("str", ""),
    "code": ("str", ""),
    "imagestionCenterCost": ("int", 0),
    "imagestionAccount": ("int", 0),
    "imagestionConceptCod": ("int", 0),
    "imagestionProyectCod": ("int", 0),
    "imagestionCategoryCod": ("int", 0),
    "imagestionProductId": ("int", 0),
    "serialNumber": ("int", 0),
    "prestashopCombinationId": ("int", 0),
    "prestashopValueId": ("int", 0),
}
SERVICE = 1
def existing(ctx: Ctx, table: str, row_id: int | None, message: str) -> Row:
    """The row `row_id` of `table`, or 400 with `message`."""
    row = None if row_id is None else ctx.table(table).get(row_id)
    if row is None:
        raise bad_request(message)
    return row


# product types


def _attribute_changes(ctx: Ctx, product_type_id: int | None, body: Mapping[str, Any]) -> list[tuple[int | None, Row]]:
    """(existing attribute id or None to create, attributes) for each item of `attributes`."""
    changes: list[tuple[int | None, Row]] = []
    for item in objects(body, "attributes"):
        attribute_id = read(item, "id", "int")
        if attribute_id is None:
            read(item, "name", "str", required=True)
            changes.append((None, read_attrs(item, ATTRIBUTE_ATTRS, with_defaults=True)))
            continue
        attribute = ctx.table("product_type_attributes").get(attribute_id)
        if attribute is None or attribute["productTypeId"] != product_type_id:
            raise bad_request(INVALID_ATTRIBUTE)
        changes.append((attribute_id, read_attrs(item, ATTRIBUTE_ATTRS, with_defaults=False)))
    return changes


def _apply_attributes(ctx: Ctx, product_type_id: int, changes: list[tuple[int | None, Row]]) -> None:
    attributes = ctx.table("product_type_attributes")
    for attribute_id, attrs in changes:
        if attribute_id is None:
            attributes.insert({"productTypeId": product_type_id, **attrs})
        else:
            attributes.update(attribute_id, attrs)


def create_product_type(ctx: Ctx, body: dict[str, Any]) -> Row:
    read(body, "name", "str", required=True)
    attrs = read_attrs(body, PRODUCT_TYPE_ATTRS, with_defaults=True)
    changes = _attribute_changes(ctx, None, body)
    row = ctx.table("product_types").insert(attrs)
    _apply_attributes(ctx, row["id"], changes)
    return row


def update_product_type(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    """`attributes` with an `id` edit that attribute; without one they add another (as documented)."""
    attrs = read_attrs(body, PRODUCT_TYPE_ATTRS, with_defaults=False)
    changes = _attribute_changes(ctx, row["id"], body)
    _apply_attributes(ctx, row["id"], changes)
    return ctx.table("product_types").update(row["id"], attrs)


def delete_product_type(ctx: Ctx, row: Row) -> Row:
    return ctx.table("product_types").update(row["id"], {"state": INACTIVE})


# products


def _tax_ids(ctx: Ctx, body: Mapping[str, Any]) -> list[int] | None:
    """`taxes` as ids (`[1, 2]`, `"[1,2]"`, `[{"id": 1}]`), each an existing tax; None when absent."""
    raw = body.get("taxes")
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = parse_list(raw)
    if not isinstance(raw, list):
        raise BsaleError(400, TYPE_MISMATCH)
    ids = [read(item, "id", "int") if isinstance(item, dict) else read({"id": item}, "id", "int") for item in raw]
    taxes = ctx.table("taxes")
    if any(tax_id not in taxes.rows for tax_id in ids):
        raise bad_request(INVALID_TAX)
    return list(dict.fromkeys(ids))


def default_tax_ids(ctx: Ctx) -> list[int]:
    """The taxes Bsale gives a product created without `taxes`: those set for every product."""
    return [tax["id"] for tax in ctx.table("taxes") if tax.get("forAllProducts") and tax.get("state", 0) == 0]


def _set_taxes(ctx: Ctx, product_id: int, tax_ids: list[int]) -> None:
    table = ctx.table("product_taxes")
    current = {row["taxId"]: row for row in table.find("productId", product_id)}
    for tax_id, row in current.items():
        if tax_id not in tax_ids:
            table.delete(row["id"])
    for tax_id in tax_ids:
        if tax_id not in current:
            table.insert({"productId": product_id, "taxId": tax_id})


def _product_type_id(ctx: Ctx, body: Mapping[str, Any], *, required: bool) -> int | None:
    type_id = read(body, "productTypeId", "int", required=required)
    if type_id is not None:
        existing(ctx, "product_types", type_id, INVALID_PRODUCT_TYPE)
    return type_id


def create_product(ctx: Ctx, body: dict[str, Any]) -> Row:
    read(body, "name", "str", required=True)
    type_id = _product_type_id(ctx, body, required=True)
    attrs = read_attrs(body, PRODUCT_ATTRS, with_defaults=True)
    if "stockControl" not in body and attrs["classification"] == SERVICE:
        attrs["stockControl"] = 0
    tax_ids = _tax_ids(ctx, body)
    row = ctx.table("products").insert({**attrs, "productTypeId": type_id})
    _set_taxes(ctx, row["id"], default_tax_ids(ctx) if tax_ids is None else tax_ids)
    ctx.emit("product", "post", row["id"])
    return row


def update_product(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    type_id = _product_type_id(ctx, body, required=False)
    attrs = read_attrs(body, PRODUCT_ATTRS, with_defaults=False)
    tax_ids = _tax_ids(ctx, body)
    if type_id is not None:
        attrs["productTypeId"] = type_id
    if tax_ids is not None:
        _set_taxes(ctx, row["id"], tax_ids)
    ctx.emit("product", "put", row["id"])
    return ctx.table("products").update(row["id"], attrs)


def delete_product(ctx: Ctx, row: Row) -> Row:
    ctx.emit("product", "put", row["id"])
    return ctx.table("products").update(row["id"], {"state": INACTIVE})


# variants


def _attribute_values(ctx: Ctx, product: Row, body: Mapping[str, Any]) -> list[Row]:
    """`attribute_values` items, each naming an attribute of the product's type."""
    values: list[Row] = []
    for item in objects(body, "attribute_values"):
        attribute_id = read(item, "attributeId", "int", required=True)
        attribute = ctx.table("product_type_attributes").get(attribute_id)
        if attribute is None or attribute["productTypeId"] != product["productTypeId"]:
            raise bad_request(INVALID_ATTRIBUTE)
        values.append({"attributeId": attribute_id, "description": read(item, "description", "str", "")})
    return values


def _set_attribute_values(ctx: Ctx, variant_id: int, values: list[Row]) -> None:
    table = ctx.table("variant_attribute_values")
    current = {row["attributeId"]: row for row in table.find("variantId", variant_id)}
    for value in values:
        if value["attributeId"] in current:
            table.update(current[value["attributeId"]]["id"], {"description": value["description"]})
        else:
            table.insert({"variantId": variant_id, **value})


def generated_code(ctx: Ctx) -> str:
    """The SKU Bsale gives a variant created without `code`: the Unix time (the documented example)
    by the mock's clock, moved on to the next free number when taken."""
    variants = ctx.table("variants")
    number = ctx.now()
    while variants.lookup("code", str(number)):
        number += 1
    return str(number)


def create_variant(ctx: Ctx, body: dict[str, Any]) -> Row:
    """A new variant, with a zero price in every price list (prices are set with PUT on the details)."""
    product = existing(ctx, "products", read(body, "productId", "int", required=True), INVALID_PRODUCT)
    attrs = read_attrs(body, VARIANT_ATTRS, with_defaults=True)
    values = _attribute_values(ctx, product, body)
    if "serialNumber" not in body:
        attrs["serialNumber"] = product.get("serialNumber", 0)
    attrs["code"] = attrs["code"] or generated_code(ctx)
    attrs["barCode"] = attrs["barCode"] or attrs["code"]
    row = ctx.table("variants").insert({**attrs, "productId": product["id"]})
    _set_attribute_values(ctx, row["id"], values)
    details = ctx.table("price_list_details")
    for price_list in ctx.table("price_lists"):
        details.insert({"priceListId": price_list["id"], "variantId": row["id"], "variantValue": 0.0})
    ctx.emit("variant", "post", row["id"])
    return row


def update_variant(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    product_id = read(body, "productId", "int")
    product = existing(ctx, "products", product_id or row["productId"], INVALID_PRODUCT)
    attrs = read_attrs(body, VARIANT_ATTRS, with_defaults=False)
    values = _attribute_values(ctx, product, body)
    _set_attribute_values(ctx, row["id"], values)
    ctx.emit("variant", "put", row["id"])
    return ctx.table("variants").update(row["id"], {**attrs, "productId": product["id"]})


def delete_variant(ctx: Ctx, row: Row) -> Row:
    ctx.emit("variant", "put", row["id"])
    return ctx.table("variants").update(row["id"], {"state": INACTIVE})


# prices


def update_price(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    """A price list detail's net `variantValue` (the body may repeat the detail's `id`)."""
    value = read_amount(body, "variantValue", required=True)
    ctx.emit("price", "put", row["variantId"], priceListId=row["priceListId"])
    return ctx.table("price_list_details").update(row["id"], {"variantValue": value})
