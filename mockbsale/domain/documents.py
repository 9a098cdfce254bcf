"""Sales documents: `POST /v1/documents.json` read into a `Plan` (every check, nothing changed), then
`commit` (folio, client, rows, stock, payments, events). A rejected document changes nothing."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

import orjson

from mockbsale.domain import folios, payments, shippings, stock
from mockbsale.domain.body import objects, read, read_percentage
from mockbsale.domain.clients import find_or_create_client
from mockbsale.domain.context import Ctx
from mockbsale.domain.payments import INVALID_OFFICE
from mockbsale.domain.taxes import per_unit
from mockbsale.domain.totals import Line, document_totals, line_amounts
from mockbsale.domain.xml_text import xml_text
from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request
from mockbsale.http.query import parse_list
from mockbsale.store.table import Row

DAY = 86400
INVALID_DOCUMENT_TYPE = "invalid documentType"
INVALID_DETAIL = "invalid reference detail"
INVALID_QUANTITY = "invalid quantity"
INVALID_NET_VALUE = "Invalid net unit value, zero or negative values are not allowed for this type of document"
PRICE_LIST_NOT_FOUND = "price list not found"
INVALID_PRICE_LIST = "invalid price list"
NO_DEFAULT_PRICE_LIST = "Couldn't find ListaPrecio with 'id_lista_precio'= "
CLIENT_ATTRIBUTES = "client attribute required : {names}"
INVALID_CLIENT = "invalid client"
INVALID_ADDRESS = "invalid address"
INVALID_TAX = "invalid tax"
INVALID_SELLER = "invalid seller"
USED = "This document may not be removed because it was used"
ELECTRONIC_NOT_REMOVABLE = "electronic documents can not be removed"
ZERO_AMOUNTS = (
    "exportTotalAmount", "exportNetAmount", "exportTaxAmount", "exportExemptAmount", "commissionRate",
    "commissionNetAmount", "commissionTaxAmount", "commissionTotalAmount", "percentageTaxWithheld",
    "purchaseTaxAmount", "purchaseTotalAmount",
)


@dataclass
class PlannedLine:
    line: Line
    variant_id: int | None
    note: str
    related_detail_id: int = 0


@dataclass
class Plan:
    """A document ready to be written: every reference resolved, every rule checked."""

    document_type: Row
    office: Row
    price_list_id: int
    lines: list[PlannedLine]
    emission: int
    expiration: int
    user_id: int
    seller_id: int
    client: Row | None = None
    inline_client: dict[str, Any] | None = None
    address: dict[str, Any] = field(default_factory=dict)
    payments: list[payments.PlannedPayment] | None = None
    references: list[Row] = field(default_factory=list)
    attributes: list[Row] = field(default_factory=list)
    shipment_attributes: str | None = None
    dispatch: bool = False
    declare: bool = True
    sales_id: str | None = None
    sale_condition_id: int | None = None
    shipping: shippings.ShippingPlan | None = None
    """The shipping of a dispatched document (a sale's default one when None)."""
    extras: Row = field(default_factory=dict)
    """The country-only attributes of the body (Mexico's CFDI fields), already checked."""


# --- reading the body -------------------------------------------------------------------------


def utc_day(seconds: int) -> int:
    """The UTC calendar date (00:00) of a Unix time."""
    return seconds - seconds % DAY


def document_type_of(ctx: Ctx, body: dict[str, Any], *, credit_note: bool = False) -> Row:
    """By `documentTypeId` or the authority code (`codeSii`; Peru's `code`); an inactive type, or
    one of the other kind (a credit note on `documents.json`, a sale on `returns.json`), is
    `invalid documentType`."""
    types = ctx.table("document_types")
    type_id = read(body, "documentTypeId", "int")
    if type_id is not None:
        row = types.get(type_id)
    else:
        code = read(body, ctx.country.served("codeSii"), "str")
        row = next((r for r in types.find("codeSii", code) if r["state"] == 0), None) if code else None
    if row is None or row["state"] != 0 or bool(row["isCreditNote"]) != credit_note:
        raise bad_request(INVALID_DOCUMENT_TYPE)
    return row


def office_of(ctx: Ctx, body: dict[str, Any]) -> Row:
    """`officeId`, or the company's first active office."""
    offices = ctx.table("offices")
    office_id = read(body, "officeId", "int")
    active = (row for row in offices if row["state"] == 0)
    office = next(active, None) if office_id is None else offices.get(office_id)
    if office is None or office["state"] != 0:
        raise bad_request(INVALID_OFFICE)
    return office


def price_list_of(ctx: Ctx, body: dict[str, Any], office: Row) -> int:
    price_lists = ctx.table("price_lists")
    price_list_id = read(body, "priceListId", "int")
    if price_list_id is None:
        default = office.get("defaultPriceListId")
        if default is None or price_lists.get(default) is None:
            raise bad_request(NO_DEFAULT_PRICE_LIST)
        return int(default)
    row = price_lists.get(price_list_id)
    if row is None:
        raise bad_request(PRICE_LIST_NOT_FOUND)
    if row["state"] != 0:
        raise bad_request(INVALID_PRICE_LIST)
    return price_list_id


def variant_of(ctx: Ctx, detail: dict[str, Any]) -> Row | None:
    """The variant a detail names by `variantId`, `code` or `barCode`; None for a free line."""
    if all(detail.get(key) in (None, "") for key in ("variantId", "code", "barCode")):
        return None
    return stock.find_variant(ctx, detail)


def price_of(ctx: Ctx, price_list_id: int, variant_id: int) -> float:
    details = ctx.table("price_list_details")
    for row_id in details.lookup("variantId", variant_id):
        row = details.rows[row_id]
        if row["priceListId"] == price_list_id:
            return float(row["variantValue"])
    return 0.0


def taxes_of(ctx: Ctx, detail: dict[str, Any]) -> dict[int, float]:
    """Tax id -> percentage, from `taxId: "[1,2]"` (ids) or `taxes: [{code, percentage}]`."""
    taxes = ctx.table("taxes")
    out: dict[int, float] = {}
    for entry in objects(detail, "taxes"):
        code = read(entry, "code", "str")
        row = next((r for r in taxes.find("code", code) if r["state"] == 0), None) if code else None
        if row is None:
            raise bad_request(INVALID_TAX)
        out[row["id"]] = read_percentage(entry, "percentage", float(row["percentage"]))
    raw = detail.get("taxId")
    items = raw if isinstance(raw, list) else parse_list(str(raw)) if raw not in (None, "") else []
    for item in items:
        tax_id = read({"taxId": item}, "taxId", "int")
        row = taxes.get(tax_id)
        if row is None or row["state"] != 0:
            raise bad_request(INVALID_TAX)
        out[tax_id] = float(row["percentage"])
    return out


def split_taxes(ctx: Ctx, taxes: dict[int, float]) -> tuple[dict[int, float], dict[int, float]]:
    """(percentage taxes, per-unit taxes: `taxes.per_unit`, their `percentage` an amount a unit)."""
    rows = ctx.table("taxes").rows
    unit = {tax_id: value for tax_id, value in taxes.items() if per_unit(rows[tax_id])}
    return {tax_id: value for tax_id, value in taxes.items() if tax_id not in unit}, unit


def encode_taxes(line: Line) -> str:
    """Per-line taxes are kept in the row as a JSON string (rows hold scalars only): `[id,
    percentage]`, or `[id, amount, 1]` for a per-unit tax."""
    return orjson.dumps([*([tax_id, percentage] for tax_id, percentage in line.taxes.items()),
                         *([tax_id, amount, 1] for tax_id, amount in line.unit_taxes.items())]).decode()


def decode_taxes(text: str | None) -> tuple[dict[int, float], dict[int, float]]:
    """(percentage taxes, per-unit taxes) of a detail row (none for a row without them: an
    imported document's)."""
    taxes: tuple[dict[int, float], dict[int, float]] = ({}, {})
    for tax_id, value, *unit in orjson.loads(text or "[]"):
        taxes[1 if unit else 0][int(tax_id)] = float(value)
    return taxes


def line_of_detail(row: Row, quantity: float | None = None) -> Line:
    """The `Line` an existing document detail was computed from (optionally another quantity)."""
    taxes, unit_taxes = decode_taxes(row.get("taxes"))
    return Line(
        quantity=row["quantity"] if quantity is None else quantity,
        net_unit_value=row["netUnitValue"],
        discount=row.get("discount", 0.0),
        taxes=taxes,
        unit_taxes=unit_taxes,
    )


def planned_line(ctx: Ctx, detail: dict[str, Any], price_list_id: int, document_type: Row) -> PlannedLine:
    quantity = read(detail, "quantity", "float")
    detail_id = read(detail, "detailId", "int")
    if detail_id is not None:
        original = ctx.table("document_details").get(detail_id)
        if original is None:
            raise bad_request(INVALID_DETAIL)
        if quantity is not None and quantity <= 0:
            raise bad_request(INVALID_QUANTITY)
        line = line_of_detail(original, quantity)
        return PlannedLine(line, original["variantId"], original["note"], detail_id)
    if quantity is None or quantity <= 0:
        raise bad_request(INVALID_QUANTITY)
    variant = variant_of(ctx, detail)
    value = read(detail, "netUnitValue", "float")
    if value is None:
        value = price_of(ctx, price_list_id, variant["id"]) if variant else 0.0
    if value <= 0 and (document_type["isElectronicDocument"] or variant is None):
        raise bad_request(INVALID_NET_VALUE)
    discount = read_percentage(detail, "discount", 0.0)
    taxes, unit_taxes = split_taxes(ctx, {} if document_type["isExempt"] else taxes_of(ctx, detail))
    note = read(detail, "comment", "str", "")
    line = Line(quantity=quantity, net_unit_value=value, discount=discount, taxes=taxes, unit_taxes=unit_taxes)
    return PlannedLine(line, variant["id"] if variant else None, note)


def client_of(ctx: Ctx, body: dict[str, Any], document_type: Row, plan: Plan) -> None:
    """`clientId` (+ `addressId`), or the inline `client` (matched by `code` or created on commit),
    or the client the country gives a body that names none (Mexico's global invoice: client 1)."""
    inline = body.get("client")
    client_id = read(body, "clientId", "int", None if inline else ctx.country.default_client(body))
    if client_id is not None:
        client = ctx.table("clients").get(client_id)
        if client is None:
            raise bad_request(INVALID_CLIENT)
        plan.client = client
        plan.address = {k: client.get(k) for k in ("address", "municipality", "city")}
        address_id = read(body, "addressId", "int")
        if address_id is not None:
            address = ctx.table("client_addresses").get(address_id)
            if address is None or address["clientId"] != client_id:
                raise bad_request(INVALID_ADDRESS)
            plan.address = {k: address.get(k) for k in ("address", "municipality", "city")}
        return
    if inline is not None and not isinstance(inline, dict):
        raise BsaleError(400, TYPE_MISMATCH)
    if not inline:
        if document_type["useClient"]:
            raise bad_request(ctx.country.tax_id_error("", document_type["codeSii"]) or INVALID_CLIENT)
        return
    if document_type["useClient"]:
        required = ctx.country.client_required(inline)
        missing = [name for name in required if not str(inline.get(name) or "").strip()]
        if missing:
            raise bad_request(CLIENT_ATTRIBUTES.format(names=",".join(map(ctx.country.served, missing))))
    ctx.country.client_fields(inline)
    plan.inline_client = inline
    plan.address = {k: read(inline, k, "str") for k in ("address", "municipality", "city")}


def user_of(ctx: Ctx, body: dict[str, Any]) -> tuple[int, int]:
    """(the user the token acts as: the first active user, the seller: `sellerId` or that user)."""
    users = ctx.table("users")
    user_id = next((row["id"] for row in users if row["state"] == 0), 1)
    seller_id = read(body, "sellerId", "int")
    if seller_id is None:
        return user_id, user_id
    if users.get(seller_id) is None:
        raise bad_request(INVALID_SELLER)
    return user_id, seller_id


def references_of(ctx: Ctx, body: dict[str, Any], default_date: int) -> list[Row]:
    return [
        {
            "referenceDate": read(entry, "referenceDate", "int", default_date),
            "number": read(entry, "number", "str", ""),
            "reason": read(entry, "reason", "str", ""),
            "codeSii": read(entry, ctx.country.served("codeSii"), "str", ""),
        }
        for entry in objects(body, "references")
    ]


def attributes_of(body: dict[str, Any]) -> list[Row]:
    """The company's dynamic attributes a body fills (`dynamicAttributeId`, `description`); Peru's
    remission-guide attributes by `alias` are read by `shipment_attributes_of`."""
    return [
        {
            "dynamicAttributeId": read(entry, "dynamicAttributeId", "int", required=True),
            "value": read(entry, "description", "str", ""),
        }
        for entry in objects(body, "dynamicAttributes")
        if "alias" not in entry
    ]


def shipment_attributes_of(body: dict[str, Any]) -> str | None:
    """Peru's transport attributes of a remission guide (`{"alias": "shipmentTransportModeCode",
    "values": ["01"]}`), kept with the document as a JSON string; None when there are none."""
    found: dict[str, list[str]] = {}
    for entry in objects(body, "dynamicAttributes"):
        if "alias" not in entry:
            continue
        values = entry.get("values", [])
        if not isinstance(values, list) or not all(isinstance(v, (str, int, float)) for v in values):
            raise BsaleError(400, TYPE_MISMATCH)
        found[read(entry, "alias", "str", required=True)] = [str(value) for value in values]
    return orjson.dumps(found).decode() if found else None


def plan_document(ctx: Ctx, body: dict[str, Any], document_type: Row, *, lines_required: bool = True) -> Plan:
    """Every check of a document POST; raises Bsale's error, changes nothing. A return's note
    (`lines_required=False`) gets its lines from the return afterwards."""
    details = objects(body, "details", required=lines_required)
    office = office_of(ctx, body)
    price_list_id = price_list_of(ctx, body, office)
    lines = [planned_line(ctx, detail, price_list_id, document_type) for detail in details]
    emission = utc_day(read(body, "emissionDate", "int", ctx.now()))
    user_id, seller_id = user_of(ctx, body)
    plan = Plan(
        document_type=document_type,
        office=office,
        price_list_id=price_list_id,
        lines=lines,
        emission=emission,
        expiration=utc_day(read(body, "expirationDate", "int", emission)),
        user_id=user_id,
        seller_id=seller_id,
        references=references_of(ctx, body, emission),
        attributes=attributes_of(body),
        shipment_attributes=shipment_attributes_of(body),
        dispatch=bool(read(body, "dispatch", "int", 0)),
        declare=bool(read(body, "declareSii", "int", 1)),
        sales_id=read(body, "salesId", "str"),
        sale_condition_id=read(body, "saleConditionId", "int", 1),
    )
    client_of(ctx, body, document_type, plan)
    plan.extras = ctx.country.document_fields(body, emission)
    if "payments" in body:
        plan.payments = payments.plan_payments(ctx, objects(body, "payments"), emission)
    if plan.dispatch:
        stock.check_available(ctx, office["id"], wanted(ctx, plan.lines))
    folios.check(document_type)
    return plan


def wanted(ctx: Ctx, lines: list[PlannedLine]) -> dict[int, float]:
    """The stock the lines take, quantity per variant (free lines take none, a pack its components)."""
    out: dict[int, float] = {}
    for planned in lines:
        if planned.variant_id is not None:
            out[planned.variant_id] = out.get(planned.variant_id, 0.0) + planned.line.quantity
    return stock.goods(ctx, out)


def existing_sale(ctx: Ctx, sales_id: str | None, document_type: Row) -> Row | None:
    """The document made earlier with this `salesId` for this document type, if any."""
    if not sales_id:
        return None
    for row in ctx.table("documents").find("salesId", sales_id):
        if row["documentTypeId"] == document_type["id"]:
            return row
    return None


# --- writing ------------------------------------------------------------------------------------


def item_name(ctx: Ctx, variant_id: int | None, comment: str) -> str:
    """A line's item as a printed Bsale document names it: the product and the variant
    (`Polera Básica M`), or the comment of a free line."""
    variant = ctx.table("variants").get(variant_id) if variant_id else None
    if variant is None:
        return comment
    product = ctx.table("products").get(variant["productId"])
    return " ".join(part for part in (product["name"] if product else "", variant["description"]) if part)


def document_token(cpn_id: int, document_id: int) -> str:
    """12 hex characters like Bsale's, stable for a given company and document."""
    return hashlib.sha1(f"{cpn_id}:{document_id}".encode()).hexdigest()[:12]


def ted(ctx: Ctx, document: Row, document_type: Row, client: Row | None, first_item: str) -> str:
    """A TED (timbre electrónico) shaped like the SII's, unsigned."""
    issued = time.strftime("%Y-%m-%d", time.gmtime(document["emissionDate"]))
    receiver = xml_text(client["code"]) if client else "66666666-6"
    name = xml_text((client.get("company") or "")[:40]) if client else ""
    return (
        f'<TED version="1.0"><DD><RE>{xml_text(str(ctx.company.instance.get("code", "")))}</RE>'
        f"<TD>{document_type['codeSii']}</TD><F>{document['number']}</F><FE>{issued}</FE>"
        f"<RR>{receiver}</RR><RSR>{name}</RSR><MNT>{int(document['totalAmount'])}</MNT>"
        f"<IT1>{xml_text(first_item[:40])}</IT1></DD></TED>"
    )


def commit(ctx: Ctx, plan: Plan) -> Row:
    """Write the planned document with its details, taxes, references, attributes, seller, stock
    moves and payments; emit document/post (and stock/put, payment/post)."""
    document_type = plan.document_type
    client = plan.client
    if plan.inline_client is not None:
        checked = document_type["isElectronicDocument"] and document_type["useClient"]
        tax_document = document_type["codeSii"] if checked else None
        client = find_or_create_client(ctx, plan.inline_client, tax_document=tax_document)
    number = folios.take(ctx, document_type)
    totals = document_totals([planned.line for planned in plan.lines], ctx.country.money)
    electronic = bool(document_type["isElectronicDocument"])
    documents = ctx.table("documents")
    document = documents.insert(
        {
            "emissionDate": plan.emission,
            "expirationDate": plan.expiration,
            "generationDate": ctx.now(),
            "rcofDate": plan.emission,
            "number": number,
            "trackingNumber": "",
            "totalAmount": totals.totalAmount,
            "netAmount": totals.netAmount,
            "taxAmount": totals.taxAmount,
            "exemptAmount": totals.exemptAmount,
            **dict.fromkeys(ZERO_AMOUNTS, 0.0),
            "address": plan.address.get("address"),
            "municipality": plan.address.get("municipality"),
            "city": plan.address.get("city"),
            "urlTimbre": None,
            "token": "",
            "state": 0,
            "commercialState": 0,
            "ted": None,
            "salesId": plan.sales_id,
            "informedSii": 0 if electronic and plan.declare else 1,
            "responseMsgSii": ctx.country.accepted(document_type["codeSii"], number)
            if electronic and plan.declare else None,
            "documentTypeId": document_type["id"],
            "clientId": client["id"] if client else None,
            "officeId": plan.office["id"],
            "userId": plan.user_id,
            "coinId": ctx.table("price_lists").rows[plan.price_list_id].get("coinId", 1),
            "priceListId": plan.price_list_id,
            "saleConditionId": plan.sale_condition_id,
            "dispatch": int(plan.dispatch),
            **plan.extras,
            **({"shipmentAttributes": plan.shipment_attributes} if plan.shipment_attributes else {}),
        }
    )
    document_id = document["id"]
    changes: Row = {"token": document_token(ctx.company.cpn_id, document_id)}
    if electronic:
        first_item = item_name(ctx, plan.lines[0].variant_id, plan.lines[0].note) if plan.lines else ""
        changes["ted"] = ted(ctx, document, document_type, client, first_item)
    document = documents.update(document_id, changes)
    details = write_details(ctx, document_id, plan.lines)
    for tax_id, amount in totals.taxes.items():
        ctx.table("document_taxes").insert(
            {"documentId": document_id, "totalAmount": amount, "exemptAmount": 0.0, "taxId": tax_id}
        )
    for reference in plan.references:
        ctx.table("document_references").insert({"documentId": document_id, **reference})
    for attribute in plan.attributes:
        ctx.table("document_attributes").insert({"documentId": document_id, **attribute})
    ctx.table("document_sellers").insert({"documentId": document_id, "userId": plan.seller_id})
    if plan.dispatch:
        shippings.dispatch(ctx, document, details, wanted(ctx, plan.lines), plan.shipping or shippings.ShippingPlan())
    ctx.emit("document", "post", document_id, officeId=plan.office["id"])
    planned_payments = plan.payments
    if planned_payments is None and pays(ctx, document_type) and totals.totalAmount > 0:
        planned_payments = payments.default_payment(ctx, totals.totalAmount, plan.emission)
    for payment in planned_payments or []:
        payments.record(ctx, payment, document_id, plan.office["id"], plan.user_id)
    return document


def write_details(ctx: Ctx, document_id: int, lines: list[PlannedLine]) -> list[Row]:
    details = ctx.table("document_details")
    rows = []
    for number, planned in enumerate(lines):
        amounts = line_amounts(planned.line, ctx.country.money)
        row = details.insert(
            {
                "documentId": document_id,
                "lineNumber": number,
                "quantity": float(planned.line.quantity),
                **vars(amounts),
                "note": planned.note,
                "relatedDetailId": planned.related_detail_id,
                "variantId": planned.variant_id,
                "discount": float(planned.line.discount),
                "taxes": encode_taxes(planned.line),
            }
        )
        rows.append(row)
    return rows


def pays(ctx: Ctx, document_type: Row) -> bool:
    """Whether a document of this type gets the default payment when the body names none
    (sales notes, credit notes and dispatch guides are not paid)."""
    return not (document_type["isSalesNote"] or document_type["isCreditNote"]
                or document_type["codeSii"] == ctx.country.dispatch_code)


def create(ctx: Ctx, body: dict[str, Any]) -> tuple[Row, bool]:
    """(the document, whether it was made now): a known `salesId` returns the earlier one."""
    document_type = document_type_of(ctx, body)
    earlier = existing_sale(ctx, read(body, "salesId", "str"), document_type)
    if earlier is not None:
        return earlier, False
    return commit(ctx, plan_document(ctx, body, document_type)), True


def delete(ctx: Ctx, document: Row) -> Row:
    """`DELETE /v1/documents/{id}.json?officeId=N`: a non-electronic document becomes inactive and
    its dispatched goods go back to stock at that office; one a return used stays."""
    if ctx.table("document_types").rows[document["documentTypeId"]]["isElectronicDocument"]:
        raise bad_request(ELECTRONIC_NOT_REMOVABLE)
    if ctx.table("returns").find("referenceDocumentId", document["id"]):
        raise bad_request(USED)
    office_id = read(dict(ctx.query), "officeId", "int", document["officeId"])
    if ctx.table("offices").get(office_id) is None:
        raise bad_request(INVALID_OFFICE)
    if document["state"] != 0:
        return document
    return cancel(ctx, document, office_id)


def cancel(ctx: Ctx, document: Row, office_id: int) -> Row:
    """The document becomes inactive; its dispatched goods come back to stock at `office_id` and
    its shipping is cancelled (a deletion, or Mexico's voiding of a CFDI)."""
    if document["dispatch"]:
        lines = [PlannedLine(line_of_detail(row), row["variantId"], row["note"])
                 for row in ctx.table("document_details").find("documentId", document["id"])]
        for variant_id, quantity in wanted(ctx, lines).items():
            stock.move(ctx, variant_id, office_id, quantity)
        shippings.cancel(ctx, document["id"])
    return ctx.table("documents").update(document["id"], {"state": 1})
