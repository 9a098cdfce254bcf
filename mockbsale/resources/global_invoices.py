"""Mexico-only endpoints: the global invoice's tickets (`/v2/documents/ticket_invoice.json`,
`.../global.json` GET and POST, `.../global/{globalInvoiceId}/tickets.json`,
`.../{numDoc}/validate.json`) and cancelling a CFDI (`DELETE /v1/documents/void/{id}.json`).

Items are served in the key order of the documented examples: a ticket's `vdtExtra` carries the
SAT stamp of a stamped document (empty strings for a ticket, which is not stamped).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import Any

from starlette.requests import Request

from mockbsale.domain import folios
from mockbsale.domain import global_invoices as rules
from mockbsale.domain.cfdi import CERTIFICATES, timestamp
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.http.json import read_object
from mockbsale.http.query import page_bounds
from mockbsale.resources.cfdi_xml import payment_form, payment_method
from mockbsale.resources.registry import register_route
from mockbsale.resources.render import envelope, v2_body
from mockbsale.resources.routing import Reply
from mockbsale.store.table import Row

MEXICO = ("MX",)
BASE = "/v2/documents/ticket_invoice"
STAMP_KEYS = ("id", "uuid", "cfdStamp", "qrBase64", "satStamp", "stampDate", "csdCerNumber", "satCerNumber")


def serial_of(ctx: Ctx) -> Callable[[Row], str]:
    """The folio series of a document (`0000` of tickets, `FG00` of a global invoice)."""
    types = ctx.table("document_types").rows
    return lambda document: folios.series(ctx, types[document["documentTypeId"]]) or ""


def stamp(ctx: Ctx, document: Row, serial: str) -> dict[str, Any]:
    """The SAT stamp of a stamped CFDI, deterministic per document (signatures are random-looking
    base64, never verifiable)."""
    seed = hashlib.sha512(f"{ctx.company.cpn_id}:{document['id']}".encode()).digest()
    return {
        "id": hashlib.sha1(seed).hexdigest()[:24],
        "uuid": rules.cfdi_uuid(ctx, document),
        "cfdStamp": base64.b64encode(seed * 3).decode(),
        "qrBase64": base64.b64encode(seed[:48]).decode(),
        "satStamp": base64.b64encode(seed[::-1] * 3).decode(),
        "stampDate": timestamp(document["generationDate"]),
        "csdCerNumber": CERTIFICATES["csd"],
        "satCerNumber": CERTIFICATES["sat"],
        "serialNumber": serial,
        "originalChain": original_chain(ctx, document, serial),
        "fullSerialNumber": f"{serial}-{document['number']}",
    }


def original_chain(ctx: Ctx, document: Row, serial: str) -> str:
    """The CFDI's cadena original (its main fields between pipes, as the SAT prints it)."""
    issued = timestamp(document["generationDate"])
    office = ctx.table("offices").get(document["officeId"]) or {}
    fields = [
        "4.0", serial, str(document["number"]), issued, payment_form(ctx, document),
        CERTIFICATES["csd"], f"{document['netAmount']:.2f}", "MXN", f"{document['totalAmount']:.2f}", "I", "01",
        payment_method(ctx, document), office.get("zipCode") or "",
        ctx.company.instance.get("code", ""), ctx.company.instance.get("name", ""),
    ]
    return "||" + "|".join(fields) + "||"


def vdt_extra(ctx: Ctx, document: Row, serial: str, *, brief: bool = False) -> dict[str, Any]:
    if rules.stamped(ctx, document):
        return stamp(ctx, document, serial)
    full = f"{serial}-{document['number']}"
    if brief:
        return {"serialNumber": serial, "fullSerialNumber": full}
    return {**dict.fromkeys(STAMP_KEYS, ""), "serialNumber": serial, "originalChain": "", "fullSerialNumber": full}


def public_url(ctx: Ctx, document: Row) -> str:
    return ctx.url(f"/view/{ctx.company.cpn_id}/{document['token']}")


def item(ctx: Ctx, document: Row, *, invoice: bool = False, covered: bool = False) -> dict[str, Any]:
    """A ticket or a global invoice in the documented key order."""
    serial = serial_of(ctx)(document)
    out: dict[str, Any] = {
        "documentId": document["id"],
        "numDoc": document["number"],
        "documentStatus": document["state"],
        "commercialStatus": document["commercialState"],
        "docGenerationDate": document["generationDate"],
        "netAmount": document["netAmount"],
        "exemptAmount": document["exemptAmount"],
        "taxAmount": document["taxAmount"],
        "totalAmount": document["totalAmount"],
    }
    if invoice:
        out["urlPdf"] = ctx.url(f"/view/{ctx.company.cpn_id}/{document['token']}.pdf")
        out["urlXml"] = ctx.url(f"/v1/{ctx.company.cpn_id}/files/{document['token']}.xml")
    out.update(
        documentToken=document["token"],
        documentType=document["documentTypeId"],
        idClient=document.get("clientId") or 0,
        idOffice=document["officeId"],
        urlPublicDocument=public_url(ctx, document),
        vdtExtra=vdt_extra(ctx, document, serial, brief=covered),
    )
    if invoice:
        out.update(period=document["globalCfdiPeriodicity"], periodicityMonth=str(document["globalCfdiMonth"]),
                   periodicityYear=str(document["globalCfdiYear"]))
    elif covered:
        out["period"] = document.get("globalPeriod")
    out.update(informed=document["informedSii"], expirationDate=document["expirationDate"],
               emissionDate=document["emissionDate"], cpnId=ctx.company.cpn_id)
    return out


def page(ctx: Ctx, path: str, rows: list[Row], **kinds: bool) -> dict[str, Any]:
    """The list envelope with `totalAmountDocuments`: the sum over every match, not only this page."""
    limit, offset = page_bounds(ctx.query)
    items = [item(ctx, row, **kinds) for row in rows[offset : offset + limit]]
    query = {key: value for key, value in ctx.query.items() if key not in ("limit", "offset")}
    out = envelope(ctx.url(path), len(rows), limit, offset, items, query)
    out["totalAmountDocuments"] = ctx.country.money(sum(row["totalAmount"] for row in rows))
    return out


def tickets(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The tickets a global invoice may still cover (the last 7 days by default)."""
    return page(ctx, f"{BASE}.json", rules.available_tickets(ctx, serial_of(ctx)))


def global_list(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The global invoices (the last 7 days by default)."""
    return page(ctx, f"{BASE}/global.json", rules.global_invoices(ctx, serial_of(ctx)), invoice=True)


async def associate(ctx: Ctx, request: Request) -> Reply:
    """Associate tickets with a global invoice (201)."""
    data = rules.associate(ctx, await read_object(request))
    return Reply(v2_body(data, 201), 201)


def covered(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The tickets a global invoice covers."""
    invoice_id = ctx.path_params["globalInvoiceId"]
    rows = rules.covered_tickets(ctx, rules.invoice(ctx, invoice_id))
    return page(ctx, f"{BASE}/global/{invoice_id}/tickets.json", rows, covered=True)


def validate(ctx: Ctx, request: Request) -> dict[str, Any]:
    """Whether a ticket (by number, total and date) may still be invoiced."""
    ticket = rules.ticket_to_validate(ctx, ctx.path_params["numDoc"])
    document_type = ctx.table("document_types").rows[ticket["documentTypeId"]]
    full = item(ctx, ticket)
    keys = ("documentId", "numDoc", "documentStatus", "docGenerationDate", "totalAmount", "documentToken",
            "documentType", "idClient", "urlPublicDocument", "vdtExtra")
    data = {key: full[key] for key in keys}
    data.update(documentTypeName=document_type["name"], expirationDate=ticket["expirationDate"],
                emissionDate=ticket["emissionDate"])
    return v2_body(data)


async def void(ctx: Ctx, request: Request) -> Reply:
    """Cancel a stamped CFDI before the SAT (201 `{"status": "OK"}`)."""
    document = ctx.table("documents").get(ctx.path_params["id"])
    if document is None:
        raise not_found()
    body = await read_object(request) if await request.body() else {}
    return Reply(rules.void(ctx, document, body), 201)


register_route(f"{BASE}.json", tickets, countries=MEXICO)
register_route(f"{BASE}/global.json", global_list, countries=MEXICO)
register_route(f"{BASE}/global.json", associate, methods=("POST",), countries=MEXICO)
register_route(f"{BASE}/global/{{globalInvoiceId:int}}/tickets.json", covered, countries=MEXICO)
register_route(f"{BASE}/{{numDoc:int}}/validate.json", validate, countries=MEXICO)
register_route("/v1/documents/void/{id:int}.json", void, methods=("DELETE",), countries=MEXICO)
