"""How rows are served, through the API: attributes in documented order, `fields`, links (plain,
under a parent, optional, null), sub-collections (plain, optional, hidden, expanded and cut at 25),
expanded links, items whose `href` names another resource or that have none, and Peru's names."""

from __future__ import annotations

import httpx

from mockbsale import MockServer

VARIANT_KEYS = [
    "href", "id", "description", "unlimitedStock", "allowNegativeStock", "state", "barCode", "code",
    "imagestionCenterCost", "imagestionAccount", "imagestionConceptCod", "imagestionProyectCod",
    "imagestionCategoryCod", "imagestionProductId", "serialNumber", "prestashopCombinationId", "prestashopValueId",
    "product", "attribute_values", "costs",
]


def test_a_row_serves_its_attributes_links_and_sub_collections_in_documented_order(
    api: httpx.Client, server: MockServer
) -> None:
    variant = api.get("/v1/variants/1.json").json()
    assert list(variant) == VARIANT_KEYS
    base = f"{server.url}/v1/variants/1"
    assert variant["href"] == f"{base}.json"
    assert variant["id"] == 1 and variant["code"] == "POL-001-XS"
    product_id = variant["product"]["id"]
    assert variant["product"] == {"href": f"{server.url}/v1/products/{product_id}.json", "id": product_id}
    assert isinstance(product_id, str) and product_id.isdigit()
    assert variant["attribute_values"] == {"href": f"{base}/attribute_values.json"}
    assert variant["costs"] == {"href": f"{base}/costs.json"}
    listed = api.get("/v1/variants.json", params={"limit": 1}).json()["items"]
    assert listed == [variant]


def test_fields_keeps_the_named_fields_in_any_case_and_the_href(api: httpx.Client, server: MockServer) -> None:
    href = f"{server.url}/v1/variants/1.json"
    kept = api.get("/v1/variants/1.json", params={"fields": "[Code,BARCODE,nothing]"}).json()
    assert kept == {"href": href, "barCode": kept["barCode"], "code": "POL-001-XS"}
    assert list(kept) == ["href", "barCode", "code"]
    linked = api.get("/v1/variants/1.json", params={"fields": "[product,costs,attribute_values]"}).json()
    assert list(linked) == ["href", "product", "attribute_values", "costs"]
    assert linked["costs"] == {"href": f"{server.url}/v1/variants/1/costs.json"}
    expanded = api.get("/v1/variants/1.json", params={"fields": "[code,product]", "expand": "[product]"}).json()
    assert list(expanded) == ["href", "code", "product"] and expanded["product"]["name"]
    page = api.get("/v1/variants.json", params={"fields": "[id]", "limit": 3}).json()
    assert [list(item) for item in page["items"]] == [["href", "id"]] * 3


def test_a_link_to_a_row_under_a_parent_names_the_parent(api: httpx.Client, server: MockServer) -> None:
    [value] = api.get("/v1/variants/1/attribute_values.json").json()["items"]
    assert value["href"] == f"{server.url}/v1/variants/1/attribute_values/{value['id']}.json"
    attribute = value["attribute"]
    assert attribute["href"].startswith(f"{server.url}/v1/product_types/")
    assert attribute["href"].endswith(f"/attributes/{attribute['id']}.json")
    served = api.get(attribute["href"].removeprefix(server.url))
    assert served.status_code == 200 and str(served.json()["id"]) == attribute["id"]


def test_an_expanded_link_is_the_related_row_as_served(api: httpx.Client) -> None:
    page = api.get("/v1/variants.json", params={"expand": "[product,unknown]", "limit": 6}).json()
    plain = api.get("/v1/variants.json", params={"limit": 6}).json()
    for item, link in zip(page["items"], plain["items"], strict=True):
        assert item["product"] == api.get(link["product"]["href"]).json()
        assert {key: value for key, value in item.items() if key != "product"} == {
            key: value for key, value in link.items() if key != "product"}


def test_an_expanded_sub_collection_is_its_first_page_of_25_with_next(api: httpx.Client, server: MockServer) -> None:
    price_list = api.get("/v1/price_lists/1.json", params={"expand": "[details]"}).json()
    details = price_list["details"]
    href = f"{server.url}/v1/price_lists/1/details.json"
    first_page = api.get("/v1/price_lists/1/details.json").json()
    assert first_page["count"] > 25
    assert details == {"href": href, "count": first_page["count"], "limit": 25, "offset": 0,
                       "items": first_page["items"], "next": f"{href}?limit=25&offset=25"}
    assert len(details["items"]) == 25
    variant = api.get("/v1/variants/1.json", params={"expand": "[attribute_values]"}).json()
    assert variant["attribute_values"]["items"] == api.get("/v1/variants/1/attribute_values.json").json()["items"]


def test_an_expanded_sub_collection_of_another_resource_s_rows_serves_them_as_that_resource(
    api: httpx.Client,
) -> None:
    variants = api.get("/v1/products/1.json", params={"expand": "[variants]"}).json()["variants"]
    assert variants["items"] and variants["count"] == len(variants["items"])
    assert variants["items"] == [api.get(item["href"]).json() for item in variants["items"]]
    assert variants["items"] == api.get("/v1/products/1/variants.json").json()["items"]


def test_a_v2_list_is_served_in_the_ecommerce_envelope(api: httpx.Client, server: MockServer) -> None:
    page = api.get("/v2/products/list/market_info.json", params={"limit": 1}).json()
    href = f"{server.url}/v2/products/list/market_info.json"
    assert list(page) == ["code", "href", "count", "limit", "offset", "data", "next"]
    assert (page["code"], page["href"], page["limit"], page["offset"], len(page["data"])) == (200, href, 1, 0, 1)
    assert page["count"] > 1 and page["next"] == f"{href}?limit=1&offset=1"
    last = api.get("/v2/products/list/market_info.json", params={"limit": 1, "offset": page["count"] - 1}).json()
    assert "next" not in last and len(last["data"]) == 1


def test_next_keeps_every_parameter_with_its_brackets_and_commas(api: httpx.Client, server: MockServer) -> None:
    page = api.get("/v1/variants.json", params={"limit": 2, "expand": "[product,attribute_values]"}).json()
    assert page["next"] == f"{server.url}/v1/variants.json?limit=2&expand=[product,attribute_values]&offset=2"


def test_a_hidden_sub_collection_is_served_only_expanded(api: httpx.Client, server: MockServer) -> None:
    assert "payments" not in api.get("/v1/documents/1.json").json()
    payments = api.get("/v1/documents/1.json", params={"expand": "[payments]"}).json()["payments"]
    href = f"{server.url}/v1/documents/1/payments.json"
    assert payments == {"href": href, "count": len(payments["items"]), "limit": 25, "offset": 0,
                        "items": payments["items"]}
    assert payments["count"] >= 1 and payments["items"][0]["href"].startswith(f"{server.url}/v1/payments/")


def test_optional_links_and_sub_collections_are_left_out_when_empty(api: httpx.Client, server: MockServer) -> None:
    served = {row["id"]: row for row in api.get("/v1/dynamic_attributes.json", params={"limit": 50}).json()["items"]}
    with_details = [row for row in served.values() if "details" in row]
    assert with_details and len(with_details) < len(served)
    for row in with_details:
        assert row["details"] == {"href": f"{server.url}/v1/dynamic_attributes/{row['id']}/details.json"}
        assert api.get(row["details"]["href"]).json()["count"] > 0
    for row in served.values():
        if "details" not in row:
            assert api.get(f"/v1/dynamic_attributes/{row['id']}/details.json").json()["count"] == 0
    assert any("payment_type" in row and "document_type" not in row for row in served.values())
    assert any("document_type" in row and "payment_type" not in row for row in served.values())


def test_a_link_without_a_related_row_is_null(api: httpx.Client) -> None:
    document = api.get("/v1/documents/1.json").json()
    assert "client" in document and document["client"] is None
    assert api.get("/v1/documents/1.json", params={"expand": "[client]"}).json()["client"] is None


def test_an_item_can_link_its_href_elsewhere_or_have_none(api: httpx.Client, server: MockServer) -> None:
    attributes = api.get("/v1/clients/1/attributes.json").json()["items"]
    assert attributes
    for attribute in attributes:
        assert attribute["href"] == f"{server.url}/v1/dynamic_attributes/{attribute['id']}.json"
        assert api.get(attribute["href"]).status_code == 200
    types = api.get("/v1/stock_consumption_types.json").json()["items"]
    assert types and all("href" not in item for item in types)


def test_a_peruvian_company_is_served_peru_s_names(pe: httpx.Client) -> None:
    office = pe.get("/v1/offices/1.json").json()
    assert "district" in office and "municipality" not in office
    assert list(pe.get("/v1/offices/1.json", params={"fields": "[DISTRICT]"}).json()) == ["href", "district"]
    assert pe.get("/v1/offices.json", params={"limit": 1}).json()["items"] == [office]
    document = pe.get("/v1/documents/1.json", params={"expand": "[office]"}).json()
    assert document["office"] == pe.get(f"/v1/offices/{document['office']['id']}.json").json()
    assert "district" in document["office"] and "municipality" not in document["office"]
