"""`bsale.make`: scenario helpers through the mock's own handlers, answering items as the API serves them,
outside the request journal; and the README's recipes (out of stock, unpaid invoice, credit, a return, a
price change), run as written there."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale_pytest import Bsale

DAY = 86400

pytest_plugins = ["pytester"]


def test_each_helper_answers_the_item_as_the_api_serves_it(bsale: Bsale) -> None:
    product = bsale.make.product("Taza de greda")
    variant = bsale.make.variant(product, price=2990, stock=7, office=2)
    client = bsale.make.client(firstName="Ana")
    stock = bsale.make.stock(variant, 1, 3)
    assert bsale.requests == [], "the helpers' calls are not the code under test's requests"
    for item in (product, variant, client, stock):
        assert bsale.client.get(item["href"]).json() == item
    document = bsale.make.document(variant, 2, client=client)
    assert bsale.client.get(document["href"]).json() == document
    assert (stock["quantity"], stock["variant"]["id"], stock["office"]["id"]) == (3.0, str(variant["id"]), "1")
    assert bsale.state.stock(variant["id"], 2) == 7 and bsale.state.stock(variant["id"], 1) == 1
    assert document["client"]["id"] == str(client["id"]) and client["firstName"] == "Ana"


def test_state_reads_per_table(bsale: Bsale) -> None:
    variant = bsale.make.variant(price=990)
    assert bsale.state["variants"][-1]["id"] == variant["id"]
    assert bsale.state["variants"] == bsale.state.rows("variants")


def test_a_refused_helper_raises_bsales_message(bsale: Bsale) -> None:
    with pytest.raises(ValueError, match="productId"):
        bsale.make.call("POST", "/v1/variants.json", {"description": "sin producto"})
    with pytest.raises(LookupError):
        bsale.make.price(999_999, 100)


def test_recipe_out_of_stock(bsale: Bsale) -> None:
    variant = bsale.make.variant(price=1990, stock=0)
    stock = bsale.client.get("/v2/stocks.json", params={"variant": variant["id"], "office": 1}).json()
    assert stock["data"][0]["quantityAvailable"] == 0


def test_recipe_unpaid_invoice(bsale: Bsale) -> None:
    invoice = bsale.make.document(code_sii="33", paid=False)
    assert invoice["totalAmount"] > 0
    assert bsale.client.get(f"/v1/documents/{invoice['id']}/payments.json").json()["count"] == 0


def test_recipe_paid_and_on_credit(bsale: Bsale) -> None:
    paid = bsale.make.document()
    payments = bsale.client.get(f"/v1/documents/{paid['id']}/payments.json").json()["items"]
    assert sum(payment["amount"] for payment in payments) == paid["totalAmount"]
    credit = bsale.make.document(credit=True)
    assert credit["expirationDate"] - credit["emissionDate"] == 30 * 86400
    assert bsale.state.count("payments", documentId=credit["id"]) == 0 and "client" in credit


def test_recipe_a_return(bsale: Bsale) -> None:
    sale = bsale.make.document(quantity=2, client=bsale.make.client())
    detail = bsale.state.rows("document_details", documentId=sale["id"])[0]
    variant_id, before = detail["variantId"], bsale.state.stock(detail["variantId"], 1)
    answer = bsale.client.post("/v1/returns.json", json={
        "codeSii": "61", "officeId": 1, "referenceDocumentId": sale["id"], "motive": "Cambio de talla",
        "declareSii": 0, "details": [{"documentDetailId": detail["id"], "quantity": 1}],
    })
    assert answer.status_code == 201, answer.text
    assert bsale.state.stock(variant_id, 1) == before + 1


def test_recipe_a_price_change(bsale: Bsale, bsale_webhook_receiver) -> None:  # type: ignore[no-untyped-def]
    variant = bsale.make.variant(price=1000)
    bsale.subscribe(bsale_webhook_receiver.url, topics=["price"])
    detail = bsale.make.price(variant, 1200)
    assert detail["variantValue"] == 1200
    payload = bsale_webhook_receiver.wait_for(topic="price", resource_id=variant["id"])
    assert payload["priceListId"] == "1"


@pytest.mark.bsale(today="2024-03-01")
def test_seeded_history_is_dated_from_today(bsale: Bsale) -> None:
    """`--today` (here the marker's `today`) dates four weeks of seeded sales before it: "last week" is stable."""
    today = int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())
    last_week = bsale.client.get("/v1/documents.json", params={
        "emissiondaterange": f"[{today - 7 * DAY},{today}]", "limit": 50}).json()
    every = bsale.state["documents"]
    assert every and all(today - 28 * DAY <= row["emissionDate"] < today for row in every)
    assert 0 < last_week["count"] < len(every)
    assert all(today - 7 * DAY <= item["emissionDate"] <= today for item in last_week["items"])


def test_the_default_today_is_the_seeds_date(bsale: Bsale) -> None:
    seed_day = int(datetime(2023, 11, 14, tzinfo=UTC).timestamp())
    assert max(row["emissionDate"] for row in bsale.state["documents"]) < seed_day


def test_the_helpers_work_against_a_running_mock(pytester: pytest.Pytester) -> None:
    """With `--bsale-url`, `bsale.make` goes through the running mock's `POST /_mock/call`."""
    pytester.makepyfile(
        """
        def test_remote_make(bsale):
            variant = bsale.make.variant(price=500, stock=4)
            assert bsale.client.get(variant["href"]).json() == variant
            assert bsale.state.stock(variant["id"], 1) == 4
            invoice = bsale.make.document(variant, code_sii="33", paid=False)
            assert bsale.state.count("payments", documentId=invoice["id"]) == 0
        """
    )
    with MockServer(Settings(port=0, tokens=["remote-token"])) as live:
        result = pytester.runpytest("-p", "no:randomly", f"--bsale-url={live.url}")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("cpn_id", [[1], {"id": 1}, True, "1", 99])
def test_a_call_for_a_company_that_is_not_an_integer_id_is_404(bsale: Bsale, cpn_id: object) -> None:
    call = {"cpnId": cpn_id, "method": "GET", "path": "/v1/offices/1.json"}
    answer = httpx.post(f"{bsale.url}/_mock/call", json=call, timeout=10)
    assert answer.status_code == 404
    assert answer.json() == {"error": f"no company with cpnId {cpn_id}"}
