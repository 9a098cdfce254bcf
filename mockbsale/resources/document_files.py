"""The files a document's URLs point at, served by the mock without an access token as Bsale
serves them: the public page (`/view/{cpnId}/{token}`), the PDF (`.pdf`) and the XML
(`/v1/{cpnId}/files/{token}.xml`). Small, real and readable; not the SII's layout."""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from mockbsale.domain import documents
from mockbsale.domain.context import Ctx
from mockbsale.domain.xml_text import printable, xml_text
from mockbsale.http.errors import not_found
from mockbsale.resources.markets import PIXEL
from mockbsale.resources.registry import register_route
from mockbsale.store.table import Row


def document_of(ctx: Ctx) -> Row:
    document = ctx.table("documents").first("token", ctx.path_params["token"])
    if document is None:
        raise not_found()
    return document


@dataclass(frozen=True)
class ItemLine:
    """One line of a printed document."""

    code: str
    description: str
    comment: str
    quantity: float
    unit_price: float
    discount: float
    total: float

    @property
    def extra_comment(self) -> bool:
        """Whether the comment says more than the description (a free line's comment is its name)."""
        return bool(self.comment) and self.comment != self.description


@dataclass(frozen=True)
class DocumentView:
    """A document as Bsale prints it: heading, client, item lines, totals (text XML can carry)."""

    company: str
    title: str
    heading: list[str]
    items: list[ItemLine]
    totals: list[tuple[str, float]]
    decimals: int

    def money(self, amount: float) -> str:
        return f"{amount:.{self.decimals}f}"

    def item_text(self, item: ItemLine) -> str:
        discount = f" (-{item.discount:g} %)" if item.discount else ""
        code = f"[{item.code}] " if item.code else ""
        return (f"{item.quantity:g} x {code}{item.description} a $ {self.money(item.unit_price)}{discount}: "
                f"$ {self.money(item.total)}")

    def lines(self) -> list[str]:
        """The whole document as lines of text (the PDF's content)."""
        out = [self.company, self.title, *self.heading, "Cantidad x Descripcion a Precio unitario: Total"]
        for item in self.items:
            out.append(self.item_text(item))
            if item.extra_comment:
                out.append(f"    {item.comment}")
        out += [f"{label}: $ {self.money(amount)}" for label, amount in self.totals]
        return out


def document_view(ctx: Ctx, document: Row) -> DocumentView:
    """What the public page, the PDF and the XML show of a document."""
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    client = ctx.table("clients").get(document["clientId"]) if document["clientId"] else None
    issued = time.strftime("%Y-%m-%d", time.gmtime(document["emissionDate"]))
    items = []
    for detail in ctx.table("document_details").find("documentId", document["id"]):
        variant = ctx.table("variants").get(detail["variantId"]) if detail["variantId"] else None
        items.append(ItemLine(
            code=printable(variant["code"]) if variant else "",
            description=printable(documents.item_name(ctx, detail["variantId"], detail["note"] or "")),
            comment=printable(detail["note"] or ""),
            quantity=detail["quantity"],
            unit_price=detail["netUnitValue"],
            discount=detail["discount"],
            total=detail["netAmount"],
        ))
    return DocumentView(
        company=printable(str(ctx.company.instance.get("name", ""))),
        title=printable(f"{document_type['name']} N {document['number']}"),
        heading=[
            f"Fecha de emision: {issued}",
            printable(f"Cliente: {client['company']} ({client['code']})") if client else "Cliente: -",
        ],
        items=items,
        totals=[
            ("Neto", document["netAmount"]),
            ("Exento", document["exemptAmount"]),
            ("Impuestos", document["taxAmount"]),
            ("Total", document["totalAmount"]),
        ],
        decimals=ctx.country.money_decimals,
    )


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
    view = document_view(ctx, document_of(ctx))
    return Response(pdf_bytes(view.lines()), media_type="application/pdf")


def page(ctx: Ctx, request: Request) -> Response:
    """The public view: heading, a table of the items, the totals."""
    view = document_view(ctx, document_of(ctx))
    heading = "".join(f"<p>{html.escape(line)}</p>" for line in view.heading)
    rows = "".join(
        f"<tr><td>{html.escape(item.code)}</td><td>{html.escape(item.description)}"
        + (f"<br><small>{html.escape(item.comment)}</small>" if item.extra_comment else "")
        + f"</td><td>{item.quantity:g}</td><td>{view.money(item.unit_price)}</td><td>{item.discount:g}</td>"
        f"<td>{view.money(item.total)}</td></tr>"
        for item in view.items
    )
    totals = "".join(f"<tr><th>{label}</th><td>{view.money(amount)}</td></tr>" for label, amount in view.totals)
    content = (
        f"<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{html.escape(view.title)}</title>"
        f"</head><body><h1>{html.escape(view.company)}</h1><h2>{html.escape(view.title)}</h2>{heading}"
        "<table><thead><tr><th>Codigo</th><th>Descripcion</th><th>Cantidad</th><th>Precio unitario</th>"
        f"<th>Descuento %</th><th>Total</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<table class=\"totals\">{totals}</table></body></html>"
    )
    return Response(content, media_type="text/html; charset=utf-8")


def element(tag: str, text: str) -> str:
    return f"<{tag}>{xml_text(text)}</{tag}>"


def xml_item(number: int, item: ItemLine, view: DocumentView) -> str:
    """A DTE `Detalle`: SKU, name, comment, quantity, unit price, discount, line amount."""
    code = f"<CdgItem>{element('TpoCodigo', 'INT1')}{element('VlrCodigo', item.code)}</CdgItem>" if item.code else ""
    comment = element("DscItem", item.comment) if item.extra_comment else ""
    discount = element("DescuentoPct", f"{item.discount:g}") if item.discount else ""
    return (
        f"<Detalle>{element('NroLinDet', str(number))}{code}{element('NmbItem', item.description)}{comment}"
        f"{element('QtyItem', f'{item.quantity:g}')}{element('PrcItem', f'{item.unit_price:g}')}{discount}"
        f"{element('MontoItem', view.money(item.total))}</Detalle>"
    )


def stamp(ctx: Ctx, request: Request) -> Response:
    """A Peruvian electronic document's `stamp` (its QR code): an image, public like Bsale's."""
    document = document_of(ctx)
    if not ctx.table("document_types").rows[document["documentTypeId"]]["isElectronicDocument"]:
        raise not_found()
    return Response(PIXEL, media_type="image/png")


def xml(ctx: Ctx, request: Request) -> Response:
    """The DTE as XML: heading, totals, details and the TED; every text escaped (well-formed XML)."""
    document = document_of(ctx)
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    if not document_type["isElectronicDocument"]:
        raise not_found()
    view = document_view(ctx, document)
    details = "".join(xml_item(number, item, view) for number, item in enumerate(view.items, start=1))
    issued = time.strftime("%Y-%m-%d", time.gmtime(document["emissionDate"]))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><DTE version="1.0">'
        f"<Documento ID=\"T{document_type['codeSii']}F{document['number']}\"><Encabezado><IdDoc>"
        f"<TipoDTE>{document_type['codeSii']}</TipoDTE><Folio>{document['number']}</Folio>"
        f"<FchEmis>{issued}</FchEmis></IdDoc><Emisor><RUTEmisor>{xml_text(str(ctx.company.instance.get('code', '')))}"
        f"</RUTEmisor></Emisor><Totales><MntNeto>{view.money(document['netAmount'])}</MntNeto>"
        f"<MntExe>{view.money(document['exemptAmount'])}</MntExe><IVA>{view.money(document['taxAmount'])}</IVA>"
        f"<MntTotal>{view.money(document['totalAmount'])}</MntTotal></Totales></Encabezado>{details}"
        f"{document['ted'] or ''}</Documento></DTE>"
    )
    return Response(content, media_type="application/xml")


register_route("/view/{cpnId:int}/{token}.pdf", pdf, cpn_param="cpnId")
register_route("/view/{cpnId:int}/{token}", page, cpn_param="cpnId")
register_route("/v1/{cpnId:int}/files/{token}.xml", xml, cpn_param="cpnId")
register_route("/v1/{cpnId:int}/timbres/{token}.png", stamp, cpn_param="cpnId", countries=("PE",))
