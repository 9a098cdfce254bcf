"""Clients: creating and editing them as Bsale does, their contacts, addresses and points, and
matching a document's inline `client` to an existing client by `code` (the RUT).

Bsale stores the RUT as sent (its docs ask the caller to validate it; documented examples carry
invalid check digits), so `/v1/clients.json` never rejects a code. A document may ask for a valid
tax id (`find_or_create_client(..., tax_document=code)`), checked with python-stdnum.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbsale.domain.body import read, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request, not_found
from mockbsale.store.table import Row

CLIENT_ATTRS: dict[str, tuple[str, Any]] = {
    "firstName": ("str", ""),
    "lastName": ("str", ""),
    "email": ("str", ""),
    "code": ("str", ""),
    "phone": ("str", ""),
    "company": ("str", ""),
    "note": ("str", ""),
    "facebook": ("str", ""),
    "twitter": ("str", ""),
    "hasCredit": ("int", 0),
    "maxCredit": ("float", 0.0),
    "state": ("int", 0),
    "activity": ("str", ""),
    "city": ("str", ""),
    "municipality": ("str", ""),
    "address": ("str", ""),
    "companyOrPerson": ("int", 0),
    "accumulatePoints": ("int", 0),
    "sendDte": ("int", 0),
    "isForeigner": ("int", 0),
}
CONTACT_ATTRS: dict[str, tuple[str, Any]] = {
    "firstName": ("str", ""),
    "lastName": ("str", ""),
    "phone": ("str", ""),
    "email": ("str", ""),
}
ADDRESS_ATTRS: dict[str, tuple[str, Any]] = {
    "addressName": ("str", ""),
    "address": ("str", ""),
    "city": ("str", ""),
    "municipality": ("str", ""),
    "state": ("int", 0),
}
# body key -> (table it names, message when the id is unknown); 0 clears the relation
REFERENCES = {
    "paymentTypeId": ("payment_types", "Invalid payment type"),
    "saleConditionId": ("sale_conditions", "Invalid sale condition"),
    "priceListId": ("price_lists", "Invalid price list"),
}

DELETED = 99
INACTIVE = 1
FOREIGNER_CODE = "55555555-5"
DEFAULT_ACTIVITY = "Sin Giro"
DUPLICATE_CODE = 'There are more than a client with the code "{code}", client id: "{client_id}"'
INVALID_ATTRIBUTE = "Invalid dynamic attribute"


def client_attribute_ids(ctx: Ctx) -> list[int]:
    """The dynamic attributes every client carries (Bsale's "atributos de cliente")."""
    return [row["id"] for row in ctx.table("dynamic_attributes") if row.get("clientAttribute")]


def _read_client(ctx: Ctx, body: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    changes = read_attrs(body, CLIENT_ATTRS, with_defaults=creating)
    changes.update(ctx.country.client_fields(body))
    if "maxCredit" in changes:
        changes["maxCredit"] = str(float(changes["maxCredit"]))
    for key, (table, message) in REFERENCES.items():
        if key not in body:
            continue
        related = read(body, key, "int", 0)
        if related and ctx.table(table).get(related) is None:
            raise bad_request(message)
        changes[key] = related or None
    if creating:
        changes["company"] = changes["company"] or f"{changes['firstName']} {changes['lastName']}".strip()
        changes["activity"] = changes["activity"] or DEFAULT_ACTIVITY
        if changes["isForeigner"] and not changes["code"]:
            changes["code"] = FOREIGNER_CODE
    return changes


def _read_attribute_values(ctx: Ctx, body: Mapping[str, Any]) -> dict[int, str]:
    """`dynamicAttributes: [{"dynamicAttributeId": 24, "description": "21/03/1983"}]` -> {24: "21/03/1983"}."""
    entries = body.get("dynamicAttributes")
    if entries is None:
        return {}
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise BsaleError(400, TYPE_MISMATCH)
    allowed = set(client_attribute_ids(ctx))
    values: dict[int, str] = {}
    for entry in entries:
        attribute_id = read(entry, "dynamicAttributeId", "int", required=True)
        if attribute_id not in allowed:
            raise bad_request(INVALID_ATTRIBUTE)
        values[attribute_id] = read(entry, "description", "str", "")
    return values


def create_client(ctx: Ctx, body: Mapping[str, Any]) -> Row:
    """`POST /v1/clients.json`: duplicate codes are allowed (Bsale does not prevent them)."""
    changes = _read_client(ctx, body, creating=True)
    values = _read_attribute_values(ctx, body)
    client = ctx.table("clients").insert(
        {
            **changes,
            "points": 0,
            "pointsUpdated": "",
            "commerciallyBlocked": 0,
            **write_times(ctx, created=True),
            "prestashopClienId": 0,
            "paymentTypeId": changes.get("paymentTypeId"),
            "priceListId": changes.get("priceListId"),
            "saleConditionId": changes.get("saleConditionId"),
        }
    )
    for attribute_id in client_attribute_ids(ctx):
        ctx.table("client_attribute_values").insert(
            {"clientId": client["id"], "dynamicAttributeId": attribute_id, "value": values.get(attribute_id, "")}
        )
    return client


def update_client(ctx: Ctx, client: Row, body: Mapping[str, Any]) -> Row:
    changes = _read_client(ctx, body, creating=False)
    values = _read_attribute_values(ctx, body)
    attribute_values = ctx.table("client_attribute_values")
    for row in attribute_values.find("clientId", client["id"]):
        if row["dynamicAttributeId"] in values:
            attribute_values.update(row["id"], {"value": values[row["dynamicAttributeId"]]})
    return ctx.table("clients").update(client["id"], {**changes, **write_times(ctx)})


def write_times(ctx: Ctx, *, created: bool = False) -> dict[str, int]:
    """`createdAt` (on creation) and `updatedAt`, in the countries whose clients carry them."""
    if not ctx.country.client_write_times:
        return {}
    return {"createdAt": ctx.now(), "updatedAt": ctx.now()} if created else {"updatedAt": ctx.now()}


def delete_client(ctx: Ctx, client: Row) -> Row:
    """Virtual delete: the client stays, with `state` 99; its documents are kept."""
    return ctx.table("clients").update(client["id"], {"state": DELETED})


def find_or_create_client(ctx: Ctx, data: Any, *, tax_document: str | None = None) -> Row:
    """The client of a document's inline `client` object: the one with its `code`, else a new one.

    More than one (not deleted) client with the code is Bsale's documented 400. With `tax_document`
    (the authority code of an electronic tax document), a new client needs the tax id the country
    asks of it (a RUT with a valid check digit; a RUC for a Peruvian factura). Nothing is written
    unless the data is valid.
    """
    if not isinstance(data, dict):
        raise BsaleError(400, TYPE_MISMATCH)
    code = read(data, "code", "str", "")
    if code:
        matches = [row for row in ctx.table("clients").find("code", code) if row.get("state") != DELETED]
        if len(matches) > 1:
            raise bad_request(DUPLICATE_CODE.format(code=code, client_id=matches[0]["id"]))
        if matches:
            return matches[0]
    foreigner = bool(read(data, "isForeigner", "int", 0))
    error = None if tax_document is None or foreigner else ctx.country.tax_id_error(code, tax_document)
    if error:
        raise bad_request(error)
    return create_client(ctx, data)


def add_points(ctx: Ctx, body: Mapping[str, Any]) -> Row:
    """`PUT /v1/clients/points.json`: `type` 0 adds `points`, 1 takes them away."""
    client_id = read(body, "clientId", "int", required=True)
    points = read(body, "points", "int", required=True)
    kind = read(body, "type", "int", 0)
    read(body, "description", "str", "")
    read(body, "orderId", "str", "")
    client = ctx.table("clients").get(client_id)
    if client is None:
        raise not_found()
    total = int(client.get("points") or 0) + (-points if kind else points)
    return ctx.table("clients").update(client_id, {"points": total, "pointsUpdated": ctx.now()})


def create_contact(ctx: Ctx, body: Mapping[str, Any]) -> Row:
    client_id = int(ctx.path_params["clientId"])
    changes = read_attrs(body, CONTACT_ATTRS, with_defaults=True)
    return ctx.table("client_contacts").insert({"clientId": client_id, **changes, "state": 0})


def deactivate_contact(ctx: Ctx, contact: Row) -> Row:
    return ctx.table("client_contacts").update(contact["id"], {"state": INACTIVE})


def create_address(ctx: Ctx, body: Mapping[str, Any]) -> Row:
    client_id = int(ctx.path_params["clientId"])
    changes = read_attrs(body, ADDRESS_ATTRS, with_defaults=True)
    return ctx.table("client_addresses").insert({"clientId": client_id, **changes})


def update_address(ctx: Ctx, address: Row, body: Mapping[str, Any]) -> Row:
    return ctx.table("client_addresses").update(address["id"], read_attrs(body, ADDRESS_ATTRS, with_defaults=False))


def deactivate_address(ctx: Ctx, address: Row) -> Row:
    return ctx.table("client_addresses").update(address["id"], {"state": INACTIVE})
