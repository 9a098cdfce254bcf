"""Catalog rules a client sees: required names, what an edit keeps, taxes in every documented shape,
a service's stock control, a variant's attribute values, codes and serial numbers."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from mockbsale import MockServer, Settings
from tests.conftest import snapshot
from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)

TYPE_MISMATCH = "no implicit conversion of String into Integer"


def tax_ids(api: httpx.Client, product_id: int) -> list[str]:
    return [item["tax"]["id"] for item in api.get(f"/v1/products/{product_id}/product_taxes.json").json()["items"]]


def test_a_product_type_or_attribute_without_name_is_refused(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    nameless_attribute = {"name": "Consolas", "attributes": [{"options": "A"}]}
    for body in ({"isEditable": 1}, {"name": "", "attributes": []}, nameless_attribute):
        response = api.post("/v1/product_types.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": "name can't be blank"}), body
    response = api.put("/v1/product_types/1.json", json={"attributes": [{"hasOptions": 1}]})
    assert (response.status_code, response.json()) == (400, {"error": "name can't be blank"})
    assert snapshot(server) == before


def test_a_product_type_takes_every_attribute_and_only_attributes_of_its_own(
    api: httpx.Client, server: MockServer
) -> None:
    before = snapshot(server)
    for attributes, message in (([{"id": 1}], "invalid attribute"), ([{"id": 1.5}], TYPE_MISMATCH)):
        response = api.post("/v1/product_types.json", json={"name": "Consolas", "attributes": attributes})
        assert (response.status_code, response.json()) == (400, {"error": message}), attributes
    response = api.put("/v1/product_types/1.json", json={"attributes": [{"id": 1.5}]})
    assert (response.status_code, response.json()) == (400, {"error": TYPE_MISMATCH})
    assert snapshot(server) == before
    body = {"name": "Consolas", "attributes": [{"name": "Marca"}, {"name": "Modelo"}, {"name": "Color"}]}
    product_type = api.post("/v1/product_types.json", json=body).json()
    names = [a["name"] for a in api.get(product_type["attributes"]["href"]).json()["items"]]
    assert names == ["Marca", "Modelo", "Color"]


def test_a_product_type_edit_keeps_what_it_does_not_name(api: httpx.Client) -> None:
    created = api.post("/v1/product_types.json", json={
        "name": "Consolas", "isEditable": 0, "attributes": [{"name": "Marca", "isMandatory": 1, "options": "A|B"}]})
    product_type = created.json()
    attribute = api.get(product_type["attributes"]["href"]).json()["items"][0]
    assert (attribute["name"], attribute["isMandatory"], attribute["options"]) == ("Marca", 1, "A|B")
    updated = api.put(f"/v1/product_types/{product_type['id']}.json",
                      json={"attributes": [{"id": attribute["id"], "options": "A|B|C"}]}).json()
    assert (updated["name"], updated["isEditable"], updated["state"]) == ("Consolas", 0, 0)
    attributes = api.get(product_type["attributes"]["href"]).json()["items"]
    assert [(a["name"], a["isMandatory"], a["options"]) for a in attributes] == [("Marca", 1, "A|B|C")]


def test_taxes_in_every_documented_shape_without_repeats(api: httpx.Client) -> None:
    for taxes in ([{"id": 3}, {"id": "1"}], "[3,1]", [3, 1, 3], ["3", 1]):
        product = api.post("/v1/products.json", json={"name": "Vino", "productTypeId": 5, "taxes": taxes}).json()
        assert sorted(tax_ids(api, product["id"])) == ["1", "3"], taxes


def test_taxes_of_another_shape_are_refused(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    for taxes in ({"id": 1}, 1, True, [{"id": 1.5}], [1.5]):
        response = api.post("/v1/products.json", json={"name": "Vino", "productTypeId": 5, "taxes": taxes})
        assert (response.status_code, response.json()) == (400, {"error": TYPE_MISMATCH}), taxes
    assert snapshot(server) == before


def test_a_product_edit_replaces_its_taxes_and_keeps_the_rest(api: httpx.Client) -> None:
    before = api.get("/v1/products/1.json").json()
    assert tax_ids(api, 1) == ["1"]
    updated = api.put("/v1/products/1.json", json={"taxes": [3]}).json()
    assert tax_ids(api, 1) == ["3"]
    assert (updated["name"], updated["product_type"]["id"], updated["stockControl"]) == (
        before["name"], before["product_type"]["id"], before["stockControl"])
    api.put("/v1/products/1.json", json={"name": "Polera"})
    assert tax_ids(api, 1) == ["3"]
    assert api.get("/v1/products/1.json").json()["product_type"]["id"] == before["product_type"]["id"]


def test_an_inactive_tax_is_not_given_to_every_product(api: httpx.Client, server: MockServer, tmp_path: Path) -> None:
    data = snapshot(server)
    company = data["companies"][0]
    for tax in company["tables"]["taxes"]["rows"]:
        if tax["id"] == 2:
            tax.update(forAllProducts=1, state=1)
    fixtures = tmp_path / "inactive_tax.json"
    fixtures.write_text(json.dumps({"companies": [company]}))
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as loaded, httpx.Client(
        base_url=loaded.url, headers={"access_token": company["token"]}, timeout=10
    ) as client:
        product = client.post("/v1/products.json", json={"name": "Calcetines", "productTypeId": 1}).json()
        assert tax_ids(client, product["id"]) == ["1"]


def test_a_service_keeps_the_stock_control_it_asks_for(api: httpx.Client) -> None:
    body = {"name": "Instalación", "productTypeId": 7, "classification": 1, "stockControl": 1}
    assert api.post("/v1/products.json", json=body).json()["stockControl"] == 1
    product = api.post("/v1/products.json", json={"name": "Gorro", "productTypeId": 1, "classification": 0}).json()
    assert (product["stockControl"], product["product_type"]["id"]) == (1, "1")


def test_a_variant_takes_its_product_serial_number_unless_it_names_one(api: httpx.Client) -> None:
    product = api.post("/v1/products.json", json={"name": "Notebook", "productTypeId": 1, "serialNumber": 1}).json()
    assert api.post("/v1/variants.json", json={"productId": product["id"]}).json()["serialNumber"] == 1
    named = api.post("/v1/variants.json", json={"productId": product["id"], "serialNumber": 0}).json()
    assert named["serialNumber"] == 0
    assert api.post("/v1/variants.json", json={"productId": 1}).json()["serialNumber"] == 0


def test_a_variant_keeps_the_codes_it_is_given(api: httpx.Client) -> None:
    variant = api.post("/v1/variants.json", json={"productId": 1, "code": "SKU-9", "barCode": "780001"}).json()
    assert (variant["code"], variant["barCode"]) == ("SKU-9", "780001")
    coded = api.post("/v1/variants.json", json={"productId": 1, "code": "SKU-10"}).json()
    assert (coded["code"], coded["barCode"]) == ("SKU-10", "SKU-10")


def test_a_variant_without_code_gets_the_time_or_the_next_free_number(
    api: httpx.Client, stopped_clock: int,  # noqa: F811 (the fixture imported above)
) -> None:
    for taken in (stopped_clock, stopped_clock + 2):
        assert api.post("/v1/variants.json", json={"productId": 1, "code": str(taken)}).status_code == 201
    codes = [api.post("/v1/variants.json", json={"productId": 1}).json()["code"] for _ in range(2)]
    assert codes == [str(stopped_clock + 1), str(stopped_clock + 3)]


def test_attribute_values_name_an_attribute_by_a_whole_id(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    for body, message in (
        ({"productId": 1, "attribute_values": [{"description": "XXL"}]}, "attributeId can't be blank"),
        ({"productId": 1, "attribute_values": [{"attributeId": 1.5, "description": "XXL"}]}, TYPE_MISMATCH),
        ({"productId": 1.5}, TYPE_MISMATCH),
    ):
        response = api.post("/v1/variants.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message}), body
    assert snapshot(server) == before


def test_attribute_values_are_added_and_edited_by_attribute(api: httpx.Client) -> None:
    created = api.post("/v1/product_types.json", json={"name": "Zapatos", "attributes": [{"name": "Talla"}]}).json()
    api.put(f"/v1/product_types/{created['id']}.json", json={"attributes": [{"name": "Color"}]})
    size, color = (a["id"] for a in api.get(created["attributes"]["href"]).json()["items"])
    product = api.post("/v1/products.json", json={"name": "Zapato", "productTypeId": created["id"]}).json()
    body = {"productId": product["id"], "attribute_values": [{"attributeId": size}]}
    variant = api.post("/v1/variants.json", json=body).json()
    values_href = variant["attribute_values"]["href"]
    assert [(v["attribute"]["id"], v["description"]) for v in api.get(values_href).json()["items"]] == [
        (str(size), "")]
    body = {"attribute_values": [{"attributeId": size, "description": "42"},
                                 {"attributeId": color, "description": "Negro"}]}
    assert api.put(f"/v1/variants/{variant['id']}.json", json=body).status_code == 200
    values = api.get(values_href).json()["items"]
    assert sorted((v["attribute"]["id"], v["description"]) for v in values) == sorted(
        [(str(size), "42"), (str(color), "Negro")])


def test_a_variant_moves_to_another_product(api: httpx.Client) -> None:
    updated = api.put("/v1/variants/1.json", json={"productId": 2}).json()
    assert updated["product"]["id"] == "2"
    kept = api.put("/v1/variants/1.json", json={"description": "XS"}).json()
    assert (kept["product"]["id"], kept["code"], kept["barCode"]) == ("2", updated["code"], updated["barCode"])
    assert kept["code"] != ""
    response = api.put("/v1/variants/1.json", json={"productId": 1.5})
    assert (response.status_code, response.json()) == (400, {"error": TYPE_MISMATCH})
