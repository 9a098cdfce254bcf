"""The write invariant, as a property (issue 14): on every write endpoint, with bodies full of
extreme values (huge, tiny, negative, NaN, huge integers, long strings, control characters), the
mock never answers 500, and a request it does not accept (any status but 2xx) leaves the company's
state byte-identical and publishes no event (NaN and Infinity are sent as the JS literals some clients write).

Bodies are valid ones from `mockbsale.strategies` with one value swapped for an extreme one (so the
deep paths run: lines, taxes, inline clients, payments), or bodies of known keys and extreme values.
The budget is `MOCKBSALE_PROPERTY_EXAMPLES` examples per endpoint (8 by default, for CI).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbsale import MockServer, strategies
from mockbsale.resources.registry import REGISTRY, Attr

EXAMPLES = int(os.environ.get("MOCKBSALE_PROPERTY_EXAMPLES", "8"))
BUDGET = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

EXTREME_NUMBERS = st.sampled_from([
    1e30, -1e30, 1e308, -1e308, 5e-324, 1e12, -1e12, 999_999_999_999.99, -1, 0, 0.5, 2**31, -(2**31) - 1,
    2**63, 2**64, -(2**63) - 1, 10**30, float("nan"), float("inf"), "1e400", "NaN", "-Infinity", "²", "٣",
    "9" * 5000, "-0", "1e-400",
])
NUMBERS = st.one_of(EXTREME_NUMBERS, EXTREME_NUMBERS, EXTREME_NUMBERS, st.integers(), st.floats())
"""Numbers no Bsale client should send, and a few that sit right on a bound."""
OTHERS = st.one_of(
    st.sampled_from([
        "", " ", "\u0000", "\u001b[31m", "\ufffe", "\ud7ff", "x" * 20_000, True, False, None,
        [], {}, [[]], [{}], [None], {"id": None}, "[1,2", "0x10", "1_000",
    ]),
    st.text(max_size=40),
)
EXTREMES = st.one_of(NUMBERS, OTHERS)

BODY_KEYS = sorted(
    {field.name for resource in REGISTRY for field in resource.fields if isinstance(field, Attr)}
    | {"details", "taxes", "taxId", "client", "payments", "quantity", "netUnitValue", "unitValue", "variantId",
       "officeId", "documentTypeId", "codeSii", "clientId", "percentage", "discount", "amount", "cost",
       "referenceDocumentId", "documentDetailId", "priceAdjustment", "editTexts", "productId", "productTypeId",
       "priceListId", "variantValue", "recordDate", "documentId", "paymentTypeId", "emissionDate", "dispatch",
       "salesId", "sellerId", "addressId", "shippingTypeId", "destinationOfficeId", "packDetails", "basePrice",
       "attribute_values", "cartDetails", "actionCode", "points", "clientCode", "documentCode", "documentNumber"}
)
NUMERIC_KEYS = ["quantity", "netUnitValue", "unitValue", "discount", "percentage", "amount", "cost", "variantValue",
                "basePrice"]
LEAVES = st.one_of(EXTREMES, st.lists(st.dictionaries(st.sampled_from(BODY_KEYS), EXTREMES, max_size=4), max_size=2))
ANY_BODY = st.dictionaries(st.sampled_from(BODY_KEYS), LEAVES, max_size=6)


def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key or index path inside a JSON value (its containers and its leaves)."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from places(child, (*path, index))


def value_at(body: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        body = body[step]
    return body


def swapped(body: Any, path: tuple[Any, ...], new: Any) -> Any:
    """A copy of `body` with the value at `path` replaced by `new`."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(body, dict):
        return {**body, head: swapped(body[head], rest, new)}
    return [swapped(item, rest, new) if index == head else item for index, item in enumerate(body)]


@st.composite
def poisoned(draw: st.DrawFn, valid: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A valid body with one value swapped for an extreme one (mostly an extreme number where a
    number was), or one key added to one of its objects (mostly a number: a price, a quantity)."""
    body = draw(valid)
    spots = list(places(body))
    if spots and draw(st.booleans()):
        spot = draw(st.sampled_from(spots))
        number = isinstance(value_at(body, spot), (int, float))
        return swapped(body, spot, draw(NUMBERS if number and draw(st.integers(0, 3)) else EXTREMES))
    objects = [(), *(spot for spot in spots if isinstance(value_at(body, spot), dict))]
    inside = draw(st.sampled_from(objects))
    key = draw(st.sampled_from(NUMERIC_KEYS) if draw(st.booleans()) else st.sampled_from(BODY_KEYS))
    return swapped(body, inside, {**value_at(body, inside), key: draw(NUMBERS if key in NUMERIC_KEYS else LEAVES)})


VALID = {
    ("POST", "/v1/products.json"): strategies.product_bodies,
    ("POST", "/v1/variants.json"): strategies.variant_bodies,
    ("POST", "/v1/clients.json"): strategies.client_bodies,
    ("POST", "/v1/stocks/receptions.json"): strategies.stock_reception_bodies,
    ("POST", "/v1/stocks/consumptions.json"): strategies.stock_consumption_bodies,
    ("POST", "/v1/documents.json"): strategies.document_bodies,
}


def concrete(path: str) -> str:
    """A route path with its parameters filled: ids 1, anything else `x`."""
    path = re.sub(r"\{\w+:int\}", "1", path)
    return re.sub(r"\{\w+(:\w+)?\}", "x", path)


def write_endpoints() -> list[tuple[str, str]]:
    """(method, path) of every write the mock serves, from the registry."""
    found: set[tuple[str, str]] = set(VALID)
    for resource in REGISTRY:
        path = concrete(resource.path)
        if resource.post:
            found.add(("POST", f"{path}.json"))
        if resource.member and not resource.serves:
            found.update((method, f"{path}/1.json") for method, handler in
                         (("PUT", resource.put), ("DELETE", resource.delete)) if handler)
    for route in REGISTRY.extra_routes:
        found.update((method, concrete(route.path)) for method in route.methods if method != "GET")
    return sorted(found)


@pytest.mark.parametrize(("method", "path"), [pytest.param(*write, id=" ".join(write)) for write in write_endpoints()])
def test_a_refused_write_changes_nothing_and_nothing_answers_500(
    api: httpx.Client, server: MockServer, published: list[Any], method: str, path: str
) -> None:
    make = VALID.get((method, path))
    bodies = st.one_of(poisoned(make()), ANY_BODY) if make else ANY_BODY
    company = server.engine.store.by_token(api.headers["access_token"])
    assert company is not None

    @BUDGET
    @given(body=bodies)
    def write(body: dict[str, Any]) -> None:
        server.call(server.engine.reset)
        published.clear()
        before = server.call(company.dump)
        answer = api.request(method, path, content=json.dumps(body), headers={"Content-Type": "application/json"})
        assert answer.status_code < 500, (body, answer.text)
        assert server.engine.server_errors == [], body
        if not 200 <= answer.status_code < 300:
            assert server.call(company.dump) == before, (body, answer.text)
            assert published == [], (body, answer.text)

    write()
