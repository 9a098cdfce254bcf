"""Fire one notification on demand by making a realistic change, through the API's own handlers,
so that a GET of the notification's `resource` shows what it announces (as `stripe trigger` does)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from mockbsale.domain.countries import country
from mockbsale.events import Event
from mockbsale.http.errors import BsaleError
from mockbsale.store import Company, atomic
from mockbsale.store.table import Row
from mockbsale.webhooks.inprocess import Api, call_api
from mockbsale.webhooks.payloads import ACTIONS

Recipe = Callable[[Api, Company, "int | None"], list[Event]]
"""(api, company, resource id or None) -> the events of the change it made."""

NOTE = "mockbsale trigger"


def first_active(company: Company, table: str, **match: int) -> int:
    """The id of the first active row (`state` 0) of `table` whose keys equal `match`."""
    for row in company.table(table):
        if row.get("state", 0) == 0 and all(row.get(key) == value for key, value in match.items()):
            return row["id"]
    raise LookupError(f"company {company.cpn_id} has no active {table} to change")


def stamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def create(path: str, body: Callable[[Company], dict[str, Any]]) -> Recipe:
    """A recipe POSTing `body(company)` to `path` (the resource id is not used: a new one is made)."""

    def recipe(api: Api, company: Company, _: int | None) -> list[Event]:
        return call_api(api, company, "POST", path, body(company))[1]

    return recipe


def edit(collection: str) -> Recipe:
    """A recipe changing the `description` of `/v1/<collection>/{id}.json` (default: the first active)."""

    def recipe(api: Api, company: Company, row_id: int | None) -> list[Event]:
        path = f"/v1/{collection}/{row_id or first_active(company, collection)}.json"
        return call_api(api, company, "PUT", path, {"description": f"Editado por {NOTE} {stamp()}"})[1]

    return recipe


def price_detail(company: Company, variant_id: int, price_list_id: int) -> Row:
    """The variant's detail in the price list."""
    details = company.table("price_list_details").find("variantId", variant_id)
    detail = next((row for row in details if row["priceListId"] == price_list_id), None)
    if detail is None:
        raise LookupError(f"variant {variant_id} has no price in price list {price_list_id}")
    return detail


def price_put(api: Api, company: Company, variant_id: int | None) -> list[Event]:
    """The variant's net price in the first price list goes up 5 % (at least 100)."""
    variant_id = variant_id or first_active(company, "variants")
    price_list_id = first_active(company, "price_lists")
    detail = price_detail(company, variant_id, price_list_id)
    value = round(max(detail["variantValue"] * 1.05, detail["variantValue"] + 100), 2)
    path = f"/v1/price_lists/{price_list_id}/details/{detail['id']}.json"
    return call_api(api, company, "PUT", path, {"id": detail["id"], "variantValue": value})[1]


def stock_put(api: Api, company: Company, variant_id: int | None) -> list[Event]:
    """A reception of one unit of the variant at the first office."""
    body = {
        "document": "Guía de despacho", "documentNumber": stamp(), "note": NOTE,
        "officeId": first_active(company, "offices"),
        "details": [{"variantId": variant_id or first_active(company, "variants"), "quantity": 1}],
    }
    return call_api(api, company, "POST", "/v1/stocks/receptions.json", body)[1]


def in_stock(company: Company, variant_id: int | None) -> tuple[int, int]:
    """(variant, office): the given variant (or the first active one) where one unit is available."""
    stocks = company.table("stocks")
    for row in stocks if variant_id is None else stocks.find("variantId", variant_id):
        variant = company.table("variants").get(row["variantId"])
        office = company.table("offices").get(row["officeId"])
        active = variant is not None and office is not None and variant["state"] == office["state"] == 0
        if active and row["quantity"] - row["quantityReserved"] >= 1:
            return row["variantId"], row["officeId"]
    what = "variant" if variant_id is None else f"variant {variant_id}"
    raise LookupError(f"company {company.cpn_id} has no {what} in stock")


def tax_ids(company: Company, variant_id: int) -> str:
    """`taxId` as shops send it (`"[1]"`): the taxes of the variant's product (IVA for most goods)."""
    product_id = company.table("variants").rows[variant_id]["productId"]
    taxes = company.table("product_taxes").find("productId", product_id)
    return "[" + ",".join(str(row["taxId"]) for row in taxes) + "]"


def sell(api: Api, company: Company, variant_id: int | None, **extra: Any) -> tuple[Row, list[Event]]:
    """A boleta (SII 39, SUNAT 03) of one unit with its product's taxes, dispatched from an office
    that has it: the stock goes down."""
    variant_id, office_id = in_stock(company, variant_id)
    where = country(company.country)
    line = {"variantId": variant_id, "quantity": 1, "taxId": tax_ids(company, variant_id), "comment": NOTE}
    body = {where.served("codeSii"): where.ticket_code, "officeId": office_id, "dispatch": 1,
            where.served("declareSii"): 1, "details": [line], **extra}
    return call_api(api, company, "POST", "/v1/documents.json", body)


def document_post(api: Api, company: Company, variant_id: int | None) -> list[Event]:
    return sell(api, company, variant_id)[1]


def payment_post(api: Api, company: Company, document_id: int | None) -> list[Event]:
    """The full total of the document paid in the first payment type; without a document, an
    unpaid sale is made first."""
    setup: list[Event] = []
    if document_id is None:
        document, setup = sell(api, company, None, payments=[])
    else:
        found = company.table("documents").get(document_id)
        if found is None:
            raise LookupError(f"company {company.cpn_id} has no document {document_id}")
        document = found
    body = {"documentId": document["id"], "paymentTypeId": first_active(company, "payment_types"),
            "amount": document["totalAmount"], "recordDate": int(time.time())}
    return call_api(api, company, "POST", "/v1/payments.json", body)[1] + setup


def payment_put(api: Api, company: Company, payment_id: int | None) -> list[Event]:
    """The payment's record date set to now; without a payment, a paid sale is made first."""
    setup: list[Event] = []
    if payment_id is None:
        setup = sell(api, company, None)[1]
        payment_id = max(row["id"] for row in company.table("payments"))
    body = {"recordDate": int(time.time())}
    return call_api(api, company, "PUT", f"/v1/payments/{payment_id}.json", body)[1] + setup


def shipped_checkout(company: Company) -> dict[str, Any]:
    """A checkout with shipping (`withdrawStore` 0) of one unit of the online store's first web
    product, at its price in the store's price list, for the first active client."""
    web = next(iter(company.table("product_webs")), None)
    if web is None:
        raise LookupError(f"company {company.cpn_id} publishes nothing in its online store")
    market = company.table("markets").rows[web["marketId"]]
    client = company.table("clients").rows[first_active(company, "clients")]
    price = price_detail(company, web["idVariantDefault"], market["priceListId"])["variantValue"]
    return {
        "clientName": client["firstName"], "clientLastName": client["lastName"], "clientEmail": client["email"],
        "clientPhone": client["phone"], "code": client["code"], "marketId": market["id"], "withdrawStore": 0,
        "clientCountry": country(company.country).name, "clientCity": client["city"],
        "clientCityZone": client["municipality"], "clientStreet": client["address"], "shippingComment": NOTE,
        "cartDetails": [{"quantity": 1, "netUnitValue": price, "idVarianteProducto": web["idVariantDefault"],
                         "productWebId": web["id"]}],
    }


RECIPES: dict[tuple[str, str], Recipe] = {
    ("product", "post"): create(
        "/v1/products.json",
        lambda company: {"name": f"Producto {stamp()}", "productTypeId": first_active(company, "product_types")},
    ),
    ("product", "put"): edit("products"),
    ("variant", "post"): create(
        "/v1/variants.json",
        lambda company: {"productId": first_active(company, "products"), "description": f"Variante {stamp()}"},
    ),
    ("variant", "put"): edit("variants"),
    ("price", "put"): price_put,
    ("stock", "put"): stock_put,
    ("document", "post"): document_post,
    ("payment", "post"): payment_post,
    ("payment", "put"): payment_put,
    ("courierOrder", "post"): create("/v1/markets/checkout.json", shipped_checkout),
}


def trigger_change(api: Api, company: Company, topic: str, action: str | None, resource_id: int | None
                   ) -> list[Event]:
    """Make the change that fires `topic`/`action`; ValueError for an unknown topic or action, or
    when the change is refused (the message says why)."""
    if topic not in ACTIONS:
        raise ValueError(f"unknown webhook topic {topic!r}; known: {', '.join(ACTIONS)}")
    action = action or ACTIONS[topic][0]
    if action not in ACTIONS[topic]:
        raise ValueError(f"Bsale sends {topic} notifications for {' and '.join(ACTIONS[topic])} only, not {action!r}")
    recipe = RECIPES.get((topic, action))
    if recipe is None:
        raise LookupError(f"the mock cannot make a {topic}/{action} change yet")
    try:
        with atomic():
            return recipe(api, company, resource_id)
    except BsaleError as error:
        raise ValueError(f"the {topic}/{action} change was refused: {error.status} {error.message}") from None

