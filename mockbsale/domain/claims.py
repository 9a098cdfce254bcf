"""Acceptance and claims of received DTEs (`/v1/dtes/claims.json`): an action on a third-party
document is registered at once, as the SII answers it, and marks the document's `siiStatus`.

The SII takes one action on a document's content (accept ACD or claim RCD) and one on its goods
(receipt ERM, or a claim for partial RFP or total RFT lack of goods); another action of a kind
already registered gets the SII's "registered before" answer and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mockbsale.domain.body import read
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request, not_found
from mockbsale.store.table import Row

ACTION_KINDS = {"ACD": "content", "RCD": "content", "ERM": "goods", "RFP": "goods", "RFT": "goods"}
INVALID_ACTION = "invalid actionCode"
INVALID_DOCUMENT = "invalid document"
QUERY_REQUIRED = "tracking_number, or document_code and document_number, are required"
DONE = ("0", "Accion Completada OK")
REGISTERED_BEFORE = ("7", "Evento registrado previamente")


def statuses(document: Row) -> list[str]:
    """The SII states of a third-party document (kept as a comma-separated string)."""
    return [code for code in document["siiStatus"].split(",") if code]


def _object(body: dict[str, Any], name: str) -> dict[str, Any]:
    value = body.get(name)
    if value is None:
        raise bad_request(INVALID_DOCUMENT)
    if not isinstance(value, dict):
        raise BsaleError(400, TYPE_MISMATCH)
    return value


def received_document(ctx: Ctx, document: dict[str, Any]) -> Row:
    """The third-party document named by `{issuer: {code}, code, number}`, or 400."""
    issuer = read(_object(document, "issuer"), "code", "str")
    code = read(document, "code", "str")
    number = read(document, "number", "int")
    for row in ctx.table("third_party_documents").find("number", number):
        if row["codeSii"] == code and row["clientCode"] == issuer:
            return row
    raise bad_request(INVALID_DOCUMENT)


def tracking_number(ctx: Ctx) -> str:
    """`EVENT<milliseconds>C<cpnId>CL`, as Bsale's, unique in the company."""
    claims = ctx.table("dte_claims")
    millis = int(ctx.clock() * 1000)
    while claims.first("trackingNumber", f"EVENT{millis}C{ctx.company.cpn_id}CL") is not None:
        millis += 1
    return f"EVENT{millis}C{ctx.company.cpn_id}CL"


def create(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    """`POST /v1/dtes/claims.json`: register `actionCode` on a received document."""
    action = read(body, "actionCode", "str")
    if action not in ACTION_KINDS:
        raise bad_request(INVALID_ACTION)
    document = received_document(ctx, _object(body, "document"))
    taken = statuses(document)
    response = DONE
    if any(ACTION_KINDS.get(code) == ACTION_KINDS[action] for code in taken):
        response = REGISTERED_BEFORE
    else:
        ctx.table("third_party_documents").update(document["id"], {"siiStatus": ",".join([*taken, action])})
    claim = ctx.table("dte_claims").insert(
        {
            "trackingNumber": tracking_number(ctx),
            "cpnCode": ctx.company.instance.get("code", ""),
            "issuerCode": document["clientCode"],
            "actionCode": action,
            "documentCode": document["codeSii"],
            "documentNumber": str(document["number"]),
            "responseCode": response[0],
            "responseDescription": response[1],
            "generationDate": ctx.now(),
            "thirdPartyDocumentId": document["id"],
        }
    )
    return {
        "code": 200,
        "data": {
            "cpn": {
                "date": datetime.fromtimestamp(ctx.clock(), UTC).isoformat(timespec="milliseconds"),
                "id": ctx.company.cpn_id,
                "code": claim["cpnCode"],
            },
            "document": {"number": claim["documentNumber"], "code": claim["documentCode"],
                         "issuer": {"code": claim["issuerCode"]}},
            "events": [],
            "trackingNumber": claim["trackingNumber"],
        },
    }


def served(claim: Row) -> dict[str, Any]:
    """A claim as `GET /v1/dtes/claims.json` serves it."""
    return {
        "trackingNumber": claim["trackingNumber"],
        "cpnCode": claim["cpnCode"],
        "issuerCode": claim["issuerCode"],
        "actionCode": claim["actionCode"],
        "documentCode": claim["documentCode"],
        "documentNumber": claim["documentNumber"],
        "response": {"code": claim["responseCode"], "description": claim["responseDescription"]},
        "generationDate": claim["generationDate"],
    }


def status(ctx: Ctx) -> dict[str, Any]:
    """`GET /v1/dtes/claims.json`: one claim by `tracking_number`, or every claim on a document
    by `document_code` and `document_number`."""
    claims = ctx.table("dte_claims")
    tracking = ctx.query.get("tracking_number")
    if tracking:
        claim = claims.first("trackingNumber", tracking)
        if claim is None:
            raise not_found()
        return {"code": 200, "data": served(claim)}
    code, number = ctx.query.get("document_code"), ctx.query.get("document_number")
    if not code or not number:
        raise bad_request(QUERY_REQUIRED)
    found = [row for row in claims if row["documentCode"] == code and row["documentNumber"] == number]
    return {"code": 200, "data": [served(row) for row in found]}
