"""Bad input, one row per input: Bsale's status and message, and nothing changed (state compared
before and after, no event published, no 500 inside the mock)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import TOKEN_A, snapshot

INVALID_JSON = "Invalid JSON object"
TYPE_MISMATCH = "no implicit conversion of String into Integer"
NOT_FOUND = "Resource not found"
NET_VALUE = "Invalid net unit value, zero or negative values are not allowed for this type of document"
NOT_AUTHENTICATED = "Sorry, this request can not be authenticated"

RECEPTION = "/v1/stocks/receptions.json"
CONSUMPTION = "/v1/stocks/consumptions.json"
DOCUMENTS = "/v1/documents.json"
PAYMENTS = "/v1/payments.json"


def sale(line: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """A boleta of one unit of variant 1, with `changes` to the body and `line` to its detail."""
    item = {"variantId": 1, "quantity": 1, "netUnitValue": 1000, "taxId": "[1]", **(line or {})}
    return {"codeSii": 39, "officeId": 1, "dispatch": 1, "details": [item], **changes}


def payment(**changes: Any) -> Callable[[httpx.Client], dict[str, Any]]:
    """A payment body for a new nota de venta (made before the state is compared)."""

    def build(api: httpx.Client) -> dict[str, Any]:
        sold = api.post(DOCUMENTS, json=sale(codeSii=None, documentTypeId=1))
        assert sold.status_code == 201, sold.text
        return {"recordDate": 1436214454, "amount": 100, "documentId": sold.json()["id"], "paymentTypeId": 1,
                **changes}

    return build


def detail(**changes: Any) -> dict[str, Any]:
    return {"officeId": 1, "details": [{"quantity": 2, "variantId": 1, "cost": 100, **changes}]}


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str
    status: int
    message: str | None
    json: Any = None
    """The body, or a function of company A's client that makes what the body needs and returns it."""
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


ROWS = [
    # bodies that are not a JSON object
    Row("malformed JSON", "POST", "/v1/offices.json", 400, INVALID_JSON, content=b'{"name": "Casa'),
    Row("JSON array for an object", "POST", "/v1/products.json", 400, INVALID_JSON, json=[{"name": "x"}]),
    Row("empty body", "POST", "/v1/variants.json", 400, INVALID_JSON, content=b""),
    Row("JSON string body", "PUT", "/v1/offices/1.json", 400, INVALID_JSON, json="name"),
    Row("body far larger than any real one", "POST", RECEPTION, 413, "Request body too large",
        content=b'{"note": "' + b"x" * (3 * 1024 * 1024) + b'"}'),
    # wrong types
    Row("string for a number", "POST", RECEPTION, 400, TYPE_MISMATCH, json={**detail(), "officeId": "uno"}),
    Row("string quantity", "POST", RECEPTION, 400, TYPE_MISMATCH, json=detail(quantity="dos")),
    Row("object for a string", "POST", "/v1/offices.json", 400, TYPE_MISMATCH, json={"name": {"es": "Casa"}}),
    Row("list for a number", "POST", "/v1/variants.json", 400, TYPE_MISMATCH, json={"productId": [1]}),
    Row("boolean for a number", "POST", CONSUMPTION, 400, TYPE_MISMATCH, json={**detail(), "officeId": True}),
    Row("fractional id", "POST", "/v1/variants.json", 400, TYPE_MISMATCH, json={"productId": 1.5}),
    # unknown ids in reference fields
    Row("unknown productId", "POST", "/v1/variants.json", 400, "invalid product", json={"productId": 999999}),
    Row("unknown productTypeId", "POST", "/v1/products.json", 400, "invalid product type",
        json={"name": "Nada", "productTypeId": 999999}),
    Row("unknown officeId", "POST", RECEPTION, 400, "invalid office", json={**detail(), "officeId": 999999}),
    Row("unknown variantId", "POST", RECEPTION, 400, "invalid variant", json=detail(variantId=999999)),
    Row("unknown variant code", "POST", CONSUMPTION, 400, "invalid variant",
        json={"officeId": 1, "details": [{"quantity": 1, "code": "NO-SUCH-SKU"}]}),
    Row("unknown consumptionTypeId", "POST", CONSUMPTION, 400, "invalid consumption type",
        json={**detail(), "consumptionTypeId": 999999}),
    Row("unknown document type id", "POST", DOCUMENTS, 400, "invalid documentType", json=sale(documentTypeId=999999)),
    Row("unknown codeSii", "POST", DOCUMENTS, 400, "invalid documentType", json=sale(codeSii=999)),
    Row("unknown variant in a document", "POST", DOCUMENTS, 400, "invalid variant", json=sale({"variantId": 999999})),
    Row("unknown client", "POST", DOCUMENTS, 400, "invalid client", json=sale(clientId=999999)),
    Row("unknown seller", "POST", DOCUMENTS, 400, "invalid seller", json=sale(sellerId=999999)),
    Row("unknown price list", "POST", DOCUMENTS, 400, "price list not found", json=sale(priceListId=999999)),
    Row("unknown office of a document", "POST", DOCUMENTS, 400, "invalid office", json=sale(officeId=999999)),
    Row("payment of an unknown document", "POST", PAYMENTS, 400, "invalid document", json=payment(documentId=999999)),
    Row("unknown payment type", "POST", PAYMENTS, 400, "invalid payment type", json=payment(paymentTypeId=999999)),
    Row("return without its document", "POST", "/v1/returns.json", 400, "the json does not have reference document",
        json={"documentTypeId": 8, "officeId": 1, "details": [{"documentDetailId": 1, "quantity": 1}]}),
    # quantities and prices
    Row("zero quantity sold", "POST", DOCUMENTS, 400, "invalid quantity", json=sale({"quantity": 0})),
    Row("negative quantity sold", "POST", DOCUMENTS, 400, "invalid quantity", json=sale({"quantity": -2})),
    Row("negative price", "POST", DOCUMENTS, 400, NET_VALUE, json=sale({"netUnitValue": -1000})),
    Row("zero price", "POST", DOCUMENTS, 400, NET_VALUE, json=sale({"netUnitValue": 0})),
    Row("negative payment", "POST", PAYMENTS, 400, "invalid amount", json=payment(amount=-5)),
    Row("string quantity sold", "POST", DOCUMENTS, 400, TYPE_MISMATCH, json=sale({"quantity": "uno"})),
    Row("details not a list", "POST", DOCUMENTS, 400, TYPE_MISMATCH, json=sale(details="variante 1")),
    Row("negative quantity", "POST", RECEPTION, 400, "invalid quantity", json=detail(quantity=-3)),
    Row("zero quantity", "POST", CONSUMPTION, 400, "invalid quantity", json=detail(quantity=0)),
    Row("more than the stock", "POST", CONSUMPTION, 400, None, json=detail(quantity=10**9)),
    # missing required fields
    Row("office without name", "POST", "/v1/offices.json", 400, "name can't be blank", json={"city": "Arica"}),
    Row("product without name", "POST", "/v1/products.json", 400, "name can't be blank", json={"productTypeId": 1}),
    Row("variant without product", "POST", "/v1/variants.json", 400, "productId can't be blank", json={"code": "x"}),
    Row("reception without details", "POST", RECEPTION, 400, "details can't be blank", json={"officeId": 1}),
    Row("reception without office", "POST", RECEPTION, 400, "officeId can't be blank",
        json={"details": detail()["details"]}),
    # tokens
    Row("missing token", "GET", "/v1/offices.json", 401, NOT_AUTHENTICATED, headers={"access_token": ""}),
    Row("wrong token", "POST", "/v1/offices.json", 401, NOT_AUTHENTICATED, json={"name": "Intrusa"},
        headers={"access_token": "not-a-token"}),
    Row("wrong token in the instance path", "GET", "/v1/instances/basic/not-a-token.json", 401, NOT_AUTHENTICATED),
    # unknown paths, ids and methods
    Row("unknown path", "GET", "/v1/nothing.json", 404, NOT_FOUND),
    Row("unknown id", "GET", "/v1/variants/999999.json", 404, NOT_FOUND),
    Row("id that is not a number", "GET", "/v1/variants/abc.json", 404, NOT_FOUND),
    Row("update of an unknown id", "PUT", "/v1/offices/999999.json", 404, NOT_FOUND, json={"name": "x"}),
    Row("children of an unknown parent", "GET", "/v1/products/999999/variants.json", 404, NOT_FOUND),
    Row("unknown method", "PATCH", "/v1/offices/1.json", 405, "Method not allowed", json={"name": "x"}),
    Row("delete where Bsale has none", "DELETE", "/v1/price_lists/1.json", 405, "Method not allowed"),
    Row("post on a read-only list", "POST", "/v1/stocks.json", 405, "Method not allowed", json={}),
    # absurd query strings: Bsale ignores what it cannot read
    Row("limit=-1", "GET", "/v1/variants.json?limit=-1", 200, None),
    Row("offset=abc", "GET", "/v1/variants.json?offset=abc", 200, None),
    Row("expand=[[[", "GET", "/v1/products.json?expand=[[[", 200, None),
    Row("fields=]]]", "GET", "/v1/variants.json?fields=]]]", 200, None),
    Row("huge limit", "GET", "/v1/variants.json?limit=99999999999999999999999", 200, None),
    Row("offset beyond 64 bits", "GET", "/v1/products.json?offset=9223372036854775809", 200, None),
    Row("unreadable filter", "GET", "/v1/variants.json?productid=abc&state=[[", 200, None),
    Row("count with garbage", "GET", "/v1/variants/count.json?state=%00%ff", 200, None),
]


class Recorder:
    """A listener that keeps every event the engine publishes."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def publish(self, company: Any, events: Any) -> None:
        self.events.extend(events)


@pytest.fixture
def published(server: MockServer, api: httpx.Client) -> Iterator[list[Any]]:
    recorder = Recorder()
    server.engine.listeners.append(recorder)
    yield recorder.events
    server.engine.listeners.remove(recorder)


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input(row: Row, api: httpx.Client, server: MockServer, published: list[Any]) -> None:
    body = row.json(api) if callable(row.json) else row.json
    published.clear()
    before = snapshot(server)
    response = api.request(
        row.method, row.path, json=body, content=row.content, headers={"access_token": TOKEN_A, **row.headers}
    )
    assert response.status_code == row.status, response.text
    body = response.json()
    if row.message is not None:
        assert body == {"error": row.message}
    elif row.status >= 400:
        assert set(body) == {"error"}
    if row.path.startswith("/v1/variants.json?"):
        assert (body["limit"], body["offset"]) in {(25, 0), (50, 0)}
    assert snapshot(server) == before
    assert published == []
    assert server.engine.server_errors == []


def test_another_companys_ids_are_unknown(api: httpx.Client, api_b: httpx.Client, server: MockServer) -> None:
    office_count = api.get("/v1/offices/count.json").json()["count"]
    for _ in range(office_count + 1):
        created = api_b.post("/v1/offices.json", json={"name": "Sucursal de B"}).json()
    before = snapshot(server)
    path = f"/v1/offices/{created['id']}.json"
    assert api.get(path).status_code == 404
    assert api.put(path, json={"name": "Robada"}).json() == {"error": NOT_FOUND}
    assert api.delete(path).status_code == 404
    assert snapshot(server) == before
    assert api_b.get(path).json()["name"] == "Sucursal de B"
