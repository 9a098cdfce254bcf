"""Seed data: a few weeks of sales before the data's "now" (`seed_now`) and the purchase documents received
from suppliers.

The sales are made by the same domain code as `POST /v1/documents.json` and `POST /v1/shippings.json`
(folios taken, stock moved, shippings and payments written), at a fixed clock, so they look like
documents posted then: boletas paid at the till, facturas paid by transfer, on credit or in part,
a sales note and a dispatch guide.
"""

from __future__ import annotations

import random
import time
from typing import Any

from faker import Faker

from mockbsale.data.common import company_rut, seed_now
from mockbsale.data.locale import Locale
from mockbsale.domain import documents, shippings
from mockbsale.domain.context import Ctx
from mockbsale.domain.payments import PlannedPayment
from mockbsale.domain.taxes import product_tax_ids
from mockbsale.domain.totals import document_totals, pesos
from mockbsale.store import Company
from mockbsale.store.table import Row

DAY = 86400
HISTORY_DAYS = 28
SALE_OFFICES = (1, 2)
KEEP_IN_STOCK = 5
"""A seeded sale leaves at least this much of a variant in the office."""
CASH, CREDIT_CARD, DEBIT_CARD, TRANSFER, WEBPAY = 1, 2, 3, 4, 8
CREDIT_30_DAYS = 2

BOLETA, FACTURA, GUIDE, SALES_NOTE = "boleta", "factura", "guide", ""
# kind of document, payment type, share of the total paid (None: the default payment), dispatched
SALES: list[tuple[str, int, float | None, bool]] = [
    (BOLETA, CASH, None, True), (BOLETA, DEBIT_CARD, 1.0, True), (FACTURA, TRANSFER, 1.0, True),
    (BOLETA, CREDIT_CARD, 1.0, True), (FACTURA, TRANSFER, 0.0, False), (BOLETA, WEBPAY, 1.0, False),
    (GUIDE, 0, None, True), (BOLETA, CASH, None, True), (FACTURA, TRANSFER, 0.5, True),
    (SALES_NOTE, 0, None, True), (BOLETA, DEBIT_CARD, 1.0, True), (FACTURA, TRANSFER, 1.0, False),
    (BOLETA, CASH, None, True), (FACTURA, TRANSFER, 0.0, True), (BOLETA, CREDIT_CARD, 1.0, True),
]

# SII code, SII states of the received documents (comma-separated)
RECEIVED = [("33", ""), ("33", "ACD,ERM"), ("34", ""), ("33", "PAG"), ("61", ""), ("33", "ERM"),
            ("56", ""), ("33", "RCD")]
SUPPLIERS = 4
IVA = 19


def seed(company: Company, fake: Faker, rng: random.Random, locale: Locale) -> None:
    seed_sales(company, rng, locale)
    if locale.received_documents:
        seed_received(company, fake, rng)


def seller_ctx(company: Company, when: int) -> Ctx:
    """A context for the domain outside any request: no engine, the clock stopped at `when`."""
    return Ctx(company=company, base_url="", clock=lambda: when)


def seed_sales(company: Company, rng: random.Random, locale: Locale) -> None:
    today = seed_now() // DAY * DAY
    days_ago = sorted(rng.sample(range(1, HISTORY_DAYS), len(SALES)), reverse=True)
    clients = [row["id"] for row in company.table("clients") if row["companyOrPerson"] == 1]
    by_code = {row["codeSii"]: row["id"] for row in reversed(company.table("document_types").rows.values())}
    type_ids = {kind: by_code[code] for kind, code in zip((BOLETA, FACTURA, GUIDE, SALES_NOTE),
                                                          (locale.country.ticket_code, locale.invoice_code,
                                                           locale.country.dispatch_code, ""), strict=True)}
    for (code, payment_type, paid, dispatch), ago in zip(SALES, days_ago, strict=True):
        emission = today - ago * DAY
        ctx = seller_ctx(company, emission + rng.randrange(9 * 3600, 20 * 3600))
        office_id = rng.choice(SALE_OFFICES)
        sellers = [row["id"] for row in company.table("users").find("officeId", office_id)]
        body: dict[str, Any] = {
            "documentTypeId": type_ids[code],
            "officeId": office_id,
            "emissionDate": emission,
            "sellerId": rng.choice(sellers),
            "dispatch": int(dispatch),
            "details": lines(ctx, rng, office_id),
        }
        if code != BOLETA:
            body["clientId"] = rng.choice(clients)
        if code == GUIDE:
            recipient = company.table("clients").rows[body["clientId"]]["company"]
            shippings.create(ctx, {**body, "shippingTypeId": 1, "recipient": recipient})
            continue
        if paid is not None and paid < 1.0:
            body.update(saleConditionId=CREDIT_30_DAYS, expirationDate=emission + 30 * DAY)
        sell(ctx, body, payment_type, paid)


def lines(ctx: Ctx, rng: random.Random, office_id: int) -> list[dict[str, Any]]:
    """One to three details of variants the office has in stock, with their products' taxes."""
    chosen = rng.sample(in_stock(ctx, office_id), rng.randint(1, 3))
    return [
        {"variantId": variant["id"], "quantity": rng.randint(1, 2), "taxId": product_tax_ids(ctx, variant["productId"])}
        for variant in chosen
    ]


def in_stock(ctx: Ctx, office_id: int) -> list[Row]:
    """The active, priced variants with more than `KEEP_IN_STOCK` + 2 units in the office."""
    priced = {row["variantId"] for row in ctx.table("price_list_details") if row["priceListId"] == 1
              and float(row["variantValue"]) > 0}
    stock = {row["variantId"]: row["quantity"] for row in ctx.table("stocks").find("officeId", office_id)}
    return [
        variant for variant in ctx.table("variants")
        if variant["state"] == 0 and variant["id"] in priced and stock.get(variant["id"], 0) > KEEP_IN_STOCK + 2
    ]


def sell(ctx: Ctx, body: dict[str, Any], payment_type: int, paid: float | None) -> Row:
    """Plan and write a document as `POST /v1/documents.json` does; `paid` (a share of the total)
    in `payment_type`, or the default payment when None."""
    document_type = documents.document_type_of(ctx, body)
    plan = documents.plan_document(ctx, body, document_type)
    if paid is not None:
        total = document_totals([planned.line for planned in plan.lines], ctx.country.money).totalAmount
        amount = ctx.country.money(total * paid)
        plan.payments = [PlannedPayment(payment_type, amount, plan.emission)] if amount > 0 else []
    return documents.commit(ctx, plan)


def seed_received(company: Company, fake: Faker, rng: random.Random) -> None:
    """Purchase documents from a few suppliers, received at the SII some hours after their emission."""
    suppliers = [(company_rut(rng), fake.company()) for _ in range(SUPPLIERS)]
    today = seed_now() // DAY * DAY
    for ago, (code, states) in zip(sorted(rng.sample(range(1, HISTORY_DAYS), len(RECEIVED)), reverse=True),
                                   RECEIVED, strict=True):
        emission = today - ago * DAY
        supplier_code, supplier_name = rng.choice(suppliers)
        amount = float(rng.randrange(20_000, 2_000_000, 10))
        exempt = code == "34"
        net = 0.0 if exempt else amount
        iva = 0.0 if exempt else pesos(amount * IVA / 100)
        day = time.gmtime(emission)
        company.table("third_party_documents").insert(
            {
                "codeSii": code, "emissionDate": emission, "number": rng.randint(1_000, 999_999),
                "clientCode": supplier_code, "clientActivity": supplier_name,
                "exemptAmount": amount if exempt else 0.0, "netAmount": net, "iva": IVA, "ivaAmount": iva,
                "ivaOutOfTimeAmount": 0.0, "specificTaxCode": None, "specificTaxAmount": "0",
                "additionalTaxAmount": None, "ivaNotRecoverableAmount": 0.0, "totalAmount": amount + iva,
                "bookType": "compra", "reportedSii": 0, "thirdSii": 0, "month": day.tm_mon, "year": day.tm_year,
                "specificTaxRate": None, "canceled": 0, "ivaAmountWithheld": 0.0, "addBook": 1, "urlPdf": None,
                "urlXml": None, "fixedAssetAmount": 0.0, "liquidationCode": None, "commissionTotalNetAmount": 0.0,
                "commissionTotalExemptAmount": 0.0, "commissionTotalIvaAmount": 0.0, "docsCount": 0, "include": 1,
                "siiReceptionDate": emission + rng.randrange(3600, 20 * 3600), "siiInProgress": False,
                "siiStatus": states,
            }
        )
