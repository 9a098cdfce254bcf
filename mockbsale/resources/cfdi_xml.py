"""A Mexican document's XML (its `urlXml`): a CFDI 4.0 `cfdi:Comprobante` with the issuer, the
receiver's RFC, postal code, regime and CFDI use, the concepts, the transferred taxes and the SAT's
stamp (`tfd:TimbreFiscalDigital`, unsigned). Readable by a CFDI parser; not a valid signature."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from mockbsale.domain import cfdi, folios, global_invoices
from mockbsale.domain.cfdi import DEFAULT_USE, PUBLIC_REGIME, PUBLIC_RFC, UNDEFINED_FORM
from mockbsale.domain.context import Ctx
from mockbsale.domain.xml_text import printable
from mockbsale.store.table import Row

DAY = 86400
NAMESPACES = (
    'xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def attributes(**values: object) -> str:
    """XML attributes, quoted and escaped, without the characters XML forbids."""
    return " ".join(f"{name}={quoteattr(printable(str(value)))}" for name, value in values.items())


def cfdi_xml(ctx: Ctx, document: Row, document_type: Row) -> str:
    serial = folios.series(ctx, document_type) or ""
    client = ctx.table("clients").get(document["clientId"]) if document.get("clientId") else None
    instance = ctx.company.instance
    office = ctx.table("offices").get(document["officeId"]) or {}
    issued = cfdi.timestamp(document["generationDate"])
    head = attributes(
        Version="4.0", Serie=serial, Folio=document["number"], Fecha=issued,
        FormaPago=payment_form(ctx, document),
        SubTotal=f"{document['netAmount'] + document['exemptAmount']:.2f}", Moneda="MXN",
        Total=f"{document['totalAmount']:.2f}", TipoDeComprobante=document_type["codeSii"] or "I",
        Exportacion="01", MetodoPago=payment_method(ctx, document),
        LugarExpedicion=office.get("zipCode") or instance.get("postalCode", ""),
    )
    issuer = attributes(Rfc=instance.get("code", ""), Nombre=instance.get("name", ""),
                        RegimenFiscal=instance.get("regime", "601"))
    receiver = attributes(
        Rfc=client["code"] if client else PUBLIC_RFC,
        Nombre=receiver_name(client),
        DomicilioFiscalReceptor=(client.get("postalCode") if client else None) or instance.get("postalCode", ""),
        RegimenFiscalReceptor=(client.get("regime") if client else None) or PUBLIC_REGIME,
        UsoCFDI=document.get("cfdiUse") or DEFAULT_USE,
    )
    concepts = "".join(concept(detail) for detail in ctx.table("document_details").find("documentId", document["id"]))
    taxes = "".join(transfer(ctx, row) for row in ctx.table("document_taxes").find("documentId", document["id"]))
    total_taxes = attributes(TotalImpuestosTrasladados=money(document["taxAmount"]))
    stamp = attributes(
        Version="1.1", UUID=global_invoices.cfdi_uuid(ctx, document), FechaTimbrado=issued,
        RfcProvCertif=cfdi.SAT_RFC, NoCertificadoSAT=cfdi.CERTIFICATES["sat"],
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante {NAMESPACES} {head}>'
        f"{global_information(document)}{related(ctx, document)}<cfdi:Emisor {issuer}/><cfdi:Receptor {receiver}/>"
        f"<cfdi:Conceptos>{concepts}</cfdi:Conceptos>"
        f"<cfdi:Impuestos {total_taxes}>"
        f"<cfdi:Traslados>{taxes}</cfdi:Traslados></cfdi:Impuestos>"
        f"<cfdi:Complemento><tfd:TimbreFiscalDigital {stamp}/></cfdi:Complemento></cfdi:Comprobante>"
    )


def payment_method(ctx: Ctx, document: Row) -> str:
    """PUE when the payments recorded by the emission day cover the total, else PPD."""
    paid = sum(
        payment["amount"] for payment in ctx.table("payments").find("documentId", document["id"])
        if payment["state"] == 0 and payment["recordDate"] <= document["emissionDate"] + DAY
    )
    return cfdi.payment_method(document["totalAmount"], paid)


def payment_form(ctx: Ctx, document: Row) -> str:
    """The CFDI's FormaPago: `cfdiPaymentTypeCode` as sent, else the SAT code of the payment type
    of its first payment; `99` (to be defined) when paid later (PPD), as the SAT asks."""
    if payment_method(ctx, document) == cfdi.PAID_LATER:
        return UNDEFINED_FORM
    if document.get("cfdiPaymentTypeCode"):
        return document["cfdiPaymentTypeCode"]
    payment = next((row for row in ctx.table("payments").find("documentId", document["id"]) if row["state"] == 0), None)
    payment_type = ctx.table("payment_types").get(payment["paymentTypeId"]) if payment else None
    return (payment_type or {}).get("satCode") or UNDEFINED_FORM


def global_information(document: Row) -> str:
    """A global invoice's `cfdi:InformacionGlobal`: the SAT's periodicity, month and year."""
    if not global_invoices.is_global_invoice(document):
        return ""
    values = attributes(Periodicidad=cfdi.PERIODICITIES[document["globalCfdiPeriodicity"]],
                        Meses=f"{document['globalCfdiMonth']:02d}", Año=document["globalCfdiYear"])
    return f"<cfdi:InformacionGlobal {values}/>"


def related(ctx: Ctx, document: Row) -> str:
    """A credit note's `cfdi:CfdiRelacionados`: the UUID of the sale it returns (TipoRelacion 01,
    nota de crédito de los documentos relacionados)."""
    sales = [ctx.table("documents").get(row["referenceDocumentId"])
             for row in ctx.table("returns").find("creditNoteId", document["id"])]
    uuids = "".join(f"<cfdi:CfdiRelacionado {attributes(UUID=global_invoices.cfdi_uuid(ctx, sale))}/>"
                    for sale in sales if sale is not None)
    return f'<cfdi:CfdiRelacionados TipoRelacion="01">{uuids}</cfdi:CfdiRelacionados>' if uuids else ""


def receiver_name(client: Row | None) -> str:
    if client is None:
        return "PUBLICO EN GENERAL"
    return client.get("company") or f"{client['firstName']} {client['lastName']}"


def concept(detail: Row) -> str:
    values = attributes(
        ClaveProdServ="01010101", Cantidad=f"{detail['quantity']:g}", ClaveUnidad="H87",
        Descripcion=detail["note"] or str(detail.get("variantId") or ""), ValorUnitario=f"{detail['netUnitValue']:.2f}",
        Importe=f"{detail['netAmount']:.2f}", ObjetoImp="02" if detail["taxAmount"] else "01",
    )
    return f"<cfdi:Concepto {values}/>"


def transfer(ctx: Ctx, row: Row) -> str:
    """One transferred tax of the document (IVA 002, IEPS 003) at its rate."""
    tax = ctx.table("taxes").get(row["taxId"]) or {}
    rate = float(tax.get("percentage") or 0) / 100
    values = attributes(Impuesto=str(tax.get("code") or "002"), TipoFactor="Tasa", TasaOCuota=f"{rate:.6f}",
                        Importe=money(row["totalAmount"]))
    return f"<cfdi:Traslado {values}/>"


def money(amount: float) -> str:
    return f"{amount:.2f}"
