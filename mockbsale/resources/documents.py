"""Documents (`/v1/documents`): sales documents, their details, taxes, references, sellers,
attributes and payments; `count`, `summary`, `costs`, the unversioned `/documents/{id}.json` the
document webhook names and `/v2/stocks/documents/{id}.json`."""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request

from mockbsale.domain import documents, folios
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import not_found
from mockbsale.http.query import page_bounds
from mockbsale.resources.filters import Filter
from mockbsale.resources.listing import select
from mockbsale.resources.registry import (
    REGISTRY,
    Attr,
    Children,
    Computed,
    FieldSpec,
    Link,
    Resource,
    register,
    register_route,
)
from mockbsale.resources.render import render
from mockbsale.resources.routing import Reply, find_row, render_one
from mockbsale.store.table import Row


def view_url(suffix: str = "", query: str = "") -> Any:
    """A document URL on the mock: `/view/{cpnId}/{token}{suffix}{query}` (PDF or public page)."""
    return lambda ctx, row: ctx.url(f"/view/{ctx.company.cpn_id}/{row['token']}{suffix}{query}")


def stamp_url(ctx: Ctx, row: Row) -> str | None:
    """Peru's `stamp`: the printed representation's QR code, an image on the mock."""
    electronic = ctx.table("document_types").rows[row["documentTypeId"]]["isElectronicDocument"]
    return ctx.url(f"/v1/{ctx.company.cpn_id}/timbres/{row['token']}.png") if electronic else None


def serial_number(ctx: Ctx, row: Row) -> str:
    """The folio with its series: `F001-12` in Peru, `FE00-31` in Mexico."""
    return folios.serial_number(ctx, ctx.table("document_types").rows[row["documentTypeId"]], row["number"])


def xml_url(ctx: Ctx, row: Row) -> str | None:
    electronic = ctx.table("document_types").rows[row["documentTypeId"]]["isElectronicDocument"]
    return ctx.url(f"/v1/{ctx.company.cpn_id}/files/{row['token']}.xml") if electronic else None


def variant_node(ctx: Ctx, row: Row) -> dict[str, Any] | None:
    """A detail's variant as Bsale nests it: id as a number, with description and SKU."""
    variant = ctx.table("variants").get(row["variantId"]) if row.get("variantId") else None
    if variant is None:
        return None
    return {
        "href": ctx.url(f"/v1/variants/{variant['id']}.json"),
        "id": variant["id"],
        "description": variant["description"],
        "code": variant["code"],
    }


def user_name(key: str) -> Any:
    return lambda ctx, row: ctx.table("users").rows[row["userId"]][key]


def attribute_name(ctx: Ctx, row: Row) -> str:
    attribute = ctx.table("dynamic_attributes").get(row["dynamicAttributeId"])
    return "" if attribute is None else attribute["name"]


def dte_code_node(ctx: Ctx, row: Row) -> Any:
    """The reference's code in the tax authority's list (`/v1/dte_codes`; Peru's `/v1/cpe_codes`)."""
    resource = REGISTRY[ctx.country.code_table]
    code = ctx.table(resource.table).first("codeSii", row["codeSii"])
    return None if code is None else {"href": ctx.url(f"{resource.path}/{code['id']}.json"), "id": str(code["id"])}


def create(ctx: Ctx, body: dict[str, Any]) -> Row | Reply:
    """A new document (201), or the one a repeated `salesId` made first (200)."""
    document, made = documents.create(ctx, body)
    return document if made else Reply(document, 200)


SII = ("CL",)
"""Where documents carry the SII's `rcofDate`, `urlTimbre` and `ted`."""
PERU_AND_MEXICO = ("PE", "MX")
"""Where documents carry `serialNumber`, `notExemptAmount` and `stamp`: Peru's, and Mexico's newest
examples (the POST answer; its older GET example shows Chile's keys)."""

DOCUMENT_FIELDS = [
    Attr("id"),
    Attr("emissionDate"),
    Attr("expirationDate"),
    Attr("generationDate"),
    Attr("rcofDate", only=SII),
    Attr("number"),
    Computed("serialNumber", serial_number, type=str, only=PERU_AND_MEXICO),
    Attr("trackingNumber", type=str),
    Attr("totalAmount", type=float),
    Attr("netAmount", type=float),
    Attr("taxAmount", type=float),
    Attr("exemptAmount", type=float),
    Attr("notExemptAmount", key="netAmount", type=float, only=PERU_AND_MEXICO),
    *(Attr(name, type=float) for name in documents.ZERO_AMOUNTS),
    Attr("address", type=str),
    Attr("municipality", type=str),
    Attr("city", type=str),
    Attr("urlTimbre", type=str, only=SII),
    Computed("stamp", stamp_url, type=str, only=PERU_AND_MEXICO),
    Computed("urlPublicView", view_url(query="?sfd=99"), type=str),
    Computed("urlPdf", view_url(".pdf", "?sfd=99"), type=str),
    Computed("urlPublicViewOriginal", view_url(), type=str),
    Computed("urlPdfOriginal", view_url(".pdf"), type=str),
    Attr("token", type=str),
    Attr("state"),
    Attr("commercialState"),
    Computed("urlXml", xml_url, type=str),
    Attr("ted", type=str, only=SII),
    Attr("salesId", type=str),
    Attr("informedSii"),
    Attr("responseMsgSii", type=str),
    Link("document_type", "document_types", "documentTypeId"),
    Link("client", "clients", "clientId"),
    Link("office", "offices", "officeId"),
    Link("user", "users", "userId"),
    Link("coin", "coins", "coinId"),
    Children("references", "document_references"),
    Children("document_taxes", "document_taxes"),
    Children("details", "document_details"),
    Children("sellers", "document_sellers"),
    Children("attributes", "document_attributes"),
    Children("payments", "document_payments", hidden=True),
]

def document_child(
    name: str,
    fields: list[FieldSpec],
    href_target: tuple[str, str] | None = None,
    member_countries: tuple[str, ...] = (),
) -> None:
    """A sub-collection of documents, `/v1/documents/{id}/<name>`, over the table `document_<name>`."""
    table = name if name.startswith("document_") else f"document_{name}"
    register(
        Resource(
            name=table,
            path=f"/v1/documents/{{documentId}}/{name}",
            table=table,
            parent="documents",
            parent_key="documentId",
            fields=fields,
            href_target=href_target,
            member_countries=member_countries,
        )
    )


DOCUMENTS = register(
    Resource(
        name="documents",
        path="/v1/documents",
        table="documents",
        fields=DOCUMENT_FIELDS,
        filters={
            "emissiondate": Filter("emissionDate", "date"),
            "expirationdate": Filter("expirationDate", "date"),
            "emissiondaterange": Filter("emissionDate", "daterange"),
            "rcofdate": Filter("rcofDate", "date"),
            "number": Filter("number", indexed=True),
            "token": Filter("token", "str", indexed=True),
            "documenttypeid": Filter("documentTypeId", indexed=True),
            "clientid": Filter("clientId", indexed=True),
            "clientcode": Filter("clientId", "str", via=("clients", "code")),
            "officeid": Filter("officeId", indexed=True),
            "saleconditionid": Filter("saleConditionId"),
            "informedsii": Filter("informedSii"),
            "codesii": Filter("documentTypeId", "str", via=("document_types", "codeSii")),
            "totalamount": Filter("totalAmount", "float"),
            "referencecode": Filter("id", "str", via=("document_references", "codeSii"), via_key="documentId"),
            "referencenumber": Filter("id", "str", via=("document_references", "number"), via_key="documentId"),
            "detailid": Filter("id", via=("document_details", "id"), via_key="documentId"),
            "salesid": Filter("salesId", "str", indexed=True),
            "documentid": Filter("id"),
            "generationdaterange": Filter("generationDate", "daterange"),
            "rcofdaterange": Filter("rcofDate", "daterange"),
            "state": Filter("state"),
        },
        count=True,
        post=create,
        delete=documents.delete,
    )
)

document_child(
    "details",
    [
        Attr("id"),
        Attr("lineNumber"),
        Attr("quantity", type=float),
        Attr("netUnitValue", type=float),
        Attr("totalUnitValue", type=float),
        Attr("netAmount", type=float),
        Attr("taxAmount", type=float),
        Attr("totalAmount", type=float),
        Attr("netDiscount", type=float),
        Attr("totalDiscount", type=float),
        Computed("variant", variant_node, type=dict),
        Attr("note", type=str),
        Attr("relatedDetailId"),
    ],
)

document_child(
    "document_taxes",
    [
        Attr("id"),
        Attr("totalAmount", type=float),
        Attr("exemptAmount", type=float),
        Link("tax", "taxes", "taxId"),
    ],
)

document_child(
    "references",
    [
        Attr("id"),
        Attr("referenceDate"),
        Attr("number", type=str),
        Attr("reason", type=str),
        Computed("dte_code", dte_code_node, type=dict),
    ],
)

document_child(
    "sellers",
    [
        Attr("id", key="userId"),
        Computed("firstName", user_name("firstName"), type=str),
        Computed("lastName", user_name("lastName"), type=str),
    ],
    href_target=("users", "userId"),
)

document_child(
    "attributes",
    [
        Attr("id", key="dynamicAttributeId"),
        Computed("name", attribute_name, type=str),
        Attr("value", type=str),
    ],
    href_target=("dynamic_attributes", "dynamicAttributeId"),
)


def unversioned(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`/documents/{id}.json`: the document, as the document webhook's `resource` names it."""
    return render_one(ctx, DOCUMENTS, find_row(ctx, DOCUMENTS))


def v2_stocks(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`/v2/stocks/documents/{id}.json[?office=N]`: the document with the current stock of each
    detail's variant (every office, or the one asked for), in v2's envelope."""
    document = find_row(ctx, DOCUMENTS)
    office = ctx.query.get("office")
    details = []
    for detail in ctx.table("document_details").find("documentId", document["id"]):
        rows = ctx.table("stocks").find("variantId", detail["variantId"]) if detail["variantId"] else []
        kept = [row for row in rows if office is None or str(row["officeId"]) == office]
        details.append(
            {
                **render(ctx, REGISTRY["document_details"], detail),
                "stocks": [render(ctx, REGISTRY["stocks"], row) for row in kept],
            }
        )
    return {"code": 200, "data": {**render(ctx, DOCUMENTS, document), "details": details}}


def matching(ctx: Ctx) -> list[Row]:
    """The active documents the query's filters keep (every one, for reports)."""
    _, rows = select(ctx, DOCUMENTS, ctx.query, len(ctx.table("documents")), 0)
    return [row for row in rows if row["state"] == 0]


def summary(ctx: Ctx, request: Request) -> list[dict[str, Any]]:
    """`/v1/documents/summary.json`: totals per document type, month and office (or per document
    with `perdocument=1`)."""
    per_document = ctx.query.get("perdocument") == "1"
    groups: dict[tuple[int, ...], dict[str, Any]] = {}
    for document in matching(ctx):
        day = time.gmtime(document["emissionDate"])
        key = (document["id"],) if per_document else (
            document["documentTypeId"], day.tm_year, day.tm_mon, document["officeId"])
        if key not in groups:
            groups[key] = summary_group(ctx, document, day, per_document)
        add_to_group(ctx, groups[key], document)
    limit, offset = page_bounds(ctx.query)
    return list(groups.values())[offset : offset + limit]


def summary_group(ctx: Ctx, document: Row, day: time.struct_time, per_document: bool) -> dict[str, Any]:
    document_type = ctx.table("document_types").rows[document["documentTypeId"]]
    office = ctx.table("offices").rows[document["officeId"]]
    group: dict[str, Any] = {
        "generationDate": "",
        "emissionDate": "",
        "documentTypeName": document_type["name"],
        ctx.country.served("codeSii"): document_type["codeSii"],
        "month": day.tm_mon,
        "year": day.tm_year,
        "officeId": office["id"],
        "officeName": office["name"],
        "officeCostCenter": office["costCenter"],
        "count": 0,
        "totalNetAmount": 0.0,
        "totalTaxAmount": 0.0,
        "totalAmount": 0.0,
        "totalExemptAmount": 0.0,
        "taxes": [],
        "details": [{"itemLedgerAccount": "", "totalNetAmount": 0.0}],
    }
    if per_document:
        group.update({"documentId": document["id"], "documentNumber": document["number"]})
    return group


def add_to_group(ctx: Ctx, group: dict[str, Any], document: Row) -> None:
    money = ctx.country.money
    group["count"] += 1
    for total, key in SUMMED:
        group[total] = money(group[total] + document[key])
    detail = group["details"][0]
    detail["totalNetAmount"] = money(detail["totalNetAmount"] + document["netAmount"])
    taxes = {entry["taxId"]: entry for entry in group["taxes"]}
    for row in ctx.table("document_taxes").find("documentId", document["id"]):
        if row["taxId"] not in taxes:
            name = ctx.table("taxes").rows[row["taxId"]]["name"]
            taxes[row["taxId"]] = {"taxId": row["taxId"], "taxName": name, "taxAmount": 0.0}
            group["taxes"].append(taxes[row["taxId"]])
        taxes[row["taxId"]]["taxAmount"] = money(taxes[row["taxId"]]["taxAmount"] + row["totalAmount"])


SUMMED = (
    ("totalNetAmount", "netAmount"),
    ("totalTaxAmount", "taxAmount"),
    ("totalAmount", "totalAmount"),
    ("totalExemptAmount", "exemptAmount"),
)
TICKET_CODES = ("39", "41")


def ticket_summary(ctx: Ctx, request: Request) -> list[dict[str, Any]]:
    """`/v1/documents/summary/ticket.json?rcofdaterange=[a,b]`: boletas per document type."""
    groups: dict[int, dict[str, Any]] = {}
    for document in matching(ctx):
        document_type = ctx.table("document_types").rows[document["documentTypeId"]]
        if document_type["codeSii"] not in TICKET_CODES:
            continue
        group = groups.setdefault(
            document_type["id"],
            {"codeSii": document_type["codeSii"], "documentTypeName": document_type["name"], "count": 0,
             "totalNetAmount": 0.0, "totalExemptAmount": 0.0, "totalIvaAmount": 0.0, "totalAmount": 0.0},
        )
        group["count"] += 1
        group["totalNetAmount"] += document["netAmount"]
        group["totalExemptAmount"] += document["exemptAmount"]
        group["totalIvaAmount"] += document["taxAmount"]
        group["totalAmount"] += document["totalAmount"]
    return list(groups.values())


def costs(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`/v1/documents/costs.json?documentid=N` (or `codesii` and `number`): the cost of what a
    dispatched sale took out of stock (its shipping's details), at the variants' average cost then."""
    found = matching(ctx) if any(ctx.query.get(key) for key in ("documentid", "number")) else []
    if not found:
        raise not_found()
    document = found[0]
    cost_detail = []
    for shipping in ctx.table("shippings").find("documentId", document["id"]):
        for detail in ctx.table("shipping_details").find("shippingId", shipping["id"]):
            cost_detail.append(
                {
                    "variant": variant_node(ctx, detail),
                    "shipping_detail": {
                        **render(ctx, REGISTRY["shipping_details"], detail, {"id", "quantity", "variantstock",
                                                                            "variantcost"}),
                        "variantTotalCost": round(detail["variantCost"] * detail["quantity"], 2),
                    },
                }
            )
    return {
        "href": ctx.url(f"/v1/documents/{document['id']}.json"),
        "id": document["id"],
        "name": ctx.table("document_types").rows[document["documentTypeId"]]["name"],
        "number": document["number"],
        "totalCost": round(sum(item["shipping_detail"]["variantTotalCost"] for item in cost_detail), 2),
        "cost_detail": cost_detail,
    }


register_route("/documents/{id:int}.json", unversioned)
register_route("/v2/stocks/documents/{id:int}.json", v2_stocks)
register_route("/v1/documents/summary.json", summary, countries=("CL", "PE"))
register_route("/v1/documents/summary/ticket.json", ticket_summary, countries=("CL",))
register_route("/v1/documents/costs.json", costs)
