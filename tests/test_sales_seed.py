"""The seeded sales history: made by the same code as the API, so it reads like posted documents
(folios taken, stock moved, shippings and payments written), dated before the seed's "now"."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx

from mockbsale import Engine, Settings
from mockbsale.data.common import SEED_TIME
from mockbsale.store import Company
from tests.test_documents import sell

DAY = 86400
HISTORY = 28 * DAY
FLOWS = [
    ("stock_reception_details", "stock_receptions", "receptionId", 1),
    ("stock_consumption_details", "stock_consumptions", "consumptionId", -1),
    ("shipping_details", "shippings", "shippingId", -1),
]
"""(details table, header table naming the office, key of the header, direction of the stock)."""


def company(seed: int) -> Company:
    engine = Engine(Settings(tokens=["t"], seed=seed))
    engine.seed()
    return engine.store.companies[1]


def documents(api: httpx.Client) -> list[dict[str, Any]]:
    listed = api.get("/v1/documents.json", params={"limit": 50, "expand": "[document_type,details,payments]"}).json()
    assert listed["count"] == len(listed["items"])
    return listed["items"]


def test_a_few_weeks_of_boletas_facturas_and_a_guide(api: httpx.Client) -> None:
    history = documents(api)
    kinds = Counter(item["document_type"]["codeSii"] for item in history)
    assert 10 <= len(history) <= 20 and kinds["39"] >= 5 and kinds["33"] >= 3 and kinds["52"] >= 1
    for item in history:
        assert SEED_TIME - HISTORY <= item["emissionDate"] < SEED_TIME and item["emissionDate"] % DAY == 0
        assert item["emissionDate"] <= item["generationDate"] < item["emissionDate"] + DAY
        assert item["details"]["count"] >= 1
        assert item["totalAmount"] == item["netAmount"] + item["taxAmount"] + item["exemptAmount"] > 0
    paid = [(sum(payment["amount"] for payment in item["payments"]["items"]), item) for item in history]
    assert any(amount == item["totalAmount"] for amount, item in paid)
    assert any(0 < amount < item["totalAmount"] for amount, item in paid)
    assert any(amount == 0 and item["document_type"]["codeSii"] == "33" for amount, item in paid)


def test_seeded_documents_look_posted(api: httpx.Client) -> None:
    posted = sell(api)
    seeded = api.get("/v1/documents/1.json").json()
    assert list(seeded) == list(posted)
    for url in (seeded["urlPdf"], seeded["urlPublicView"], seeded["urlXml"], seeded["details"]["href"]):
        assert api.get(url).status_code == 200, url
    assert api.get(f"/v1/documents.json?token={seeded['token']}").json()["items"][0]["id"] == seeded["id"]


def test_folios_follow_the_seeded_documents(api: httpx.Client) -> None:
    for code in ("39", "33", "52"):
        used = api.get("/v1/documents.json", params={"codesii": code, "limit": 50}).json()["items"]
        assert sorted(item["number"] for item in used) == list(range(1, len(used) + 1))
        caf = api.get("/v1/document_types/caf.json", params={"codesii": code}).json()
        assert caf["lastNumberUsed"] == len(used)
    assert sell(api)["number"] == api.get("/v1/documents/count.json?codesii=39").json()["count"]


def test_stock_is_what_was_received_less_what_left() -> None:
    seeded = company(3)
    moved: Counter[tuple[int, int]] = Counter()
    for details, headers, key, sign in FLOWS:
        for row in seeded.table(details):
            office = seeded.table(headers).rows[row[key]]["officeId"]
            moved[row["variantId"], office] += sign * row["quantity"]
    assert len(seeded.table("shipping_details")) > 0
    for row in seeded.table("stocks"):
        assert row["quantity"] == moved[row["variantId"], row["officeId"]]
        assert row["quantity"] >= 0


def test_every_dispatched_document_has_its_shipping(api: httpx.Client) -> None:
    for item in documents(api):
        shippings = api.get("/v1/shippings.json", params={"documentid": item["id"]}).json()
        lines = sum(1 for detail in item["details"]["items"] if detail["variant"])
        if shippings["count"]:
            details = api.get(shippings["items"][0]["details"]["href"]).json()
            assert shippings["count"] == 1 and details["count"] == lines
    guide = next(item for item in documents(api) if item["document_type"]["codeSii"] == "52")
    assert guide["payments"]["count"] == 0
    shipping = api.get("/v1/shippings.json", params={"documentid": guide["id"]}).json()["items"][0]
    assert shipping["recipient"] and shipping["shipping_type"]["id"] == "1"


def test_same_seed_same_history_other_seed_other_history() -> None:
    tables = ("documents", "document_details", "payments", "shippings", "third_party_documents")
    first, again, other = company(5), company(5), company(6)
    assert [first.table(name).dump() for name in tables] == [again.table(name).dump() for name in tables]
    assert first.table("documents").dump() != other.table("documents").dump()


def test_seeded_documents_add_up_to_their_tax_list(api: httpx.Client) -> None:
    """Each seeded document: net + tax + exempt = total, and `taxAmount` is the sum of its tax list."""
    for document in documents(api):
        tax_list = api.get(document["document_taxes"]["href"]).json()["items"]
        assert document["taxAmount"] == sum(tax["totalAmount"] for tax in tax_list), document["id"]
        amounts = document["netAmount"] + document["taxAmount"] + document["exemptAmount"]
        assert amounts == document["totalAmount"], document["id"]
