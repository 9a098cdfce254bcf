"""Cart lines at the edges a web shop reaches: an edit keeps what it does not name and needs a price
when it changes the variant, a free line and a 100 % discount are taken, a discount past 100 % and a
variant taken off sale are refused with Bsale's messages."""

from __future__ import annotations

import httpx

from tests.test_checkout import cart_body, store_item


def new_cart(api: httpx.Client, body: dict) -> dict:
    response = api.post("/v1/cart/new.json", json=body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_an_edited_line_keeps_what_the_edit_does_not_name(api: httpx.Client) -> None:
    cart = new_cart(api, cart_body(store_item(api), discount=10, itemName="Regalo"))
    line = cart["cartDetails"][0]
    response = api.put(cart["url"], json={"cartDetails": [{"id": line["id"], "quantity": 3}]})
    assert response.status_code == 200, response.text
    edited = response.json()["data"]["cartDetails"][0]
    assert (edited["quantity"], edited["discount"], edited["itemName"], edited["unitValue"]) == (3, 10, "Regalo", 13700)
    assert edited["total"] == 36990  # 3 x 13,700 less 10 %

    other_variant = store_item(api, 1)["idVariantDefault"]
    refused = api.put(cart["url"], json={"cartDetails": [{"id": line["id"], "idVarianteProducto": other_variant}]})
    assert (refused.status_code, refused.json()) == (400, {"error": "unitValue can't be blank"})


def test_line_prices_and_discounts_at_their_bounds(api: httpx.Client) -> None:
    item = store_item(api)
    free, half_peso, all_off = (new_cart(api, cart_body(item, **detail))["cartDetails"][0]
                                for detail in ({"unitValue": 0}, {"unitValue": 0.5}, {"discount": 100}))
    assert (free["unitValue"], free["total"]) == (0, 0)
    assert (half_peso["unitValue"], half_peso["total"]) == (0.5, 0.5)
    assert (all_off["discount"], all_off["total"]) == (100, 0)
    past_all = api.post("/v1/cart/new.json", json=cart_body(item, discount=100.5))
    assert (past_all.status_code, past_all.json()) == (400, {"error": "invalid quantity"})


def test_a_variant_taken_off_sale_is_an_invalid_variant(api: httpx.Client) -> None:
    item = store_item(api, 1)
    assert api.delete(f"/v1/variants/{item['idVariantDefault']}.json").status_code == 200
    refused = api.post("/v1/cart/new.json", json=cart_body(item))
    assert (refused.status_code, refused.json()) == (400, {"error": "invalid variant"})
