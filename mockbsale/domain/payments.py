"""Payments of documents: those a document POST makes (listed or the default one), and those
`POST /v1/payments.json` adds later. Each raises payment/post; an edit raises payment/put."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockbsale.domain.body import read
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

INVALID_PAYMENT_TYPE = "invalid payment type"
INVALID_DOCUMENT = "invalid document"
INVALID_AMOUNT = "invalid amount"
INVALID_OFFICE = "invalid office"


@dataclass(frozen=True)
class PlannedPayment:
    payment_type_id: int
    amount: float
    record_date: int


def payment_type(ctx: Ctx, payment_type_id: int | None) -> Row:
    row = ctx.table("payment_types").get(payment_type_id) if payment_type_id is not None else None
    if row is None or row["state"] != 0:
        raise bad_request(INVALID_PAYMENT_TYPE)
    return row


def plan_payment(ctx: Ctx, entry: dict[str, Any], default_date: int) -> PlannedPayment:
    type_id = payment_type(ctx, read(entry, "paymentTypeId", "int", required=True))["id"]
    amount = read(entry, "amount", "float", required=True)
    if amount <= 0:
        raise bad_request(INVALID_AMOUNT)
    return PlannedPayment(type_id, amount, read(entry, "recordDate", "int", default_date))


def plan_payments(ctx: Ctx, entries: list[dict[str, Any]], default_date: int) -> list[PlannedPayment]:
    return [plan_payment(ctx, entry, default_date) for entry in entries]


def default_payment(ctx: Ctx, amount: float, record_date: int) -> list[PlannedPayment]:
    """The whole total in the company's first active payment type (Efectivo)."""
    first = next((row for row in ctx.table("payment_types") if row["state"] == 0), None)
    return [] if first is None else [PlannedPayment(first["id"], amount, record_date)]


def record(ctx: Ctx, payment: PlannedPayment, document_id: int, office_id: int, user_id: int) -> Row:
    row = ctx.table("payments").insert(
        {
            "recordDate": payment.record_date,
            "amount": float(payment.amount),
            "operationNumber": None,
            "accountingDate": "",
            "checkDate": None,
            "checkNumber": None,
            "checkAmount": None,
            "checkTaken": 0,
            "isCreditPayment": 0,
            "createdAt": ctx.now(),
            "state": 0,
            "paymentTypeId": payment.payment_type_id,
            "documentId": document_id,
            "officeId": office_id,
            "userId": user_id,
        }
    )
    ctx.emit("payment", "post", row["id"])
    return row


def create(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/payments.json`: `{documentId, paymentTypeId, amount, recordDate}` (+ `officeId`)."""
    document = ctx.table("documents").get(read(body, "documentId", "int", required=True))
    if document is None:
        raise bad_request(INVALID_DOCUMENT)
    planned = plan_payment(ctx, body, ctx.now())
    office_id = read(body, "officeId", "int", document["officeId"])
    if ctx.table("offices").get(office_id) is None:
        raise bad_request(INVALID_OFFICE)
    return record(ctx, planned, document["id"], office_id, document["userId"])


def update(ctx: Ctx, row: Row, body: dict[str, Any]) -> Row:
    """`PUT /v1/payments/{id}.json`: amount, record date, payment type, state."""
    changes: Row = {}
    if "paymentTypeId" in body:
        changes["paymentTypeId"] = payment_type(ctx, read(body, "paymentTypeId", "int"))["id"]
    if "amount" in body:
        amount = read(body, "amount", "float", required=True)
        if amount <= 0:
            raise bad_request(INVALID_AMOUNT)
        changes["amount"] = amount
    for name in ("recordDate", "state"):
        if name in body:
            changes[name] = read(body, name, "int", required=True)
    updated = ctx.table("payments").update(row["id"], changes)
    ctx.emit("payment", "put", row["id"])
    return updated


def owed(ctx: Ctx, document: Row) -> float:
    """What is still owed on a document: its total less its active payments and the amounts of
    its live (not annulled) returns."""
    paid = sum(row["amount"] for row in ctx.table("payments").find("documentId", document["id"]) if row["state"] == 0)
    returned = sum(
        row["amount"] for row in ctx.table("returns").find("referenceDocumentId", document["id"]) if not row["annulled"]
    )
    return round(document["totalAmount"] - paid - returned, 2)
