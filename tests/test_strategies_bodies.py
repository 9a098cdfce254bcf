"""Request body strategies: every generated body is accepted by the live mock (through the plugin's
`bsale` fixture, reset before each example) and does what it says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from stdnum.cl import rut

from mockbsale import strategies
from mockbsale_pytest.handle import Bsale

EXAMPLES = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

BODIES: dict[str, tuple[Callable[..., st.SearchStrategy[dict[str, Any]]], str]] = {
    "products": (strategies.product_bodies, "/v1/products.json"),
    "variants": (strategies.variant_bodies, "/v1/variants.json"),
    "clients": (strategies.client_bodies, "/v1/clients.json"),
    "stock receptions": (strategies.stock_reception_bodies, "/v1/stocks/receptions.json"),
    "stock consumptions": (strategies.stock_consumption_bodies, "/v1/stocks/consumptions.json"),
}


@pytest.mark.parametrize("name", list(BODIES))
def test_every_generated_body_is_accepted(bsale: Bsale, name: str) -> None:
    make, path = BODIES[name]

    @EXAMPLES
    @given(make())
    def post(body: dict[str, Any]) -> None:
        bsale.reset()
        answer = bsale.client.post(path, json=body)
        assert answer.status_code == 201, (body, answer.text)

    post()


@EXAMPLES
@given(body=strategies.stock_reception_bodies())
def test_a_reception_raises_the_stock_it_names(bsale: Bsale, body: dict[str, Any]) -> None:
    bsale.reset()
    variants = bsale.state.snapshot().table("variants")
    variant_ids = [
        detail.get("variantId") or (variants.first("code", detail.get("code")) or
                                    variants.first("barCode", detail.get("barCode")))["id"]
        for detail in body["details"]
    ]
    office = int(body["officeId"])
    before = {variant_id: bsale.state.stock(variant_id, office) for variant_id in set(variant_ids)}
    assert bsale.client.post("/v1/stocks/receptions.json", json=body).status_code == 201
    for variant_id in set(variant_ids):
        added = sum(float(d["quantity"]) for d, v in zip(body["details"], variant_ids, strict=True) if v == variant_id)
        assert bsale.state.stock(variant_id, office) == before[variant_id] + added


@settings(max_examples=50, deadline=None)
@given(strategies.ruts())
def test_ruts_have_valid_check_digits(code: str) -> None:
    assert rut.is_valid(code)


def test_bodies_name_what_exists_in_the_given_state(bsale: Bsale) -> None:
    created = bsale.client.post("/v1/products.json", json={"name": "Recién creado", "productTypeId": 1}).json()
    snapshot = bsale.state.snapshot()
    body = find(strategies.variant_bodies(snapshot), lambda b: b["productId"] == created["id"])
    assert bsale.client.post("/v1/variants.json", json=body).status_code == 201
    assert bsale.state.count("variants", productId=created["id"]) == 1


@EXAMPLES
@given(body=strategies.document_bodies())
def test_every_document_body_is_accepted_and_adds_up(bsale: Bsale, body: dict[str, Any]) -> None:
    bsale.reset()
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 201, (body, answer.text)
    document = answer.json()
    assert document["totalAmount"] == document["netAmount"] + document["taxAmount"] + document["exemptAmount"]
    details = bsale.client.get(f"/v1/documents/{document['id']}/details.json", params={"limit": 50}).json()["items"]
    assert len(details) == len(body["details"])
    assert sum(detail["netAmount"] for detail in details) == document["netAmount"] + document["exemptAmount"]


@EXAMPLES
@given(body=strategies.invalid_document_bodies())
def test_invalid_document_bodies_are_refused_and_change_nothing(bsale: Bsale, body: dict[str, Any]) -> None:
    bsale.reset()
    before = bsale.state.count("documents")
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 400, (body, answer.text)
    assert set(answer.json()) == {"error"}
    assert bsale.state.count("documents") == before
