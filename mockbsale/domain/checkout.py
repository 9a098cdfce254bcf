"""Online store orders: carts, checkouts "sin documento" and the courier order of a checkout
with shipping. Neither a cart nor a checkout reserves stock (as Bsale documents); a courier's
dispatch states move the checkout's `orderStatus`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from mockbsale.domain.body import objects, read, read_amount, read_attrs, required_message
from mockbsale.domain.catalog import existing
from mockbsale.domain.context import Ctx
from mockbsale.domain.stock import INVALID_QUANTITY, INVALID_VARIANT
from mockbsale.domain.taxes import variant_tax_rate
from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request, not_found
from mockbsale.store.table import Row

INVALID_DETAIL = "invalid cart detail"
INVALID_PRICE = "invalid unitValue"
INVALID_PRODUCT_WEB = "invalid productWebId"
INVALID_MARKET = "invalid market"
INVALID_OFFICE = "invalid office"
INVALID_DOCUMENT = "invalid document"
INVALID_PAY_PROCESS = "invalid payProcess"
INVALID_ORDER = "invalid order"
INVALID_STATE = "invalid state"
PAY_PROCESSES = ("success", "for_validate", "pending", "fail")
PAYMENT_METHODS = {1: "Webpay", 2: "Transferencia Bancaria", 6: "Transferencia Electrónica"}
DELIVERY_TYPE = {"id": 1, "name": "Despacho a domicilio", "code": "dom001", "courierId": 1}
READY, DISPATCHED, DELIVERED = 0, 6, 7
"""`orderStatus` of a checkout: ready for dispatch, dispatched, delivered."""
IN_TRANSIT, ARRIVED = 2, 3
COURIER_STATES = range(1, 7)
"""Courier states: 1 to pick up, 2 in transit, 3 delivered, 4 and 5 problems, 6 void."""
ORDER_STATUS = {IN_TRANSIT: DISPATCHED, ARRIVED: DELIVERED}
DECIMALS = 4
"""Gross values computed from net ones keep 4 decimals (`"totalCart": 92317.3321`)."""

AMOUNTS = ("quantity", "unitValue", "netUnitValue", "discount")
DETAIL_ATTRS = {"itemName": ("str", None), "image": ("str", None), "productWebId": ("int", None)}
NEW_DETAIL = {"quantity": 1.0, "unitValue": None, "netUnitValue": None, "discount": 0.0, "itemName": None,
              "image": None, "productWebId": None}
CLIENT_ATTRS = {
    name: ("str", None)
    for name in ("clientName", "clientLastName", "clientEmail", "clientPhone", "clientCountry", "clientState",
                 "clientCity", "clientStreet", "clientCityZone", "clientPostcode", "clientBuildingNumber",
                 "shippingComment", "pickName", "pickCode")
}
DOCUMENT_ATTRS = {
    "id_tipo_documento_tributario": ("int", None),
    "id_venta_documento_tributario": ("int", 0),
    "documentNumber": ("int", 0),
    "documentToken": ("str", None),
}


def object_attr(body: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is not None and not isinstance(value, Mapping):
        raise BsaleError(400, TYPE_MISMATCH)
    return None if value is None else dict(value)


# carts


def detail_total(detail: Row) -> float:
    """Gross value of a cart line: quantity x unitValue less `discount` %."""
    return round(detail["quantity"] * detail["unitValue"] * (1 - detail["discount"] / 100), DECIMALS)


def cart_total(ctx: Ctx, cart_id: int) -> float:
    return round(sum(detail_total(detail) for detail in ctx.table("cart_details").find("cartId", cart_id)), DECIMALS)


def read_detail(ctx: Ctx, body: Mapping[str, Any], market_id: int, line: Row | None = None) -> dict[str, Any]:
    """One cart line (new, or `line` edited): a known variant, a positive quantity, a discount % and
    a gross `unitValue` or a `netUnitValue` (the other one follows from the variant's taxes)."""
    values = read_attrs(body, DETAIL_ATTRS, with_defaults=False)
    values.update({name: read_amount(body, name) for name in AMOUNTS if read_amount(body, name) is not None})
    variant_id = read(body, "idVarianteProducto", "int")
    if variant_id is not None:
        variant = existing(ctx, "variants", variant_id, INVALID_VARIANT)
        if variant["state"] != 0:
            raise bad_request(INVALID_VARIANT)
        values["variantId"] = variant_id
    merged = {**(line or NEW_DETAIL), **values}
    if "variantId" not in merged:
        raise bad_request(INVALID_VARIANT)
    if merged["quantity"] <= 0 or not 0 <= merged["discount"] <= 100:
        raise bad_request(INVALID_QUANTITY)
    rate = variant_tax_rate(ctx, merged["variantId"])
    if "unitValue" in values:
        merged["netUnitValue"] = values["unitValue"] / (1 + rate)
    elif "netUnitValue" in values:
        merged["unitValue"] = round(values["netUnitValue"] * (1 + rate), DECIMALS)
    elif line is None or "variantId" in values:
        raise bad_request(required_message("unitValue"))
    if merged["unitValue"] < 0:
        raise bad_request(INVALID_PRICE)
    if merged["productWebId"] is None:
        product_id = ctx.table("variants").rows[merged["variantId"]]["productId"]
        webs = ctx.table("product_webs").find("productId", product_id)
        merged["productWebId"] = next((web["id"] for web in webs if web["marketId"] == market_id), None)
    else:
        existing(ctx, "product_webs", merged["productWebId"], INVALID_PRODUCT_WEB)
    return {name: value for name, value in merged.items() if name not in ("id", "cartId")}


Lines = list[tuple[Row | None, dict[str, Any]]]


def read_details(ctx: Ctx, body: Mapping[str, Any], cart: Row | None) -> Lines:
    """Every line of `cartDetails`: (the line it edits, by `id`, or None to add one; its values)."""
    market_id = cart["marketId"] if cart else first_market(ctx)["id"]
    lines: Lines = []
    for item in objects(body, "cartDetails"):
        line = None
        detail_id = read(item, "id", "int")
        if detail_id is not None:
            line = ctx.table("cart_details").get(detail_id)
            if cart is None or line is None or line["cartId"] != cart["id"]:
                raise bad_request(INVALID_DETAIL)
        lines.append((line, read_detail(ctx, item, market_id, line)))
    return lines


def write_details(ctx: Ctx, cart_id: int, lines: Lines) -> None:
    details = ctx.table("cart_details")
    for line, values in lines:
        if line is None:
            details.insert({"cartId": cart_id, **values})
        else:
            details.update(line["id"], values)


def first_market(ctx: Ctx) -> Row:
    market = next(iter(ctx.table("markets")), None)
    if market is None:
        raise bad_request(INVALID_MARKET)
    return market


def create_cart(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/cart/new.json`: a cart of the store with its lines (no stock is reserved)."""
    market = first_market(ctx)
    return new_cart(ctx, market["id"], read_details(ctx, body, None))


def new_cart(ctx: Ctx, market_id: int, lines: Lines) -> Row:
    cart = ctx.table("carts").insert({"createAt": ctx.now(), "marketId": market_id})
    write_details(ctx, cart["id"], lines)
    return cart


def update_cart(ctx: Ctx, cart: Row, body: dict[str, Any]) -> Row:
    """`PUT /v1/cart/{id}.json`: lines with an `id` are edited, the others added."""
    write_details(ctx, cart["id"], read_details(ctx, body, cart))
    return cart


def delete_detail(ctx: Ctx, cart_id: int, detail_id: int) -> None:
    details = ctx.table("cart_details")
    detail = details.get(detail_id)
    if ctx.table("carts").get(cart_id) is None or detail is None or detail["cartId"] != cart_id:
        raise not_found()
    details.delete(detail_id)


# checkouts


def checkout_token(ctx: Ctx, checkout_id: int) -> str:
    return hashlib.sha1(f"checkout-{ctx.company.cpn_id}-{checkout_id}".encode()).hexdigest()


def read_documents(ctx: Ctx, body: Mapping[str, Any], *, with_defaults: bool) -> dict[str, Any]:
    """The pre-sale document a checkout references (`id_venta_documento_tributario`); 0 is none."""
    values = read_attrs(body, DOCUMENT_ATTRS, with_defaults=with_defaults)
    document_id = values.get("id_venta_documento_tributario")
    if document_id:
        document = ctx.table("documents").get(document_id)
        if document is None:
            raise bad_request(INVALID_DOCUMENT)
        values["documentNumber"] = values.get("documentNumber") or document["number"]
        values["documentToken"] = values.get("documentToken") or document["token"]
    return values


def read_checkout(ctx: Ctx, body: Mapping[str, Any], *, with_defaults: bool) -> dict[str, Any]:
    values = read_attrs(body, CLIENT_ATTRS, with_defaults=with_defaults)
    values.update(read_documents(ctx, body, with_defaults=with_defaults))
    if "extrasUserData" in body:
        values["extrasUserData"] = object_attr(body, "extrasUserData")
    pay_process = read(body, "payProcess", "str")
    if pay_process is not None:
        if pay_process not in PAY_PROCESSES:
            raise bad_request(INVALID_PAY_PROCESS)
        values["payProcess"] = pay_process
    for name in ("active", "orderStatus"):
        if name in body:
            values[name] = read(body, name, "int", 0)
    return values


def create_checkout(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/markets/checkout.json`: a web order without a document, on a new cart of its lines;
    with shipping (`withdrawStore` 0) it also makes the order a courier will dispatch."""
    read(body, "clientName", "str", required=True)
    read(body, "clientEmail", "str", required=True)
    values = read_checkout(ctx, body, with_defaults=True)
    market_id = read(body, "marketId", "int")
    market = first_market(ctx) if market_id is None else ctx.table("markets").get(market_id)
    if market is None:
        raise bad_request(INVALID_MARKET)
    withdraw = 1 if read(body, "withdrawStore", "int", 0) else 0
    pick_store = read(body, "pickStoreId", "int", 0)
    if withdraw and ctx.table("offices").get(pick_store) is None:
        raise bad_request(INVALID_OFFICE)
    pt_id = read(body, "ptId", "int", 1)
    client = ctx.table("clients").first("code", read(body, "code", "str"))
    lines: Lines = [(None, read_detail(ctx, item, market["id"])) for item in objects(body, "cartDetails")]
    if not lines:
        raise bad_request(required_message("cartDetails"))
    numbers = {
        "shippingCost": read_amount(body, "shippingCost", 0.0),
        "discountCost": read_amount(body, "discountCost", 0.0),
        "spcId": read(body, "spcId", "int"),
    }
    cart = new_cart(ctx, market["id"], lines)
    checkouts = ctx.table("checkouts")
    row = {
        "token": checkout_token(ctx, checkouts.next_id), **values, **numbers, "cartId": cart["id"], "ptId": pt_id,
        "createAt": cart["createAt"], "isMafs": 0, "active": values.get("active", 1), "pickStoreId": pick_store,
        "storeId": market["officeId"], "marketId": market["id"], "isService": services_only(ctx, cart["id"]),
        "withdrawStore": withdraw, "payProcess": values.get("payProcess") or "pending",
        "ptName": PAYMENT_METHODS.get(pt_id), "stName": None if withdraw else DELIVERY_TYPE["name"],
        "clientId": client["id"] if client else None, "orderStatus": values.get("orderStatus", READY),
    }
    checkout = checkouts.insert(row)
    if not withdraw:
        create_courier_order(ctx, checkout)
    return checkout


def services_only(ctx: Ctx, cart_id: int) -> int:
    variants, products = ctx.table("variants"), ctx.table("products")
    classes = {products.rows[variants.rows[detail["variantId"]]["productId"]]["classification"]
               for detail in ctx.table("cart_details").find("cartId", cart_id)}
    return 1 if classes == {1} else 0


def update_checkout(ctx: Ctx, checkout: Row, body: dict[str, Any]) -> Row:
    """`PUT /v1/markets/checkout/{id}.json`: client data, the referenced document, payment state."""
    return ctx.table("checkouts").update(checkout["id"], read_checkout(ctx, body, with_defaults=False))


# courier orders


def create_courier_order(ctx: Ctx, checkout: Row) -> Row:
    order = ctx.table("courier_orders").insert(
        {"checkoutId": checkout["id"], "packagingType": 0, "courierId": DELIVERY_TYPE["courierId"],
         "sellerId": ctx.company.cpn_id, "stateId": 1, "label": "", "trackingNumber": ""}
    )
    ctx.emit("courierOrder", "post", order["id"], sellerId=order["sellerId"], userToken=ctx.company.token)
    webs, variants, products = ctx.table("product_webs"), ctx.table("variants"), ctx.table("products")
    for detail in ctx.table("cart_details").find("cartId", checkout["cartId"]):
        variant = variants.rows[detail["variantId"]]
        web = webs.get(detail["productWebId"]) if detail.get("productWebId") else None
        name = detail.get("itemName") or f"{products.rows[variant['productId']]['name']} {variant['description']}"
        ctx.table("courier_order_details").insert(
            {"orderId": order["id"], "description": name.strip(), "quantity": detail["quantity"],
             **{key: web[source] if web else 0.0 for key, source in SIZES.items()}}
        )
    return order


SIZES = {"weight": "weight", "length": "length", "width": "width", "height": "depth"}
"""Courier parcel size from the web description: kg and cm (the height is its `depth`)."""


def add_log(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/logs.json`: a dispatch state of a courier order; in transit and delivered move
    the checkout's `orderStatus` to dispatched (6) and delivered (7)."""
    order = ctx.table("courier_orders").get(read(body, "orderId", "int", required=True))
    if order is None:
        raise bad_request(INVALID_ORDER)
    state = read(body, "stateId", "int", required=True)
    if state not in COURIER_STATES:
        raise bad_request(INVALID_STATE)
    log = ctx.table("courier_logs").insert(
        {"orderId": order["id"], "description": read(body, "description", "str", ""), "stateId": state,
         "createAt": ctx.now()}
    )
    ctx.table("courier_orders").update(order["id"], {"stateId": state})
    if state in ORDER_STATUS:
        ctx.table("checkouts").update(order["checkoutId"], {"orderStatus": ORDER_STATUS[state]})
    return log


def set_label(ctx: Ctx, order: Row, body: Mapping[str, Any]) -> Row:
    """`POST /v1/couriers/orders/{id}/label.json`: the tracking number and the label's URL."""
    changes = read_attrs(body, {"trackingNumber": ("str", ""), "label": ("str", "")}, with_defaults=False)
    return ctx.table("courier_orders").update(order["id"], changes)
