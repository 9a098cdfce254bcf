"""Stocks, stock receptions and consumptions: documented shapes and filters, and writes that
really move the stock (or are refused whole)."""

from __future__ import annotations

import time

import httpx

from mockbsale import MockServer
from tests.conftest import documented_keys, snapshot


def stock_of(api: httpx.Client, variant_id: int, office_id: int) -> dict:
    items = api.get(f"/v1/stocks.json?variantid={variant_id}&officeid={office_id}").json()["items"]
    assert len(items) == 1
    return items[0]


def test_stock_has_documented_keys(api: httpx.Client) -> None:
    stock = api.get("/v1/stocks/1.json").json()
    assert list(stock) == documented_keys("GET /v1/stocks/{id}.json")
    assert isinstance(stock["quantity"], float) and isinstance(stock["quantityAvailable"], float)
    assert stock["quantityAvailable"] == stock["quantity"] - stock["quantityReserved"]
    assert stock["variant"]["id"] == "1" and stock["office"]["id"] == "1"


def test_stock_filters(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/2.json").json()
    for query in (f"variantid={variant['id']}", f"code={variant['code']}", f"barcode={variant['barCode']}",
                  f"variantid=[{variant['id']}]", f"code=[{variant['code']}]"):
        items = api.get(f"/v1/stocks.json?{query}").json()["items"]
        assert [(item["variant"]["id"], item["office"]["id"]) for item in items] == [("2", "1"), ("2", "2"), ("2", "3")]
    assert stock_of(api, 2, 2)["office"]["id"] == "2"
    by_office = api.get("/v1/stocks.json?officeid=3").json()
    assert by_office["count"] == api.get("/v1/stocks.json").json()["count"] // 3
    expanded = api.get("/v1/stocks.json?variantid=2&officeid=1&expand=[variant,office]").json()["items"][0]
    assert expanded["variant"]["code"] == variant["code"] and expanded["office"]["name"] == "Casa Matriz"


def test_receptions_and_details(api: httpx.Client) -> None:
    receptions = api.get("/v1/stocks/receptions.json").json()
    assert receptions["count"] == 2
    reception = receptions["items"][0]
    assert list(reception) == documented_keys("GET /v1/stocks/receptions/{id}.json")
    assert api.get(reception["href"]).json() == reception
    assert api.get(reception["user"]["href"]).status_code == 200
    details = api.get(reception["details"]["href"]).json()
    detail = details["items"][0]
    assert list(detail) == documented_keys("GET /v1/stocks/receptions/{receptionId}/details.json")
    assert api.get(detail["href"]).json() == detail
    assert api.get("/v1/stocks/receptions.json?officeid=2").json()["count"] == 1
    assert api.get(f"/v1/stocks/receptions.json?admissiondate={reception['admissionDate']}").json()["count"] == 2
    nested = api.get(f"{reception['href']}?expand=details").json()["details"]
    assert nested["limit"] == 25 and len(nested["items"]) == 25 and nested["next"].endswith("offset=25")


def test_post_reception_moves_stock(api: httpx.Client, published: list) -> None:
    variant = api.get("/v1/variants/2.json").json()
    before = stock_of(api, 2, 2)["quantity"]
    body = {"document": "Guía", "officeId": 2, "documentNumber": "123", "note": "prueba api",
            "details": [{"quantity": 32.5, "code": variant["code"], "cost": 3200},
                        {"quantity": 1, "id": 3, "variantId": 3, "cost": 100},
                        {"quantity": 2, "barCode": api.get("/v1/variants/4.json").json()["barCode"]}]}
    created = api.post("/v1/stocks/receptions.json", json=body)
    assert created.status_code == 201
    reception = created.json()
    assert set(documented_keys("POST /v1/stocks/receptions.json")) <= set(reception)
    assert (reception["document"], reception["documentNumber"], reception["office"]["id"]) == ("Guía", "123", "2")
    assert stock_of(api, 2, 2)["quantity"] == before + 32.5
    details = api.get(reception["details"]["href"]).json()["items"]
    served = [(d["variant"]["id"], d["quantity"], d["cost"]) for d in details]
    assert served == [("2", 32.5, 3200), ("3", 1, 100), ("4", 2, 0)]
    assert details[0]["variantStock"] == before + 32.5
    assert published == [("stock", "put", variant_id, {"officeId": 2}) for variant_id in (2, 3, 4)]
    assert api.get("/v1/stocks/receptions.json?documentnumber=123").json()["count"] == 1


def test_put_reception_edits_quantities(api: httpx.Client, published: list) -> None:
    body = {"officeId": 1, "note": "prueba", "details": [{"quantity": 10, "variantId": 2, "cost": 3000}]}
    reception = api.post("/v1/stocks/receptions.json", json=body).json()
    before = stock_of(api, 2, 1)["quantity"]
    published.clear()
    change = {"document": "Guía", "officeId": 2, "documentNumber": "123", "note": "Prueba de ingreso vía api",
              "details": [{"quantity": 4, "variantId": 2, "cost": 2970}, {"quantity": 1, "variantId": 5}]}
    updated = api.put(reception["href"], json=change).json()
    assert (updated["note"], updated["office"]["id"]) == ("Prueba de ingreso vía api", "1")
    assert stock_of(api, 2, 1)["quantity"] == before - 6
    details = api.get(reception["details"]["href"]).json()["items"]
    assert [(d["variant"]["id"], d["quantity"], d["cost"]) for d in details] == [("2", 4, 2970), ("5", 1, 0)]
    assert published == [("stock", "put", 2, {"officeId": 1}), ("stock", "put", 5, {"officeId": 1})]


def test_post_consumption_takes_stock(api: httpx.Client, published: list) -> None:
    before = stock_of(api, 2, 1)["quantity"]
    body = {"note": "prueba de consumo api", "officeId": 1, "consumptionTypeId": 2,
            "details": [{"quantity": 2, "variantId": 2}, {"quantity": 1, "variantId": 2}]}
    created = api.post("/v1/stocks/consumptions.json", json=body)
    assert created.status_code == 201
    consumption = created.json()
    assert set(documented_keys("POST /v1/stocks/consumptions.json")) <= set(consumption)
    assert list(consumption) == documented_keys("GET /v1/stocks/consumptions/{id}.json")
    assert consumption["consumptionTypeId"] == 2
    assert stock_of(api, 2, 1)["quantity"] == before - 3
    details = api.get(consumption["details"]["href"]).json()["items"]
    assert list(details[0]) == documented_keys("GET /v1/stocks/consumptions/{consumptionId}/details/{id}.json")
    average = float(api.get("/v1/variants/2/costs.json").json()["averageCost"])
    assert [(d["quantity"], d["cost"], d["variantStock"]) for d in details] == [
        (2, average, before - 2), (1, average, before - 3)
    ]
    assert api.get(details[0]["href"]).json() == details[0]
    assert published == [("stock", "put", 2, {"officeId": 1})]
    listed = api.get("/v1/stocks/consumptions.json?officeid=1").json()
    assert [item["id"] for item in listed["items"]][-1] == consumption["id"]
    day = consumption["consumptionDate"]
    assert api.get(f"/v1/stocks/consumptions.json?consumptiondate={day}").json()["count"] == 1


def test_consumption_beyond_stock_is_refused_unless_negative_allowed(
    api: httpx.Client, server: MockServer, published: list
) -> None:
    variant = api.get("/v1/variants/2.json").json()
    available = stock_of(api, 2, 1)["quantityAvailable"]
    body = {"officeId": 1, "details": [{"quantity": 1, "variantId": 3}, {"quantity": available + 1, "variantId": 2}]}
    before = snapshot(server)
    response = api.post("/v1/stocks/consumptions.json", json=body)
    assert (response.status_code, response.json()) == (
        400, {"error": f"There is no stock for this products: {variant['code']}"}
    )
    assert snapshot(server) == before and published == []
    api.put("/v1/variants/2.json", json={"allowNegativeStock": 1})
    assert api.post("/v1/stocks/consumptions.json", json=body).status_code == 201
    stock = stock_of(api, 2, 1)
    assert stock["quantity"] == stock["quantityAvailable"] == -1


def test_rejected_receptions_change_nothing(api: httpx.Client, server: MockServer, published: list) -> None:
    before = snapshot(server)
    good = {"quantity": 1, "variantId": 1}
    cases = [
        ({"details": [good]}, "officeId can't be blank"),
        ({"officeId": 99, "details": [good]}, "invalid office"),
        ({"officeId": 1}, "details can't be blank"),
        ({"officeId": 1, "details": [good, {"quantity": 1, "code": "NOPE"}]}, "invalid variant"),
        ({"officeId": 1, "details": [good, {"quantity": 1, "variantId": 99999}]}, "invalid variant"),
        ({"officeId": 1, "details": [good, {"quantity": 0, "variantId": 2}]}, "invalid quantity"),
        ({"officeId": 1, "details": [{"variantId": 2}]}, "quantity can't be blank"),
        ({"officeId": 1, "details": [{"variantId": 2, "quantity": 1e308}]},
         '"quantity" is out of range for ActiveRecord::Type::Decimal'),
        ({"officeId": 1, "details": {"variantId": 2}}, "no implicit conversion of String into Integer"),
    ]
    for body, message in cases:
        for path in ("/v1/stocks/receptions.json", "/v1/stocks/consumptions.json"):
            response = api.post(path, json=body)
            assert (response.status_code, response.json()) == (400, {"error": message}), (path, body)
    wrong_type = {"officeId": 1, "consumptionTypeId": 99, "details": [good]}
    response = api.post("/v1/stocks/consumptions.json", json=wrong_type)
    assert (response.status_code, response.json()) == (400, {"error": "invalid consumption type"})
    response = api.put("/v1/stocks/receptions/1.json", json={"details": [{"quantity": 1, "variantId": 99999}]})
    assert (response.status_code, response.json()) == (400, {"error": "invalid variant"})
    assert snapshot(server) == before and published == []


def test_deleted_variant_cannot_be_received(api: httpx.Client) -> None:
    api.delete("/v1/variants/1.json")
    body = {"officeId": 1, "details": [{"quantity": 1, "variantId": 1}]}
    response = api.post("/v1/stocks/receptions.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": "invalid variant"})


def test_consumption_types(api: httpx.Client) -> None:
    listed = api.get("/v1/stock_consumption_types.json").json()
    assert list(listed["items"][0]) == documented_keys("GET /v1/stock_consumption_types.json")
    assert listed["items"][0] == {"cntId": 1, "cntI18nName": "consumption_type.retiro", "cntActive": 1, "cntCode": "12"}


def consume(api: httpx.Client, *quantities: float, variant_id: int = 2) -> httpx.Response:
    details = [{"quantity": quantity, "variantId": variant_id} for quantity in quantities]
    return api.post("/v1/stocks/consumptions.json", json={"officeId": 1, "details": details})


def no_stock(api: httpx.Client, variant_id: int = 2) -> dict[str, str]:
    code = api.get(f"/v1/variants/{variant_id}.json").json()["code"]
    return {"error": f"There is no stock for this products: {code}"}


def test_consumption_lines_of_one_variant_are_checked_together(api: httpx.Client, server: MockServer) -> None:
    available = stock_of(api, 2, 1)["quantityAvailable"]
    assert available >= 4, available
    half = available // 2 + 1
    before = snapshot(server)
    refused = consume(api, half, half)
    assert (refused.status_code, refused.json()) == (400, no_stock(api)), "each line fits, their total does not"
    assert snapshot(server) == before
    assert consume(api, available - 1, 1).status_code == 201, "exactly the available stock can be taken"
    assert stock_of(api, 2, 1)["quantityAvailable"] == 0


def test_stock_is_not_checked_without_stock_control(api: httpx.Client) -> None:
    available = stock_of(api, 2, 1)["quantityAvailable"]
    product_id = api.get("/v1/variants/2.json").json()["product"]["id"]
    assert consume(api, available + 1).status_code == 400
    assert api.put(f"/v1/products/{product_id}.json", json={"stockControl": 0}).status_code == 200
    assert consume(api, available + 1).status_code == 201
    assert stock_of(api, 2, 1)["quantity"] == -1
    assert api.put(f"/v1/products/{product_id}.json", json={"stockControl": 1}).status_code == 200
    assert consume(api, 1).status_code == 400
    api.put("/v1/variants/2.json", json={"unlimitedStock": 1})
    assert consume(api, 5).status_code == 201


def test_lowering_a_reception_takes_out_only_what_is_available(api: httpx.Client, server: MockServer) -> None:
    """A reception of 10, then all but 3 of the office's stock consumed: lowering the reception to 6
    would take out 4 (refused), to 7 takes out 3 (the last 3); raising it is never checked."""
    body = {"officeId": 1, "note": "primera", "details": [{"quantity": 10, "variantId": 2, "cost": 100}]}
    reception = api.post("/v1/stocks/receptions.json", json=body).json()
    assert consume(api, stock_of(api, 2, 1)["quantityAvailable"] - 3).status_code == 201
    before = snapshot(server)
    refused = api.put(reception["href"], json={"details": [{"quantity": 6, "variantId": 2}]})
    assert (refused.status_code, refused.json()) == (400, no_stock(api))
    assert snapshot(server) == before
    assert api.put(reception["href"], json={"details": [{"quantity": 7, "variantId": 2}]}).status_code == 200
    assert stock_of(api, 2, 1)["quantityAvailable"] == 0
    assert api.put(reception["href"], json={"details": [{"quantity": 20, "variantId": 2}]}).status_code == 200
    assert stock_of(api, 2, 1)["quantityAvailable"] == 13
    details = api.get(reception["details"]["href"]).json()["items"]
    assert [(d["quantity"], d["cost"], d["variantStock"]) for d in details] == [(20, 100, 13)]
    assert api.get(reception["href"]).json()["note"] == "primera", "a PUT with details keeps the header"
    renamed = api.put(reception["href"], json={"note": "segunda"})
    assert (renamed.status_code, renamed.json()["note"]) == (200, "segunda"), "a PUT without details is allowed"


def test_a_reception_kept_as_it_is_takes_nothing_out_of_a_negative_stock(api: httpx.Client) -> None:
    body = {"officeId": 1, "details": [{"quantity": 2, "variantId": 2}]}
    reception = api.post("/v1/stocks/receptions.json", json=body).json()
    api.put("/v1/variants/2.json", json={"allowNegativeStock": 1})
    assert consume(api, stock_of(api, 2, 1)["quantityAvailable"] + 1).status_code == 201
    api.put("/v1/variants/2.json", json={"allowNegativeStock": 0})
    assert api.put(reception["href"], json={"details": [{"quantity": 2, "variantId": 2}]}).status_code == 200
    assert stock_of(api, 2, 1)["quantityAvailable"] == -1


def test_costs_are_weighted_and_fifo_keeps_the_newest_receptions(api: httpx.Client) -> None:
    product_id = int(api.get("/v1/variants/2.json").json()["product"]["id"])
    variant = api.post("/v1/variants.json", json={"productId": product_id, "code": "FIFO-1", "barCode": "780FIFO"})
    variant_id = variant.json()["id"]
    costs = f"/v1/variants/{variant_id}/costs.json"
    assert api.get(costs).json() == {"averageCost": "0.0", "history": []}
    receptions = [({"officeId": 1, "admissionDate": 1700006400, "details": [{"quantity": 10, "code": "FIFO-1",
                                                                             "cost": 100}]}),
                  ({"officeId": 2, "details": [{"quantity": 30, "barCode": "780FIFO", "cost": 200.5}]})]
    for body in receptions:
        assert api.post("/v1/stocks/receptions.json", json=body).status_code == 201
    consumed = api.post("/v1/stocks/consumptions.json",
                        json={"officeId": 1, "details": [{"quantity": 4, "id": variant_id}]}).json()
    [detail] = api.get(consumed["details"]["href"]).json()["items"]
    assert (detail["cost"], detail["variantStock"]) == (175.38, 6)
    served = api.get(costs).json()
    assert served["averageCost"] == "175.38"
    assert [(entry["cost"], entry["availableFifo"]) for entry in served["history"]] == [(100, 6), (200.5, 30)]
    assert served["history"][0]["admissionDate"] == 1700006400


def test_one_unit_received_sets_the_cost_and_fifo_is_empty_when_nothing_is_on_hand(api: httpx.Client) -> None:
    product_id = int(api.get("/v1/variants/2.json").json()["product"]["id"])
    variant_id = api.post("/v1/variants.json", json={"productId": product_id, "code": "ONE-1"}).json()["id"]
    body = {"officeId": 1, "details": [{"quantity": 1, "variantId": variant_id, "cost": 500, "serialNumber": "SN-77"}]}
    reception = api.post("/v1/stocks/receptions.json", json=body).json()
    [detail] = api.get(reception["details"]["href"]).json()["items"]
    assert detail["serialNumber"] == "SN-77"
    stock = stock_of(api, variant_id, 1)
    assert (stock["quantity"], stock["quantityReserved"], stock["quantityAvailable"]) == (1, 0, 1)
    assert [item["id"] for item in api.get("/v1/variants.json", params={"serialnumber": "SN-77"}).json()["items"]] == [
        variant_id
    ]
    costs = f"/v1/variants/{variant_id}/costs.json"
    assert api.get(costs).json()["averageCost"] == "500.0"
    assert consume(api, 1, variant_id=variant_id).status_code == 201
    assert [entry["availableFifo"] for entry in api.get(costs).json()["history"]] == [0]


def test_a_reception_and_a_consumption_as_served(api: httpx.Client, server: MockServer) -> None:
    """Every attribute of a reception and a consumption posted with no header: Bsale's defaults, dated
    00:00 UTC of the mock's day (its clock stopped at 2024-03-15 12:00 UTC)."""
    server.call(setattr, server.engine, "clock", lambda: 1710504000)
    try:
        reception = api.post("/v1/stocks/receptions.json",
                             json={"officeId": 2, "details": [{"quantity": 1, "variantId": 2}]}).json()
        consumption = api.post("/v1/stocks/consumptions.json",
                               json={"officeId": 2, "details": [{"quantity": 1, "variantId": 2}]}).json()
    finally:
        server.call(setattr, server.engine, "clock", time.time)
    link = {key: reception.pop(key) for key in ("href", "id", "details", "office", "user")}
    assert (link["office"]["id"], link["user"]["id"]) == ("2", "1")
    assert reception == {"admissionDate": 1710460800, "document": "", "documentNumber": "", "note": "",
                         "imagestionCctId": 0, "imagestionCcDescription": None, "internalDispatchId": 0,
                         "updateStock": 0}
    links = ("href", "id", "details", "office", "user")
    assert (consumption["office"]["id"], consumption["user"]["id"]) == ("2", "1")
    served = {key: value for key, value in consumption.items() if key not in links}
    assert served == {"consumptionDate": 1710460800, "note": "", "imagestionCcdescription": None,
                      "imagestionCenterCostId": None, "consumptionTypeId": 1, "updateStock": 0}
    dated = api.post("/v1/stocks/receptions.json", json={"officeId": 2, "admissionDate": 1700006400, "userId": 2,
                                                         "details": [{"quantity": 1, "variantId": 2}]}).json()
    assert (dated["admissionDate"], dated["user"]["id"]) == (1700006400, "2")


def test_a_variant_never_received_at_an_office_has_no_stock_there(api: httpx.Client) -> None:
    product_id = int(api.get("/v1/variants/2.json").json()["product"]["id"])
    variant_id = api.post("/v1/variants.json", json={"productId": product_id, "code": "NEW-1"}).json()["id"]
    refused = consume(api, 1, variant_id=variant_id)
    assert (refused.status_code, refused.json()) == (400, no_stock(api, variant_id))
    both = api.post("/v1/stocks/consumptions.json", json={"officeId": 1, "details": [
        {"quantity": 1, "variantId": variant_id}, {"quantity": 10**6, "variantId": 2}]})
    codes = [api.get(f"/v1/variants/{variant}.json").json()["code"] for variant in (variant_id, 2)]
    assert both.json() == {"error": f"There is no stock for this products: {codes[0]}, {codes[1]}"}


def test_details_name_variants_by_id_strings_and_code_before_bar_code(api: httpx.Client) -> None:
    bar_code_of_3 = api.get("/v1/variants/3.json").json()["barCode"]
    code_of_2 = api.get("/v1/variants/2.json").json()["code"]
    details = [{"quantity": 1, "variantId": "2"}, {"quantity": 1, "id": "3"},
               {"quantity": 1, "code": code_of_2, "barCode": bar_code_of_3, "serialNumber": "SN-9"}]
    body = {"officeId": "1", "consumptionTypeId": "2", "consumptionDate": 1700006400, "userId": 2, "note": "n",
            "details": details}
    created = api.post("/v1/stocks/consumptions.json", json=body)
    assert created.status_code == 201, created.text
    consumption = created.json()
    header = (consumption["consumptionTypeId"], consumption["consumptionDate"], consumption["note"])
    assert header == (2, 1700006400, "n")
    assert (consumption["office"]["id"], consumption["user"]["id"]) == ("1", "2")
    served = api.get(consumption["details"]["href"]).json()["items"]
    assert [d["variant"]["id"] for d in served] == ["2", "3", "2"]


def test_integer_attributes_beyond_4_bytes_are_refused(api: httpx.Client, server: MockServer) -> None:
    line = [{"quantity": 1, "variantId": 2}]
    before = snapshot(server)
    for path, name in [("receptions", "admissionDate"), ("receptions", "userId"), ("receptions", "officeId"),
                       ("consumptions", "consumptionDate"), ("consumptions", "userId"),
                       ("consumptions", "consumptionTypeId")]:
        body = {"officeId": 1, "details": line, name: 2**31}
        response = api.post(f"/v1/stocks/{path}.json", json=body)
        assert (response.status_code, response.json()) == (
            400, {"error": f'"{name}" is out of range for ActiveRecord::Type::Integer with limit 4'}), (path, name)
    assert snapshot(server) == before
