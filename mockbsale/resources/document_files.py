"""The files a document's URLs point at, served by the mock without an access token as Bsale
serves them: the public page (`/view/{cpnId}/{token}`), the PDF (`.pdf`) and the XML
(`/v1/{cpnId}/files/{token}.xml`). Small, real and readable; not the SII's layout."""

from __future__ import annotations

import html
import time
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response

from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.resources.cfdi_xml import cfdi_xml
from mockbsale.resources.markets import PIXEL
from mockbsale.resources.registry import register_route
from mockbsale.store.table import Row


def money(ctx: Ctx, amount: float) -> str:
    """An amount as the country writes it: `1190` pesos, `40.18` soles."""
    return f"{amount:.{ctx.country.money_decimals}f}"


def document_of(ctx: Ctx) -> Row:
    document = ctx.table("documents").first("token", ctx.path_params["token"])
    if document is None:
        raise not_found()
    return document


def summary_lines(ctx: Ctx, document: Row) -> list[str]:
    """The document as lines of text: heading, client, one line per detail, totals."""
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    client = ctx.table("clients").get(document["clientId"]) if document["clientId"] else None
    issued = time.strftime("%Y-%m-%d", time.gmtime(document["emissionDate"]))
    lines = [
        str(ctx.company.instance.get("name", "")),
        f"{document_type['name']} N {document['number']}",
        f"Fecha de emision: {issued}",
        f"Cliente: {client['company']} ({client['code']})" if client else "Cliente: -",
    ]
    for detail in ctx.table("document_details").find("documentId", document["id"]):
        item = detail["note"] or detail["variantId"]
        lines.append(f"{detail['quantity']:g} x {item}: {money(ctx, detail['totalAmount'])}")
    lines += [
        f"Neto: {money(ctx, document['netAmount'])}",
        f"Exento: {money(ctx, document['exemptAmount'])}",
        f"Impuestos: {money(ctx, document['taxAmount'])}",
        f"Total: {money(ctx, document['totalAmount'])}",
    ]
    return lines


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with `lines` in Helvetica (Latin-1), cross-reference table included."""
    text = "".join(
        f"({line.replace(chr(92), chr(92) * 2).replace('(', chr(92) + '(').replace(')', chr(92) + ')')}) Tj T* "
        for line in lines
    )
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {text}ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf(ctx: Ctx, request: Request) -> Response:
    document = document_of(ctx)
    return Response(pdf_bytes(summary_lines(ctx, document)), media_type="application/pdf")


def page(ctx: Ctx, request: Request) -> Response:
    document = document_of(ctx)
    lines = summary_lines(ctx, document)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    content = (
        f"<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{html.escape(lines[1])}</title>"
        f"</head><body><h1>{html.escape(lines[0])}</h1>{body}</body></html>"
    )
    return Response(content, media_type="text/html; charset=utf-8")


def stamp(ctx: Ctx, request: Request) -> Response:
    """A Peruvian or Mexican electronic document's `stamp` (its QR code): an image, public like Bsale's."""
    document = document_of(ctx)
    if not ctx.table("document_types").rows[document["documentTypeId"]]["isElectronicDocument"]:
        raise not_found()
    return Response(PIXEL, media_type="image/png")


def xml(ctx: Ctx, request: Request) -> Response:
    """The electronic document as XML, in the country's layout."""
    document = document_of(ctx)
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    if not document_type["isElectronicDocument"]:
        raise not_found()
    layout = XML_LAYOUTS[ctx.country.electronic_format]
    return Response(layout(ctx, document, document_type), media_type="application/xml")


def dte_xml(ctx: Ctx, document: Row, document_type: Row) -> str:
    """The DTE: heading, totals, details and the TED."""
    details = "".join(
        f"<Detalle><NroLinDet>{detail['lineNumber'] + 1}</NroLinDet><NmbItem>{escape(detail['note'] or '')}</NmbItem>"
        f"<QtyItem>{detail['quantity']:g}</QtyItem><PrcItem>{detail['netUnitValue']:g}</PrcItem>"
        f"<MontoItem>{money(ctx, detail['netAmount'])}</MontoItem></Detalle>"
        for detail in ctx.table("document_details").find("documentId", document["id"])
    )
    issued = time.strftime("%Y-%m-%d", time.gmtime(document["emissionDate"]))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><DTE version="1.0">'
        f"<Documento ID=\"T{document_type['codeSii']}F{document['number']}\"><Encabezado><IdDoc>"
        f"<TipoDTE>{document_type['codeSii']}</TipoDTE><Folio>{document['number']}</Folio>"
        f"<FchEmis>{issued}</FchEmis></IdDoc><Emisor><RUTEmisor>{escape(str(ctx.company.instance.get('code', '')))}"
        f"</RUTEmisor></Emisor><Totales><MntNeto>{money(ctx, document['netAmount'])}</MntNeto>"
        f"<MntExe>{money(ctx, document['exemptAmount'])}</MntExe><IVA>{money(ctx, document['taxAmount'])}</IVA>"
        f"<MntTotal>{money(ctx, document['totalAmount'])}</MntTotal></Totales></Encabezado>{details}"
        f"{document['ted'] or ''}</Documento></DTE>"
    )


XML_LAYOUTS = {"DTE": dte_xml, "CFDI": cfdi_xml}

register_route("/view/{cpnId:int}/{token}.pdf", pdf, cpn_param="cpnId")
register_route("/view/{cpnId:int}/{token}", page, cpn_param="cpnId")
register_route("/v1/{cpnId:int}/files/{token}.xml", xml, cpn_param="cpnId")
register_route("/v1/{cpnId:int}/timbres/{token}.png", stamp, cpn_param="cpnId", countries=("PE", "MX"))
