"""Pack rules a client sees: what a pack body may leave out and what it then gets, a price kept to the
cent, the SKU and bar code kept apart, the refusals of values of the wrong type, in Bsale's order, and
components of a data set that leave out their `state` (active)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from mockbsale import MockServer, Settings
from tests.conftest import snapshot
from tests.test_packs import INVALID_DETAIL, TYPE_MISMATCH, create, pack_body, pack_variant


def base_price(api: httpx.Client, pack: dict[str, Any]) -> float:
    """The pack variant's net price in price list 1."""
    variant = pack_variant(api, pack)
    [detail] = api.get("/v1/price_lists/1/details.json", params={"variantid": variant["id"]}).json()["items"]
    return detail["variantValue"]


def test_a_pack_body_with_only_what_is_required_gets_the_defaults(api: httpx.Client) -> None:
    closed = {"variantPromoId": 5, "quantity": 2}
    open_one = {"multipleVariant": 1, "productPromoId": 2, "quantity": 1}
    pack = create(api, {"name": "Pack mínimo", "productTypeId": 1, "packDetails": [closed, open_one]})
    assert [(d["productId"], d["variantId"], d["quantity"], d["multipleVariant"]) for d in pack["packDetail"]] == [
        (0, 5, 2, 0), (2, 0, 1, 1)]
    assert pack["printPackDetail"] == 0
    assert pack["sku"].isdigit() and pack["barCode"] == pack["sku"]
    assert api.get(f"/v1/products/{pack['id']}.json").json()["printDetailPack"] == 0
    assert base_price(api, pack) == 0


def test_a_base_price_is_kept_to_the_cent_and_net_unless_told(api: httpx.Client) -> None:
    pack = create(api, pack_body(code="PACK-RULES-1", barCode="7801234567890", basePrice=1234.56,
                                 priceWithTax=None, printDetailPack=0))
    assert (pack["sku"], pack["barCode"], pack["printPackDetail"]) == ("PACK-RULES-1", "7801234567890", 0)
    variant = pack_variant(api, pack)
    assert (variant["code"], variant["barCode"]) == ("PACK-RULES-1", "7801234567890")
    assert base_price(api, pack) == 1234.56
    gross = create(api, pack_body(code="PACK-RULES-2", barCode="", basePrice=10000, priceWithTax=1))
    assert base_price(api, gross) == 8403.36  # 10000 / 1.19, to the cent
    assert pack_variant(api, gross)["barCode"] == "PACK-RULES-2"


def test_values_of_the_wrong_type_are_refused_in_bsale_s_order(
    api: httpx.Client, server: MockServer, published: list
) -> None:
    before = snapshot(server)
    cases = [
        ({"priceWithTax": 1.5}, TYPE_MISMATCH),
        ({"printDetailPack": 1.5}, TYPE_MISMATCH),
        ({"packDetails": [{"multipleVariant": 1.5, "variantPromoId": 5, "quantity": 1}]}, TYPE_MISMATCH),
        ({"name": None, "productTypeId": 999}, "name can't be blank"),
        ({"packDetails": [{"quantity": 1}]}, INVALID_DETAIL),
    ]
    for changes, message in cases:
        response = api.post("/v2/products/pack.json", json={**pack_body(), **changes})
        assert (response.status_code, response.json()) == (400, {"error": message}), changes
    assert snapshot(server) == before and published == []


def test_components_a_data_set_leaves_without_state_are_active(
    api: httpx.Client, server: MockServer, tmp_path: Path
) -> None:
    company = snapshot(server)["companies"][0]
    tables = company["tables"]
    for table, row_id in (("products", 2), ("variants", 5)):
        [row] = [row for row in tables[table]["rows"] if row["id"] == row_id]
        del row["state"]
    fixtures = tmp_path / "stateless_components.json"
    fixtures.write_text(json.dumps({"companies": [company]}))
    details = [{"variantPromoId": 5, "quantity": 2}, {"multipleVariant": 1, "productPromoId": 2, "quantity": 1}]
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as loaded, httpx.Client(
        base_url=loaded.url, headers={"access_token": company["token"]}, timeout=10
    ) as client:
        assert len(create(client, pack_body(*details))["packDetail"]) == 2
