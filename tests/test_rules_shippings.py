"""Shipping rules a client sees: what a guide body may leave out, a free line that ships nothing,
the cost and stock a shipping detail records, and what a shipping keeps of its transfer (as
`GET /_mock/snapshot` serves it)."""

from __future__ import annotations

import httpx

from tests.test_rules_clients import stored
from tests.test_shippings import TRANSFER, ship

FREE_LINE = {"quantity": 1, "netUnitValue": 5000, "comment": "Flete"}


def test_a_guide_that_names_no_type_nor_place_is_a_sale_s_shipping(api: httpx.Client) -> None:
    variant = api.post("/v1/variants.json", json={"productId": 1, "description": "Reglas de despacho"}).json()
    reception = {"officeId": 1, "details": [{"variantId": variant["id"], "quantity": 10, "cost": 1500}]}
    assert api.post("/v1/stocks/receptions.json", json=reception).status_code == 201
    details = [FREE_LINE, {"variantId": variant["id"], "quantity": 2, "netUnitValue": 12000}]
    shipping = ship(api, shippingTypeId=None, municipality=None, city=None, details=details)
    assert shipping["shipping_type"]["id"] == "1"
    assert (shipping["municipality"], shipping["city"]) == ("", "")
    assert shipping["user"]["id"] == "1" and api.get(shipping["user"]["href"]).status_code == 200
    [shipped] = api.get(shipping["details"]["href"]).json()["items"]
    assert shipped["variant"]["id"] == str(variant["id"]) and shipped["quantity"] == 2
    assert (shipped["variantStock"], shipped["variantCost"]) == (8, 1500)
    kept = stored(api, "shippings", shipping["id"])
    assert (kept["received"], kept["destinationOfficeId"], kept["userId"]) == (0, None, 1)
    guide_details = api.get(f"/v1/documents/{shipping['guide']['id']}/details.json").json()["items"]
    assert stored(api, "shipping_details", shipped["id"])["documentDetailId"] == guide_details[1]["id"]


def test_a_transfer_keeps_its_destination_office_as_received(api: httpx.Client) -> None:
    shipping = ship(api, shippingTypeId=TRANSFER, destinationOfficeId=2)
    kept = stored(api, "shippings", shipping["id"])
    assert (kept["received"], kept["destinationOfficeId"]) == (1, 2)
