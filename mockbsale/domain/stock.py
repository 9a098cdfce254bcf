"""Stock: quantities per (variant, office), moved by receptions, consumptions, dispatched
documents, returns and deletions. Every move raises one `stock`/`put` event per pair."""

from __future__ import annotations

from mockbsale.http.errors import bad_request
from mockbsale.resources.context import Ctx
from mockbsale.store.table import Row

NO_STOCK = "There is no stock for this products: {codes}"


def stock_row(ctx: Ctx, variant_id: int, office_id: int) -> Row | None:
    stocks = ctx.table("stocks")
    for row_id in stocks.lookup("variantId", variant_id):
        row = stocks.rows[row_id]
        if row["officeId"] == office_id:
            return row
    return None


def available(ctx: Ctx, variant_id: int, office_id: int) -> float:
    row = stock_row(ctx, variant_id, office_id)
    return 0.0 if row is None else row["quantity"] - row["quantityReserved"]


def controls_stock(ctx: Ctx, variant: Row) -> bool:
    """Whether taking this variant out can be refused for lack of stock."""
    if variant.get("unlimitedStock") or variant.get("allowNegativeStock"):
        return False
    product = ctx.table("products").get(variant["productId"])
    return bool(product is None or product.get("stockControl", 1))


def check_available(ctx: Ctx, office_id: int, wanted: dict[int, float]) -> None:
    """Refuse (400, Bsale's message naming the SKUs) if any variant lacks the quantity to take out."""
    variants = ctx.table("variants")
    short = [
        variants.rows[variant_id]["code"]
        for variant_id, quantity in wanted.items()
        if controls_stock(ctx, variants.rows[variant_id]) and available(ctx, variant_id, office_id) < quantity
    ]
    if short:
        raise bad_request(NO_STOCK.format(codes=", ".join(short)))


def move(ctx: Ctx, variant_id: int, office_id: int, delta: float) -> Row:
    """Add `delta` (negative to take out) to the stock of a variant in an office."""
    stocks = ctx.table("stocks")
    row = stock_row(ctx, variant_id, office_id)
    if row is None:
        row = stocks.insert({"variantId": variant_id, "officeId": office_id, "quantity": 0.0, "quantityReserved": 0.0})
    stocks.update(row["id"], {"quantity": float(row["quantity"]) + delta})
    ctx.emit("stock", "put", variant_id, officeId=office_id)
    return row
