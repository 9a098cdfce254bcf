"""How the API reads a request body's values, as Bsale (a Rails app) does: numeric strings are
numbers, null and "" are absent, integers fit 4 bytes, decimals stay below a trillion, percentages
lie in 0-100, lists of objects are lists of objects; anything else is Bsale's 400, nothing written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import snapshot

TYPE_MISMATCH = "no implicit conversion of String into Integer"
INTEGER_RANGE = '"isVirtual" is out of range for ActiveRecord::Type::Integer with limit 4'
PERCENTAGE = "Invalid percentage, negative values are not allowed for this type of document"
OFFICES = "/v1/offices.json"
RECEPTIONS = "/v1/stocks/receptions.json"
DOCUMENTS = "/v1/documents.json"


def boleta(**line: Any) -> dict[str, Any]:
    """A boleta (39) of one unit of variant 1 at 1,000 net, with `line` changed."""
    return {"codeSii": 39, "officeId": 1, "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 1000, **line}]}


def refused(api: httpx.Client, server: MockServer, method: str, path: str, body: Any, message: str) -> None:
    before = snapshot(server)
    answer = api.request(method, path, json=body)
    assert (answer.status_code, answer.json()) == (400, {"error": message}), body
    assert snapshot(server) == before


def test_numeric_strings_are_numbers_and_null_or_empty_values_take_the_default(api: httpx.Client) -> None:
    office = api.post(OFFICES, json={"name": 42, "isVirtual": "1e0", "city": None, "zipCode": "", "state": ""})
    assert office.status_code == 201, office.text
    served = api.get(f"/v1/offices/{office.json()['id']}.json").json()
    assert {key: served[key] for key in ("name", "isVirtual", "city", "zipCode", "state", "description")} == {
        "name": "42", "isVirtual": 1, "city": "", "zipCode": "", "state": 0, "description": ""}


@pytest.mark.parametrize("name", ["", None])
def test_an_empty_or_null_required_value_is_blank(api: httpx.Client, server: MockServer, name: Any) -> None:
    refused(api, server, "POST", OFFICES, {"name": name, "city": "Arica"}, "name can't be blank")


def test_an_update_sets_only_what_the_body_names_and_null_back_to_empty(api: httpx.Client) -> None:
    before = api.get("/v1/offices/1.json").json()
    assert before["city"] and before["address"]
    answer = api.put("/v1/offices/1.json", json={"city": None, "isVirtual": "1"})
    assert answer.status_code == 200, answer.text
    after = api.get("/v1/offices/1.json").json()
    assert after == {**before, "city": "", "isVirtual": 1}


@pytest.mark.parametrize("value", [2**31 - 1, -(2**31), "2147483647"])
def test_integers_of_4_bytes_are_kept(api: httpx.Client, value: Any) -> None:
    office = api.post(OFFICES, json={"name": "Límite", "isVirtual": value})
    assert office.status_code == 201, office.text
    served = api.get(f"/v1/offices/{office.json()['id']}.json").json()["isVirtual"]
    assert served == int(value) and type(served) is int


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, "2147483648", 1e10])
def test_integers_beyond_4_bytes_are_refused(api: httpx.Client, server: MockServer, value: Any) -> None:
    refused(api, server, "POST", OFFICES, {"name": "Límite", "isVirtual": value}, INTEGER_RANGE)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "2.5", 2.5, "uno", True, [1], {"n": 1}])
def test_what_is_not_an_integer_is_bsales_type_error(api: httpx.Client, server: MockServer, value: Any) -> None:
    refused(api, server, "POST", OFFICES, {"name": "Tipos", "isVirtual": value}, TYPE_MISMATCH)


@pytest.mark.parametrize("value", [["Casa"], {"es": "Casa"}])
def test_a_list_or_object_for_a_string_is_bsales_type_error(api: httpx.Client, server: MockServer,
                                                           value: Any) -> None:
    refused(api, server, "POST", OFFICES, {"name": value}, TYPE_MISMATCH)


def test_decimals_below_a_trillion_are_kept_as_decimals(api: httpx.Client) -> None:
    body = {"officeId": 1, "details": [{"variantId": 2, "quantity": 2, "cost": "999999999999.5"}]}
    reception = api.post(RECEPTIONS, json=body)
    assert reception.status_code == 201, reception.text
    [line] = api.get(reception.json()["details"]["href"]).json()["items"]
    assert (line["quantity"], line["cost"]) == (2.0, 999999999999.5)
    assert isinstance(line["quantity"], float)


@pytest.mark.parametrize("cost", ["nan", "inf", "-inf", "uno", True])
def test_what_is_not_a_decimal_is_bsales_type_error(api: httpx.Client, server: MockServer, cost: Any) -> None:
    body = {"officeId": 1, "details": [{"variantId": 2, "quantity": 2, "cost": cost}]}
    refused(api, server, "POST", RECEPTIONS, body, TYPE_MISMATCH)


@pytest.mark.parametrize("cost", [1e12, -1e12, "1000000000000"])
def test_decimals_of_a_trillion_or_more_are_refused(api: httpx.Client, server: MockServer, cost: Any) -> None:
    body = {"officeId": 1, "details": [{"variantId": 2, "quantity": 2, "cost": cost}]}
    refused(api, server, "POST", RECEPTIONS, body, '"cost" is out of range for ActiveRecord::Type::Decimal')


@pytest.mark.parametrize(("discount", "total"), [(0, 1190.0), (100, 0.0), ("50", 595.0)])
def test_a_discount_from_0_to_100_percent_is_taken(api: httpx.Client, discount: Any, total: float) -> None:
    sold = api.post(DOCUMENTS, json=boleta(taxId="[1]", discount=discount))
    assert sold.status_code == 201, sold.text
    assert sold.json()["totalAmount"] == total


@pytest.mark.parametrize("discount", [100.01, -0.01])
def test_a_discount_outside_0_to_100_percent_is_refused(api: httpx.Client, server: MockServer,
                                                        discount: float) -> None:
    refused(api, server, "POST", DOCUMENTS, boleta(taxId="[1]", discount=discount), PERCENTAGE)


@pytest.mark.parametrize(("percentage", "total"), [(0, 1000.0), (100, 2000.0)])
def test_a_tax_of_0_to_100_percent_is_taken(api: httpx.Client, percentage: float, total: float) -> None:
    sold = api.post(DOCUMENTS, json=boleta(taxes=[{"code": 14, "percentage": percentage}]))
    assert sold.status_code == 201, sold.text
    assert (sold.json()["totalAmount"], sold.json()["taxAmount"]) == (total, total - 1000.0)


@pytest.mark.parametrize(("details", "message"), [
    (None, "details can't be blank"), ([], "details can't be blank"), ([1], TYPE_MISMATCH),
    ("variante 2", TYPE_MISMATCH), ({"variantId": 2, "quantity": 1}, TYPE_MISMATCH),
    ([{"variantId": 2, "quantity": 1}, "otra"], TYPE_MISMATCH),
])
def test_a_required_list_of_objects(api: httpx.Client, server: MockServer, details: Any, message: str) -> None:
    refused(api, server, "POST", RECEPTIONS, {"officeId": 1, "details": details}, message)


@pytest.mark.parametrize(("references", "status"), [(None, 201), ([], 201), ({"number": 1}, 400), ("1", 400)])
def test_an_optional_list_of_objects(api: httpx.Client, references: Any, status: int) -> None:
    answer = api.post(DOCUMENTS, json={**boleta(taxId="[1]"), "references": references})
    assert answer.status_code == status, answer.text
    if status == 400:
        assert answer.json() == {"error": TYPE_MISMATCH}


@pytest.mark.parametrize(("body", "status", "answer"), [
    ({"variantValue": 1500}, 200, 1500.0),
    ({"variantValue": ""}, 400, "variantValue can't be blank"),
    ({"variantValue": 1e12}, 400, '"variantValue" is out of range for ActiveRecord::Type::Decimal'),
])
def test_a_price_is_a_decimal_below_a_trillion_that_must_be_given(api: httpx.Client, body: dict[str, Any],
                                                                  status: int, answer: Any) -> None:
    response = api.put("/v1/price_lists/1/details/1.json", json=body)
    assert response.status_code == status, response.text
    served = response.json()["variantValue"] if status == 200 else response.json()["error"]
    assert served == answer and type(served) is type(answer)


def test_a_pack_without_a_base_price_costs_nothing(api: httpx.Client) -> None:
    body = {"productTypeId": 1, "name": "Pack sin precio", "packDetails": [{"quantity": 2, "variantPromoId": 5}]}
    created = api.post("/v2/products/pack.json", json=body)
    assert created.status_code == 201, created.text
    [variant] = api.get(f"/v1/products/{created.json()['data']['id']}/variants.json").json()["items"]
    prices = api.get("/v1/price_lists/1/details.json", params={"variantid": variant["id"]}).json()["items"]
    assert [price["variantValue"] for price in prices] == [0.0]


def test_a_pack_component_needs_its_quantity(api: httpx.Client, server: MockServer) -> None:
    body = {"productTypeId": 1, "name": "Pack", "packDetails": [{"variantPromoId": 5}]}
    refused(api, server, "POST", "/v2/products/pack.json", body, "quantity can't be blank")

