"""The list conventions real Bsale clients rely on, on the variants and stocks lists (the two most
used): three pagination styles, limit clamping, `next`, `fields`, `expand` in every syntax, nested
sub-collections, ignored parameters, id types, and hrefs that resolve on the mock."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.conftest import assert_every_url_resolves

LISTS = ["/v1/variants.json", "/v1/stocks.json"]


def by_offset(api: httpx.Client, path: str, limit: int) -> list[int]:
    """Loop on `offset` until a short page."""
    ids: list[int] = []
    offset = 0
    while True:
        items = api.get(path, params={"limit": limit, "offset": offset}).json()["items"]
        ids += [item["id"] for item in items]
        if len(items) < limit:
            return ids
        offset += limit


def by_next(api: httpx.Client, path: str, limit: int) -> list[int]:
    """Follow `next` until it is absent."""
    ids: list[int] = []
    url: str | None = f"{path}?limit={limit}"
    while url:
        page = api.get(url).json()
        ids += [item["id"] for item in page["items"]]
        url = page.get("next")
    return ids


def by_count(api: httpx.Client, path: str, limit: int) -> list[int]:
    """Read `count` on page 0, then fetch every other offset in parallel."""
    first = api.get(path, params={"limit": limit}).json()
    offsets = range(limit, first["count"], limit)
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = pool.map(lambda offset: api.get(path, params={"limit": limit, "offset": offset}).json(), offsets)
        return [item["id"] for page in [first, *pages] for item in page["items"]]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("style", [by_offset, by_next, by_count])
def test_every_pagination_style_gives_every_id_once(api: httpx.Client, path: str, style: Any) -> None:
    count = api.get(path).json()["count"]
    ids = style(api, path, 50)
    assert len(ids) == len(set(ids)) == count
    assert ids == sorted(ids)


@pytest.mark.parametrize("path", LISTS)
def test_limit_is_clamped_and_next_absent_on_the_last_page(api: httpx.Client, path: str) -> None:
    page = api.get(path, params={"limit": 100000000}).json()
    assert page["limit"] == 50 and len(page["items"]) == 50
    assert parse_qs(urlsplit(page["next"]).query)["limit"] == ["50"]
    last = api.get(path, params={"limit": 50, "offset": page["count"] - 1}).json()
    assert len(last["items"]) == 1 and "next" not in last


def test_next_keeps_every_filter(api: httpx.Client) -> None:
    query = {"officeid": "1", "expand": "[variant]", "fields": "[quantity,variant]", "limit": "20"}
    page = api.get("/v1/stocks.json", params=query).json()
    while "next" in page:
        sent = parse_qs(urlsplit(page["next"]).query)
        assert {name: sent[name] for name in query} == {name: [value] for name, value in query.items()}
        page = api.get(page["next"]).json()
        assert all(set(item) == {"href", "quantity", "variant"} for item in page["items"])
        assert all("code" in item["variant"] for item in page["items"])


def test_fields_projection(api: httpx.Client) -> None:
    items = api.get("/v1/variants.json?fields=[description,barCode,code]&limit=3").json()["items"]
    assert [list(item) for item in items] == [["href", "description", "barCode", "code"]] * 3
    items = api.get("/v1/stocks.json?fields=[quantityavailable]&limit=2").json()["items"]
    assert [list(item) for item in items] == [["href", "quantityAvailable"]] * 2


@pytest.mark.parametrize(
    "expand", ["[variant,office]", "variant,office", '["variant","office"]', "%5Bvariant%2Coffice%5D"]
)
def test_expand_in_every_syntax(api: httpx.Client, expand: str) -> None:
    item = api.get(f"/v1/stocks.json?variantid=1&officeid=1&expand={expand}").json()["items"][0]
    assert item["variant"]["code"] and item["office"]["name"] == "Casa Matriz"


def test_expanded_sub_collection_is_cut_at_25_with_its_own_next(api: httpx.Client) -> None:
    reception = api.get("/v1/stocks/receptions/1.json?expand=[details]").json()
    nested = reception["details"]
    assert nested["limit"] == 25 and nested["offset"] == 0 and len(nested["items"]) == 25
    assert nested["count"] > 25
    ids = [item["id"] for item in nested["items"]]
    url = nested.get("next")
    while url:
        page = api.get(url).json()
        ids += [item["id"] for item in page["items"]]
        url = page.get("next")
    assert len(ids) == len(set(ids)) == nested["count"]
    short = api.get("/v1/variants/1.json?expand=[attribute_values]").json()["attribute_values"]
    assert short["count"] == len(short["items"]) == 1 and "next" not in short


@pytest.mark.parametrize("path", LISTS)
def test_unknown_parameters_and_camel_case_filters_are_ignored(api: httpx.Client, path: str) -> None:
    everything = api.get(path).json()
    ignored = api.get(path, params={"officeId": 2, "productId": 1, "foo": "bar"}).json()
    assert (ignored["count"], ignored["items"]) == (everything["count"], everything["items"])


@pytest.mark.parametrize("path", LISTS)
def test_top_level_ids_are_numbers_and_link_ids_strings(api: httpx.Client, path: str) -> None:
    for item in api.get(path).json()["items"]:
        assert isinstance(item["id"], int)
        related = [value for value in item.values() if isinstance(value, dict) and "id" in value]
        assert related and all(isinstance(value["id"], str) for value in related)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/variants.json?limit=3&expand=[product,attribute_values]",
        "/v1/stocks.json?limit=3&expand=[variant,office]",
        "/v1/variants.json?limit=2&offset=40",
        "/v1/stocks.json?limit=2&offset=100",
    ],
)
def test_every_href_is_on_the_mock_and_resolves(api: httpx.Client, server: Any, path: str) -> None:
    assert_every_url_resolves(api, server, path, at_least=6)
