"""Mexico's global invoice (factura global): the tickets sold to the general public that no invoice
covers yet, a global invoice made with `POST /v1/documents.json` (`globalCfdiPeriodicity`), the
tickets it covers, checking one ticket, and cancelling (voiding) a CFDI.

A ticket is an active document whose type has the SAT code `T` (Bsale's `trib_code` default); a
global invoice is a document made with `globalCfdiPeriodicity`. Associating stores the invoice's
id on each ticket (`globalInvoiceId`, with the `globalPeriod` sent), so a ticket is covered once.
"""

from __future__ import annotations

import calendar
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mockbsale.domain import documents
from mockbsale.domain.body import objects, read
from mockbsale.domain.cfdi import CERTIFICATES
from mockbsale.domain.context import Ctx
from mockbsale.domain.payments import INVALID_OFFICE
from mockbsale.http.errors import BsaleError, bad_request, not_found
from mockbsale.http.query import parse_list
from mockbsale.store.table import Row

TICKET_CODE = "T"
WEEK = 7 * 86400
SAVED = "Tickets guardados correctamente"
VOIDED = "OK"
VOID_REASONS = {
    "01": "Comprobantes emitidos con errores con relación",
    "02": "Comprobantes emitidos con errores sin relación",
    "03": "No se llevó a cabo la operación",
    "04": "Operación nominativa relacionada en una factura global",
}
INVALID_INVOICE = "invalid idDocInvoice"
INVALID_PERIOD = "invalid period"
INVALID_DATE = "invalid date"
INVALID_REASON = "invalid reason"
INVALID_UUID = "invalid uuid"
INVALID_RFC = "invalid rfc"
NOT_STAMPED = "the document has no CFDI to cancel"
ALREADY_VOIDED = "the document is already cancelled"
TICKET_INVOICED = "the ticket is already invoiced"
TICKET_MISMATCH = "the ticket total or date does not match"


@dataclass(frozen=True)
class Filters:
    """A listing's query, read once: the emission dates it covers (`init_date`..`end_date`, the
    last 7 days by default) and the optional filters."""

    start: int
    end: int
    number: int | None = None
    office_id: int | None = None
    payment_type_id: int | None = None
    serial: str | None = None
    token: str | None = None

    @classmethod
    def of(cls, ctx: Ctx) -> Filters | None:
        """None when a value cannot be read: the listing matches nothing, as every Bsale filter."""
        query = ctx.query
        try:
            end = read(query, "end_date", "int", ctx.now())
            return cls(
                start=documents.utc_day(read(query, "init_date", "int", end - WEEK)), end=end,
                number=read(query, "num_ticket", "int"), office_id=read(query, "office_id", "int"),
                payment_type_id=read(query, "payment_type_id", "int"), serial=query.get("serial_number") or None,
                token=query.get("document_token") or None,
            )
        except BsaleError:
            return None

    def matches(self, ctx: Ctx, document: Row, serial_of: Callable[[Row], str]) -> bool:
        return (
            self.start <= document["emissionDate"] <= self.end
            and self.number in (None, document["number"])
            and self.office_id in (None, document["officeId"])
            and self.token in (None, document["token"])
            and (self.serial is None or self.serial == serial_of(document))
            and (self.payment_type_id is None or paid_with(ctx, document, self.payment_type_id))
        )


def document_code(ctx: Ctx, document: Row) -> str:
    return str(ctx.table("document_types").rows[document["documentTypeId"]]["codeSii"] or "")


def of_code(ctx: Ctx, code: str) -> list[Row]:
    """The documents whose type has this SAT code, by ascending id (through the type index)."""
    documents_table = ctx.table("documents")
    ids = [row["id"] for row in ctx.table("document_types") if row["codeSii"] == code]
    return sorted((row for type_id in ids for row in documents_table.find("documentTypeId", type_id)),
                  key=lambda row: row["id"])


def is_global_invoice(document: Row) -> bool:
    return document.get("globalCfdiPeriodicity") is not None


def cfdi_uuid(ctx: Ctx, document: Row) -> str:
    """The SAT's folio fiscal of a stamped document: a UUID, stable per company and document."""
    digest = hashlib.sha1(f"cfdi:{ctx.company.cpn_id}:{document['id']}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4)).upper()


def stamped(ctx: Ctx, document: Row) -> bool:
    """Whether the document was declared to the SAT and accepted (it carries a CFDI)."""
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    return bool(document_type["isElectronicDocument"]) and document.get("informedSii") == 0


def paid_with(ctx: Ctx, document: Row, payment_type_id: int) -> bool:
    return any(
        payment["paymentTypeId"] == payment_type_id and payment["state"] == 0
        for payment in ctx.table("payments").find("documentId", document["id"])
    )


def available_tickets(ctx: Ctx, serial_of: Callable[[Row], str]) -> list[Row]:
    """`GET /v2/documents/ticket_invoice.json`: active tickets no global invoice covers, by its
    filters; `tickets=[ids]` picks those ids and ignores every other filter."""
    query = ctx.query
    wanted = parse_list(query.get("tickets")) if query.get("tickets") else None
    filters = Filters.of(ctx)
    out = []
    for document in of_code(ctx, query.get("trib_code") or TICKET_CODE):
        if document["state"] != 0 or document.get("globalInvoiceId"):
            continue
        if wanted is not None:
            if str(document["id"]) in wanted:
                out.append(document)
        elif filters is not None and filters.matches(ctx, document, serial_of):
            out.append(document)
    return out


def global_invoices(ctx: Ctx, serial_of: Callable[[Row], str]) -> list[Row]:
    """`GET /v2/documents/ticket_invoice/global.json`: the global invoices issued in the window,
    by their filters (`uuid`, the SAT's and the issuer's certificate numbers too)."""
    query = ctx.query
    filters = Filters.of(ctx)
    wanted = {"uuid": query.get("uuid", "").upper(), "sat": query.get("sat_number"), "csd": query.get("csd_number")}
    if filters is None or any(wanted[key] and wanted[key] != CERTIFICATES[key] for key in ("sat", "csd")):
        return []
    return [
        document for document in ctx.table("documents")
        if is_global_invoice(document) and filters.matches(ctx, document, serial_of)
        and wanted["uuid"] in ("", cfdi_uuid(ctx, document))
    ]


def invoice(ctx: Ctx, invoice_id: int) -> Row:
    """A global invoice by id (404 otherwise)."""
    document = ctx.table("documents").get(invoice_id)
    if document is None or not is_global_invoice(document):
        raise not_found()
    return document


def covered_tickets(ctx: Ctx, invoice_row: Row) -> list[Row]:
    return ctx.table("documents").find("globalInvoiceId", invoice_row["id"])


def associate(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    """`POST /v2/documents/ticket_invoice/global.json`: the tickets named (`idDocTicket` and its
    `numTicket`) that are active, uncovered tickets join the invoice; the others are listed failed."""
    invoice_id = read(body, "idDocInvoice", "int", required=True)
    target = ctx.table("documents").get(invoice_id)
    if target is None or not is_global_invoice(target) or target["state"] != 0:
        raise bad_request(INVALID_INVOICE)
    period = read(body, "period", "int", target["globalCfdiPeriodicity"])
    if period not in (1, 2, 3, 4):
        raise bad_request(INVALID_PERIOD)
    saved: list[int] = []
    failed: list[int] = []
    table = ctx.table("documents")
    for entry in objects(body, "tickets"):
        ticket_id = read(entry, "idDocTicket", "int", required=True)
        number = read(entry, "numTicket", "int")
        ticket = table.get(ticket_id)
        ok = (
            ticket is not None and ticket["state"] == 0 and not ticket.get("globalInvoiceId")
            and document_code(ctx, ticket) == TICKET_CODE and ticket_id not in saved
            and (number is None or number == ticket["number"])
        )
        (saved if ok else failed).append(ticket_id)
    for ticket_id in saved:
        table.update(ticket_id, {"globalInvoiceId": invoice_id, "globalPeriod": period})
    return {"message": SAVED, "idDocTicketsSuccess": saved, "idDocTicketsFailed": failed}


def ticket_to_validate(ctx: Ctx, num_doc: int) -> Row:
    """`GET /v2/documents/ticket_invoice/{numDoc}/validate.json?total=&date=YYYY-MM-DD[&is_id_doc=1]`:
    the ticket, if it may still be invoiced and its total and date are the ones given."""
    query = ctx.query
    total = read(query, "total", "float", required=True)
    day = query.get("date") or ""
    try:
        emission = calendar.timegm(time.strptime(day, "%Y-%m-%d"))
    except ValueError:
        raise bad_request(INVALID_DATE) from None
    by_id = read(query, "is_id_doc", "int", 0) == 1
    candidates = [ctx.table("documents").get(num_doc)] if by_id else ctx.table("documents").find("number", num_doc)
    tickets = [row for row in candidates if row is not None and document_code(ctx, row) == TICKET_CODE]
    ticket = next((row for row in tickets if row["state"] == 0), None)
    if ticket is None:
        raise not_found()
    if ticket.get("globalInvoiceId"):
        raise bad_request(TICKET_INVOICED)
    if abs(ticket["totalAmount"] - total) >= 0.01 or documents.utc_day(ticket["emissionDate"]) != emission:
        raise bad_request(TICKET_MISMATCH)
    return ticket


def void(ctx: Ctx, document: Row, body: dict[str, Any]) -> dict[str, str]:
    """`DELETE /v1/documents/void/{id}.json`: cancel a stamped CFDI before the SAT with a reason
    (`01`..`04`); the document becomes inactive and its dispatched goods come back to stock; a
    cancelled global invoice's tickets may be invoiced again."""
    if not stamped(ctx, document):
        raise bad_request(NOT_STAMPED)
    if document["state"] != 0:
        raise bad_request(ALREADY_VOIDED)
    reason = read(body, "reason", "str", "02")
    if reason not in VOID_REASONS:
        raise bad_request(INVALID_REASON)
    sent_uuid = read(body, "uuid", "str")
    if sent_uuid is not None and sent_uuid.upper() != cfdi_uuid(ctx, document):
        raise bad_request(INVALID_UUID)
    rfc = read(body, "rfc", "str")
    client = ctx.table("clients").get(document["clientId"]) if document.get("clientId") else None
    known = {ctx.company.instance.get("code"), client["code"] if client else None}
    if rfc is not None and rfc.upper() not in known:
        raise bad_request(INVALID_RFC)
    office_id = read(body, "officeId", "int", document["officeId"])
    if ctx.table("offices").get(office_id) is None:
        raise bad_request(INVALID_OFFICE)
    for ticket in covered_tickets(ctx, document) if is_global_invoice(document) else []:
        ctx.table("documents").update(ticket["id"], {"globalInvoiceId": None, "globalPeriod": None})
    documents.cancel(ctx, document, office_id)
    ctx.table("documents").update(document["id"], {"voidReason": reason})
    return {"status": VOIDED}
