"""A client's documents: `GET /v1/clients/purchases.json` (the documents issued to a client, as
`/v1/documents` serves them) and `GET /v1/clients/unpaid_documents.json` (what the client owes,
overdue or upcoming at a comparison date)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import documents, payments
from mockbsale.domain.body import read
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Resource, register, register_route
from mockbsale.store.table import Row

register(
    Resource(
        name="client_purchases",
        path="/v1/clients/purchases",
        table="documents",
        fields=[],
        filters={
            "clientid": Filter("clientId", indexed=True),
            "code": Filter("clientId", "str", via=("clients", "code")),
        },
        serves="documents",
    )
)


def client_of(ctx: Ctx) -> Row:
    """The client named by `clientid`, else by `code` (its RUT); 404 when none is."""
    client_id = read(ctx.query, "clientid", "int")
    code = ctx.query.get("code")
    if client_id is not None:
        client = ctx.table("clients").get(client_id)
    else:
        client = ctx.table("clients").first("code", code) if code else None
    if client is None:
        raise not_found()
    return client


def unpaid_item(ctx: Ctx, document: Row, owed: float) -> dict[str, Any]:
    return {
        "href": ctx.url(f"/v1/documents/{document['id']}.json"),
        "id": document["id"],
        "name": ctx.table("document_types").rows[document["documentTypeId"]]["name"],
        "number": document["number"],
        "emissionDate": document["emissionDate"],
        "expirationDate": document["expirationDate"],
        "totalAmount": document["totalAmount"],
        "totalAmountOwed": owed,
    }


def unpaid_documents(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The client's active, payable documents with something owed: overdue when they expired by
    `comparisondate` (now by default), upcoming otherwise."""
    client = client_of(ctx)
    comparison = read(ctx.query, "comparisondate", "int", ctx.now())
    overdue: list[dict[str, Any]] = []
    upcoming: list[dict[str, Any]] = []
    types = ctx.table("document_types").rows
    for document in ctx.table("documents").find("clientId", client["id"]):
        if document["state"] != 0 or not documents.pays(ctx, types[document["documentTypeId"]]):
            continue
        owed = payments.owed(ctx, document)
        if owed > 0:
            due = overdue if document["expirationDate"] <= comparison else upcoming
            due.append(unpaid_item(ctx, document, owed))
    overdue_debt = sum((item["totalAmountOwed"] for item in overdue), 0.0)
    upcoming_debt = sum((item["totalAmountOwed"] for item in upcoming), 0.0)
    return {
        "overdueDebt": overdue_debt,
        "upcomingDebt": upcoming_debt,
        "totalDebt": overdue_debt + upcoming_debt,
        "client": {
            "href": ctx.url(f"/v1/clients/{client['id']}.json"),
            "id": client["id"],
            **{key: client[key] for key in ("firstName", "lastName", "code", "company")},
        },
        "overdue_documents": overdue,
        "upcoming_documents": upcoming,
    }


register_route("/v1/clients/unpaid_documents.json", unpaid_documents)
