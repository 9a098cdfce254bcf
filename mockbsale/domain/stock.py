"""Stock: quantities per (variant, office), moved by receptions, consumptions, dispatched
documents, returns and deletions. Every move raises one `stock`/`put` event per pair."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockbsale.domain import packs
from mockbsale.domain.body import objects, read, read_amount, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

NO_STOCK = "There is no stock for this products: {codes}"
DAY = 86400


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


def goods(ctx: Ctx, wanted: Mapping[int, float]) -> dict[int, float]:
    """The stock that moving `wanted` (quantity per variant) moves: a pack's components instead of
    the pack (see `packs.stock_parts`)."""
    out: dict[int, float] = {}
    for variant_id, quantity in wanted.items():
        for part_id, each in packs.stock_parts(ctx, variant_id):
            out[part_id] = out.get(part_id, 0.0) + quantity * each
    return out


def move(ctx: Ctx, variant_id: int, office_id: int, delta: float) -> Row:
    """Add `delta` (negative to take out) to the stock of a variant in an office."""
    stocks = ctx.table("stocks")
    row = stock_row(ctx, variant_id, office_id)
    if row is None:
        row = stocks.insert({"variantId": variant_id, "officeId": office_id, "quantity": 0.0, "quantityReserved": 0.0})
    row = stocks.update(row["id"], {"quantity": float(row["quantity"]) + delta})
    ctx.emit("stock", "put", variant_id, officeId=office_id)
    return row


def move_goods(ctx: Ctx, office_id: int, deltas: Mapping[int, float]) -> None:
    """Move each variant's stock by its delta (a pack's: its components', see `goods`)."""
    for variant_id, delta in goods(ctx, deltas).items():
        move(ctx, variant_id, office_id, delta)


# receptions and consumptions

INVALID_VARIANT = "invalid variant"
INVALID_OFFICE = "invalid office"
INVALID_QUANTITY = "invalid quantity"
INVALID_CONSUMPTION_TYPE = "invalid consumption type"
DEFAULT_CONSUMPTION_TYPE = 1


@dataclass(frozen=True)
class Line:
    """One validated detail of a reception or consumption."""

    variant_id: int
    quantity: float
    cost: float | None
    serial_number: str | None


def find_variant(ctx: Ctx, item: Mapping[str, Any]) -> Row:
    """The active variant a detail names by `variantId` (or `id`), `code` or `barCode`; 400 otherwise."""
    variants = ctx.table("variants")
    variant_id = read(item, "variantId", "int")
    if variant_id is None:
        variant_id = read(item, "id", "int")
    if variant_id is not None:
        variant = variants.get(variant_id)
    else:
        code, bar_code = read(item, "code", "str"), read(item, "barCode", "str")
        variant = variants.first("code", code) if code is not None else None
        if variant is None and bar_code is not None:
            variant = variants.first("barCode", bar_code)
    if variant is None or variant.get("state", 0) != 0:
        raise bad_request(INVALID_VARIANT)
    return variant


def read_office(ctx: Ctx, body: Mapping[str, Any]) -> int:
    office = ctx.table("offices").get(read(body, "officeId", "int", required=True))
    if office is None:
        raise bad_request(INVALID_OFFICE)
    return office["id"]


def read_lines(ctx: Ctx, body: Mapping[str, Any], *, required: bool = True) -> list[Line]:
    """Every detail of the body, validated: a known variant and a positive quantity."""
    lines = []
    for item in objects(body, "details", required=required):
        variant = find_variant(ctx, item)
        quantity = read_amount(item, "quantity", required=True)
        if quantity <= 0:
            raise bad_request(INVALID_QUANTITY)
        cost = read_amount(item, "cost")
        serial = read(item, "serialNumber", "str")
        lines.append(Line(variant["id"], quantity, cost, serial))
    return lines


def today(ctx: Ctx) -> int:
    """00:00 UTC of the current day, as Bsale stores reception and consumption dates."""
    return ctx.now() // DAY * DAY


def total_by_variant(lines: list[Line]) -> dict[int, float]:
    wanted: dict[int, float] = {}
    for line in lines:
        wanted[line.variant_id] = wanted.get(line.variant_id, 0.0) + line.quantity
    return wanted


def receive(ctx: Ctx, reception: Row, line: Line) -> Row:
    """Add one line to a reception and its quantity to the office's stock."""
    stock = move(ctx, line.variant_id, reception["officeId"], line.quantity)
    return ctx.table("stock_reception_details").insert(
        {"receptionId": reception["id"], "variantId": line.variant_id, "quantity": line.quantity,
         "cost": line.cost or 0.0, "variantStock": stock["quantity"], "serialNumber": line.serial_number}
    )


RECEPTION_ATTRS = {"document": ("str", ""), "documentNumber": ("str", ""), "note": ("str", "")}
CONSUMPTION_ATTRS = {"note": ("str", "")}


def create_reception(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/stocks/receptions.json`: the stock of every detail goes up at the office."""
    office_id = read_office(ctx, body)
    attrs = read_attrs(body, RECEPTION_ATTRS, with_defaults=True)
    admission = read(body, "admissionDate", "int", today(ctx))
    lines = read_lines(ctx, body)
    reception = ctx.table("stock_receptions").insert(
        {"admissionDate": admission, **attrs, "imagestionCctId": 0, "imagestionCcDescription": None,
         "internalDispatchId": 0, "updateStock": 0, "officeId": office_id, "userId": read(body, "userId", "int", 1)}
    )
    for line in lines:
        receive(ctx, reception, line)
    return reception


def update_reception(ctx: Ctx, reception: Row, body: dict[str, Any]) -> Row:
    """`PUT /v1/stocks/receptions/{id}.json`: edits the header; a detail naming a variant already
    received sets that detail's quantity and cost, moving the stock by the difference; another
    variant is received as a new detail. The office stays (the documented response keeps it)."""
    attrs = read_attrs(body, RECEPTION_ATTRS, with_defaults=False)
    lines = read_lines(ctx, body, required=False)
    details = ctx.table("stock_reception_details")
    by_variant = {row["variantId"]: row for row in details.find("receptionId", reception["id"])}
    edits = [(by_variant.get(line.variant_id), line) for line in lines]
    taken = {
        detail["variantId"]: detail["quantity"] - line.quantity
        for detail, line in edits
        if detail is not None and line.quantity < detail["quantity"]
    }
    check_available(ctx, reception["officeId"], taken)
    for detail, line in edits:
        if detail is None:
            receive(ctx, reception, line)
            continue
        stock = move(ctx, detail["variantId"], reception["officeId"], line.quantity - detail["quantity"])
        changes = {"quantity": line.quantity, "variantStock": stock["quantity"]}
        if line.cost is not None:
            changes["cost"] = line.cost
        details.update(detail["id"], changes)
    return ctx.table("stock_receptions").update(reception["id"], attrs)


def create_consumption(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/stocks/consumptions.json`: the stock of every detail goes down at the office,
    refused with Bsale's no-stock error when a variant that controls stock lacks the quantity."""
    office_id = read_office(ctx, body)
    attrs = read_attrs(body, CONSUMPTION_ATTRS, with_defaults=True)
    type_id = read(body, "consumptionTypeId", "int", DEFAULT_CONSUMPTION_TYPE)
    if ctx.table("stock_consumption_types").get(type_id) is None:
        raise bad_request(INVALID_CONSUMPTION_TYPE)
    lines = read_lines(ctx, body)
    check_available(ctx, office_id, total_by_variant(lines))
    consumption = ctx.table("stock_consumptions").insert(
        {"consumptionDate": read(body, "consumptionDate", "int", today(ctx)), **attrs,
         "imagestionCcdescription": None, "imagestionCenterCostId": None, "updateStock": 0,
         "consumptionTypeId": type_id, "officeId": office_id, "userId": read(body, "userId", "int", 1)}
    )
    details = ctx.table("stock_consumption_details")
    for line in lines:
        cost = average_cost(ctx, line.variant_id)
        stock = move(ctx, line.variant_id, office_id, -line.quantity)
        details.insert(
            {"consumptionId": consumption["id"], "variantId": line.variant_id, "quantity": line.quantity,
             "cost": cost, "variantStock": stock["quantity"], "serialNumber": line.serial_number}
        )
    return consumption


# costs


def average_cost(ctx: Ctx, variant_id: int) -> float:
    """The cost of every reception of the variant, weighted by quantity."""
    received = ctx.table("stock_reception_details").find("variantId", variant_id)
    quantity = sum(row["quantity"] for row in received)
    if quantity <= 0:
        return 0.0
    return round(sum(row["quantity"] * row["cost"] for row in received) / quantity, 2)


def fifo_available(ctx: Ctx, variant_id: int) -> list[tuple[Row, float]]:
    """Each reception detail of the variant (oldest first) with what is left of it when the stock
    on hand in every office is taken to come from the newest receptions (first in, first out)."""
    received = ctx.table("stock_reception_details").find("variantId", variant_id)
    on_hand = max(sum(row["quantity"] for row in ctx.table("stocks").find("variantId", variant_id)), 0.0)
    left: list[tuple[Row, float]] = []
    for row in reversed(received):
        share = min(row["quantity"], on_hand)
        on_hand -= share
        left.append((row, share))
    return left[::-1]
