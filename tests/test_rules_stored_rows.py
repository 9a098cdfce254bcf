"""What a state file keeps (`GET /_mock/snapshot`, the `--fixtures` format): the attributes Bsale's
answers name are stored under their own keys, `null` where the request gave none, so that a dumped
company loads back as it was."""

from __future__ import annotations

import httpx

from tests.test_documents import NOTA_DE_VENTA, sell
from tests.test_rules_clients import stored


def test_payments_receptions_consumptions_and_notes_keep_their_empty_attributes(api: httpx.Client) -> None:
    note = sell(api, documentTypeId=NOTA_DE_VENTA, payments=[{"paymentTypeId": 1, "amount": 1190}])
    assert {key: stored(api, "documents", note["id"])[key] for key in ("urlTimbre", "ted")} == {
        "urlTimbre": None, "ted": None}
    payment = api.get(f"/v1/documents/{note['id']}/payments.json").json()["items"][0]
    assert {key: stored(api, "payments", payment["id"])[key]
            for key in ("operationNumber", "checkDate", "checkNumber", "checkAmount")} == dict.fromkeys(
        ("operationNumber", "checkDate", "checkNumber", "checkAmount"))

    received = api.post("/v1/stocks/receptions.json", json={
        "officeId": 1, "details": [{"variantId": 1, "quantity": 2, "cost": 100}]})
    assert received.status_code == 201, received.text
    assert stored(api, "stock_receptions", received.json()["id"])["imagestionCcDescription"] is None

    consumed = api.post("/v1/stocks/consumptions.json", json={
        "officeId": 1, "details": [{"variantId": 1, "quantity": 1, "serialNumber": "S-1"}]})
    assert consumed.status_code == 201, consumed.text
    kept = stored(api, "stock_consumptions", consumed.json()["id"])
    assert (kept["imagestionCcdescription"], kept["imagestionCenterCostId"]) == (None, None)
    detail = api.get(consumed.json()["details"]["href"]).json()["items"][0]
    assert stored(api, "stock_consumption_details", detail["id"])["serialNumber"] == "S-1"
