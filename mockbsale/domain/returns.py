"""Returns (devoluciones): a credit note against a sale, bringing the returned goods back into
stock; their annulment (a debit note) takes them out again."""

from __future__ import annotations

from typing import Any

from mockbsale.domain import documents, stock
from mockbsale.domain.body import objects, read
from mockbsale.domain.context import Ctx
from mockbsale.domain.documents import (
    INVALID_DETAIL,
    INVALID_DOCUMENT_TYPE,
    INVALID_QUANTITY,
    PlannedLine,
    line_of_detail,
)
from mockbsale.domain.totals import Line
from mockbsale.http.errors import bad_request, not_found
from mockbsale.store.table import Row

NO_REFERENCE = "the json does not have reference document"
TOO_MUCH = "The quantity returned ({returned}) is higher than the available ({available}) for detail: {detail_id}"
ALREADY_NULLIFIED = "the return already been nullified"


def returned_quantity(ctx: Ctx, detail_id: int) -> float:
    """How much of a sold detail live (not annulled) returns took back."""
    total = 0.0
    returns = ctx.table("returns")
    for row in ctx.table("return_details").find("documentDetailId", detail_id):
        if not returns.rows[row["returnId"]]["annulled"]:
            total += row["quantity"]
    return total


def note_body(body: dict[str, Any], reference: Row) -> dict[str, Any]:
    """The body a note is planned from: the reference document's client unless one is given."""
    if body.get("client") or body.get("clientId") or reference.get("clientId") is None:
        return body
    return {**body, "clientId": reference["clientId"]}


def reference_to(ctx: Ctx, document: Row, reason: str) -> Row:
    """The electronic reference a note carries to the document it corrects."""
    code = ctx.table("document_types").rows[document["documentTypeId"]]["codeSii"]
    return {"referenceDate": document["emissionDate"], "number": str(document["number"]), "reason": reason,
            "codeSii": code}


def return_lines(ctx: Ctx, body: dict[str, Any], reference: Row) -> list[tuple[Row, PlannedLine, float, float]]:
    """(sold detail, credit note line, quantity returned, quantity back to stock) per detail.

    Adjusting prices (`priceAdjustment`) or texts (`editTexts`) returns no quantity."""
    price_adjustment = bool(read(body, "priceAdjustment", "int"))
    edit_texts = bool(read(body, "editTexts", "int"))
    details = ctx.table("document_details")
    out = []
    for entry in objects(body, "details"):
        sold = details.get(read(entry, "documentDetailId", "int", required=True))
        if sold is None or sold["documentId"] != reference["id"]:
            raise bad_request(INVALID_DETAIL)
        quantity = read(entry, "quantity", "float", 0.0)
        unit_value = read(entry, "unitValue", "float", 0.0)
        note = read(entry, "comment", "str", sold["note"])
        original = line_of_detail(sold)
        if edit_texts:
            line = Line(sold["quantity"], 0.0, taxes=original.taxes)
            quantity = back = 0.0
        elif price_adjustment:
            line = Line(sold["quantity"], max(sold["netUnitValue"] - unit_value, 0.0), original.discount,
                        original.taxes)
            quantity = back = 0.0
        else:
            available = sold["quantity"] - returned_quantity(ctx, sold["id"])
            if quantity <= 0:
                raise bad_request(INVALID_QUANTITY)
            if quantity > available + 1e-9:
                raise bad_request(TOO_MUCH.format(returned=float(quantity), available=float(available),
                                                  detail_id=sold["id"]))
            line = line_of_detail(sold, quantity)
            back = quantity if reference["dispatch"] and sold["variantId"] is not None else 0.0
        out.append((sold, PlannedLine(line, sold["variantId"], note, sold["id"]), quantity, back))
    return out


def create(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/returns.json`: the return, its credit note (with a reference to the sale) and the
    returned goods back in the office's stock."""
    reference = ctx.table("documents").get(read(body, "referenceDocumentId", "int"))
    if reference is None or reference["state"] != 0:
        raise bad_request(NO_REFERENCE)
    document_type = documents.document_type_of(ctx, body, credit_note=True)
    lines = return_lines(ctx, body, reference)
    motive = read(body, "motive", "str", "")
    kinds = {name: read(body, name, "int", 0) for name in ("type", "priceAdjustment", "editTexts")}
    note = note_body({**body, "details": [], "payments": []}, reference)
    plan = documents.plan_document(ctx, note, document_type, lines_required=False)
    plan.lines = [planned for _, planned, _, _ in lines]
    plan.references = [reference_to(ctx, reference, motive)]
    plan.dispatch = False
    credit_note = documents.commit(ctx, plan)
    office_id = plan.office["id"]
    row = ctx.table("returns").insert(
        {
            "code": f"{ctx.now()}{ctx.table('returns').next_id % 100:02d}",
            "returnDate": plan.emission,
            "motive": motive,
            **kinds,
            "amount": credit_note["totalAmount"],
            "officeId": office_id,
            "referenceDocumentId": reference["id"],
            "creditNoteId": credit_note["id"],
            "annulled": 0,
        }
    )
    for sold, _, quantity, back in lines:
        variant_id = sold["variantId"]
        if back:
            stock.move_goods(ctx, office_id, {variant_id: back})
        ctx.table("return_details").insert(
            {
                "returnId": row["id"],
                "quantity": quantity,
                "quantityDevStock": back,
                "variantStock": stock.available(ctx, variant_id, office_id) if variant_id else 0.0,
                "variantCost": stock.average_cost(ctx, variant_id) if variant_id else 0.0,
                "documentDetailId": sold["id"],
                "variantId": variant_id,
            }
        )
    return row


def annul(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`POST /v1/returns/{id}/annulments.json`: a debit note cancelling the credit note, the goods
    taken out of stock again; a second annulment is refused."""
    returned = ctx.table("returns").get(int(ctx.path_params["returnId"]))
    if returned is None:
        raise not_found()
    if returned["annulled"]:
        raise bad_request(ALREADY_NULLIFIED)
    credit_note = ctx.table("documents").rows[returned["creditNoteId"]]
    code_key = ctx.country.served("codeSii")
    if body.get(code_key) in (None, ""):  # no type (a `documentTypeId` given wins over the default code)
        body = {**body, code_key: ctx.country.debit_note_code}
    document_type = documents.document_type_of(ctx, body)
    if document_type["codeSii"] != ctx.country.debit_note_code:
        raise bad_request(INVALID_DOCUMENT_TYPE)
    note = {**body, "officeId": returned["officeId"], "details": [], "payments": []}
    plan = documents.plan_document(ctx, note_body(note, credit_note), document_type, lines_required=False)
    plan.lines = [
        PlannedLine(line_of_detail(detail), detail["variantId"], detail["note"], detail["id"])
        for detail in ctx.table("document_details").find("documentId", credit_note["id"])
    ]
    plan.references = [reference_to(ctx, credit_note, "Anula nota de crédito")]
    debit_note = documents.commit(ctx, plan)
    for detail in ctx.table("return_details").find("returnId", returned["id"]):
        if detail["quantityDevStock"]:
            stock.move_goods(ctx, returned["officeId"], {detail["variantId"]: -detail["quantityDevStock"]})
    ctx.table("returns").update(returned["id"], {"annulled": 1})
    return ctx.table("return_annulments").insert(
        {
            "returnId": returned["id"],
            "annulmentDate": ctx.now(),
            "amount": debit_note["totalAmount"],
            "officeId": returned["officeId"],
            "debitNoteId": debit_note["id"],
        }
    )
