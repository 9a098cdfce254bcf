"""How a list reads its query string, as a client sees it: `limit` and `offset` in every odd spelling
(read as Rails' `to_i` reads them: the leading integer), the last page's `next`, empty filter
values, and empty items in an `expand` or `fields` list."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.test_conventions import by_next

VARIANTS = "/v1/variants.json"
MAX_OFFSET = 2**31 - 1


def all_ids(api: httpx.Client) -> list[int]:
    """Every variant id, following `next` from a first page of 50."""
    return by_next(api, VARIANTS, 50)


@pytest.mark.parametrize(
    ("limit", "applied"),
    [("0", 25), ("-3", 25), ("2.7", 2), ("10.0", 10), ("1e2", 1), ("1e400", 1), ("inf", 25), ("nan", 25),
     ("abc", 25), (" 7", 7), ("+4", 4), ("1_0", 10), ("", 25), ("100", 50), ("9" * 30, 50), ("-" + "9" * 30, 25)],
)
def test_limit_is_its_leading_integer_clamped_to_1_50(api: httpx.Client, limit: str, applied: int) -> None:
    page = api.get(VARIANTS, params={"limit": limit}).json()
    assert (page["limit"], page["offset"]) == (applied, 0)
    assert [item["id"] for item in page["items"]] == all_ids(api)[:applied]


@pytest.mark.parametrize(
    ("offset", "applied"),
    [("0", 0), ("-5", 0), ("2.9", 2), ("1e3", 1), ("abc", 0), ("", 0), ("7", 7), ("9" * 30, MAX_OFFSET),
     (str(MAX_OFFSET + 1), MAX_OFFSET), ("-" + "9" * 30, 0)],
)
def test_offset_is_its_leading_integer_never_negative(api: httpx.Client, offset: str, applied: int) -> None:
    page = api.get(VARIANTS, params={"limit": 5, "offset": offset}).json()
    assert (page["limit"], page["offset"]) == (5, applied)
    assert [item["id"] for item in page["items"]] == all_ids(api)[applied : applied + 5]


@pytest.mark.parametrize("path", [VARIANTS, "/v1/stocks.json", "/v1/products.json", "/v1/documents.json"])
def test_a_last_page_exactly_full_has_no_next(api: httpx.Client, path: str) -> None:
    count = api.get(path).json()["count"]
    limit = 7
    full_last = api.get(path, params={"limit": limit, "offset": count - limit}).json()
    assert len(full_last["items"]) == limit and "next" not in full_last
    one_more = api.get(path, params={"limit": limit, "offset": count - limit - 1}).json()
    assert len(one_more["items"]) == limit
    assert parse_qs(urlsplit(one_more["next"]).query)["offset"] == [str(count - 1)]
    assert "next" not in api.get(path, params={"limit": limit, "offset": count}).json()


def test_paging_by_next_with_a_limit_dividing_the_count_asks_no_empty_page(api: httpx.Client) -> None:
    count = api.get(VARIANTS).json()["count"]
    limit = next(n for n in range(50, 1, -1) if count % n == 0)
    pages, url = [], f"{VARIANTS}?limit={limit}"
    while url:
        page = api.get(url).json()
        pages.append(len(page["items"]))
        url = page.get("next")
    assert pages == [limit] * (count // limit), f"count {count}, limit {limit}: page sizes {pages}"


@pytest.mark.parametrize("name", ["code", "barcode", "productid", "state", "name"])
def test_an_empty_filter_value_is_ignored(api: httpx.Client, name: str) -> None:
    everything = api.get(VARIANTS, params={"limit": 50}).json()
    empty = api.get(VARIANTS, params={name: "", "limit": 50}).json()
    assert (empty["count"], empty["items"]) == (everything["count"], everything["items"])
    assert "next" in empty and parse_qs(urlsplit(empty["next"]).query, keep_blank_values=True)[name] == [""]


def test_a_filter_value_is_applied(api: httpx.Client) -> None:
    first = api.get(VARIANTS, params={"limit": 1}).json()["items"][0]
    found = api.get(VARIANTS, params={"code": first["code"]}).json()
    assert found["count"] >= 1 and all(item["code"] == first["code"] for item in found["items"])
    assert api.get(VARIANTS, params={"code": "NO-SUCH-SKU"}).json()["count"] == 0


@pytest.mark.parametrize("expand", ['["variant","","office"]', '["", "variant", " ", "office"]', "[variant,,office,]",
                                    ",variant,office", '[variant,"",office]'])
def test_empty_items_of_an_expand_list_are_dropped(api: httpx.Client, expand: str) -> None:
    plain = api.get("/v1/stocks.json", params={"limit": 2, "expand": "[variant,office]"}).json()
    odd = api.get("/v1/stocks.json", params={"limit": 2, "expand": expand}).json()
    assert odd["items"] == plain["items"]
    assert all(item["variant"]["code"] and item["office"]["name"] for item in odd["items"])


@pytest.mark.parametrize("fields", ['["code","",""]', "[code,,]", "[,code]"])
def test_empty_items_of_a_fields_list_are_dropped(api: httpx.Client, fields: str) -> None:
    items = api.get(VARIANTS, params={"limit": 2, "fields": fields}).json()["items"]
    assert [list(item) for item in items] == [["href", "code"]] * 2


def codes(api: httpx.Client, value: str) -> list[str]:
    return sorted(item["code"] for item in api.get(VARIANTS, params={"code": value}).json()["items"])


def test_a_json_list_keeps_commas_and_escapes_inside_its_strings(api: httpx.Client) -> None:
    product_id = int(api.get("/v1/variants/1.json").json()["product"]["id"])
    for code in ("XS,2X", "X2X", "XX"):
        assert api.post(VARIANTS, json={"productId": product_id, "code": code}).status_code == 201
    assert codes(api, '["XS,2X"]') == ["XS,2X"]
    assert codes(api, '["X\\u0032X"]') == ["X2X"]
    assert codes(api, '["X2X", "XS,2X"]') == ["X2X", "XS,2X"]
    assert codes(api, "[X2X,'XS,2X']") == ["X2X"], "outside JSON a comma always separates"
    assert codes(api, "[XX]") == codes(api, "XX") == ["XX"]
    assert codes(api, "X2X") == codes(api, "[X2X]") == codes(api, "[X2X") == codes(api, "['X2X' ]") == ["X2X"]


def stock_pairs(api: httpx.Client, **params: object) -> list[tuple[str, str]]:
    items = api.get("/v1/stocks.json", params={"limit": 50, **params}).json()["items"]
    return [(item["variant"]["id"], item["office"]["id"]) for item in items]


def test_filters_combine_as_and(api: httpx.Client) -> None:
    assert stock_pairs(api, variantid=2) == [("2", "1"), ("2", "2"), ("2", "3")]
    assert stock_pairs(api, variantid=2, officeid=3) == [("2", "3")]
    assert stock_pairs(api, variantid="[3,2]", officeid=1) == [("2", "1"), ("3", "1")]
    code = api.get("/v1/variants/3.json").json()["code"]
    assert stock_pairs(api, code=code, officeid=2, variantid="[2,3]") == [("3", "2")]
    assert stock_pairs(api, code=code, variantid=2) == []
    variant = api.get("/v1/variants/3.json").json()
    found = api.get(VARIANTS, params={"productid": variant["product"]["id"], "code": variant["code"]}).json()
    assert [item["id"] for item in found["items"]] == [3]


def test_a_filtered_list_pages_and_counts_its_matches(api: httpx.Client) -> None:
    listed = api.get("/v1/stocks.json", params={"officeid": 1, "limit": 50}).json()["items"]
    everything = [item["id"] for item in listed]
    page = api.get("/v1/stocks.json", params={"officeid": 1, "limit": 5, "offset": 3}).json()
    assert [item["id"] for item in page["items"]] == everything[3:8]
    assert page["count"] == api.get("/v1/stocks.json").json()["count"] // 3 > len(everything)
    product_id = api.get("/v1/variants/3.json").json()["product"]["id"]
    listed = api.get(VARIANTS, params={"productid": product_id}).json()["count"]
    assert api.get("/v1/variants/count.json", params={"productid": product_id}).json() == {"count": listed}
    assert api.get("/v1/variants/count.json").json() == {"count": api.get(VARIANTS).json()["count"]}
    assert api.get("/v1/variants/count.json", params={"productid": 99999}).json() == {"count": 0}


def test_a_date_range_ignores_empty_items(api: httpx.Client) -> None:
    dates = sorted(item["emissionDate"] for item in api.get("/v1/documents.json", params={"limit": 50}).json()["items"])
    low, high = dates[1], dates[-2]
    within = sum(low // 86400 <= date // 86400 <= high // 86400 for date in dates)
    for spelling in (f"[{low},{high}]", f'["{low}", "", "{high}"]', f"[{low},,{high}]", f"[{low},'',{high}]"):
        found = api.get("/v1/documents.json", params={"emissiondaterange": spelling, "limit": 50}).json()
        assert found["count"] == within, spelling


def ids(api: httpx.Client, path: str, **params: object) -> list[int]:
    return [item["id"] for item in api.get(path, params={"limit": 50, **params}).json()["items"]]


def test_each_kind_of_filter_reads_its_values(api: httpx.Client) -> None:
    coins = ids(api, "/v1/coins.json")
    default = ids(api, "/v1/coins.json", default="true")
    assert len(default) == 1 and ids(api, "/v1/coins.json", default="TRUE") == ids(api, "/v1/coins.json", default=1)
    assert sorted(default + ids(api, "/v1/coins.json", default="false")) == coins
    assert ids(api, "/v1/coins.json", default="maybe") == []
    iva = ids(api, "/v1/taxes.json", percentage="19")
    assert iva == [1] == ids(api, "/v1/taxes.json", percentage="19.0")
    assert ids(api, "/v1/taxes.json", percentage="[19,x]") == [1]
    assert ids(api, "/v1/taxes.json", percentage="abc") == [] == ids(api, "/v1/stocks.json", variantid="abc")
    assert ids(api, VARIANTS, productid="1.0") == ids(api, VARIANTS, productid=1) != []


def test_a_date_filter_matches_its_utc_day_in_seconds_or_milliseconds(api: httpx.Client) -> None:
    documents = api.get("/v1/documents.json", params={"limit": 50}).json()["items"]
    day = documents[0]["emissionDate"] // 86400
    same_day = [d["id"] for d in documents if d["emissionDate"] // 86400 == day]
    for value in (day * 86400, day * 86400 + 86399, (day * 86400 + 43200) * 1000, f"[{day * 86400},x]"):
        assert ids(api, "/v1/documents.json", emissiondate=value) == same_day, value
    assert ids(api, "/v1/documents.json", emissiondate=day * 86400 - 1) != same_day
    assert ids(api, "/v1/documents.json", emissiondate="abc") == []
    total = documents[0]["totalAmount"]
    assert documents[0]["id"] in ids(api, "/v1/documents.json", totalamount=f"{total:.1f}")
    assert ids(api, "/v1/documents.json", totalamount=total + 0.5) == []


def test_a_filter_through_another_table(api: httpx.Client) -> None:
    """Stocks by their variant's `code`; documents by the id of one of their details (`via_key`)."""
    variant = api.get("/v1/variants/3.json").json()
    assert {pair[0] for pair in stock_pairs(api, code=variant["code"])} == {"3"}
    document = api.get("/v1/documents/2.json").json()
    detail_id = api.get(document["details"]["href"]).json()["items"][0]["id"]
    assert ids(api, "/v1/documents.json", detailid=detail_id) == [2]
    assert ids(api, "/v1/documents.json", detailid=f"[{detail_id},999999]") == [2]
    assert ids(api, "/v1/documents.json", detailid=999999) == []


def test_unreadable_items_of_a_filter_are_skipped_and_a_bad_range_matches_nothing(api: httpx.Client) -> None:
    assert stock_pairs(api, variantid="[abc,2]", officeid=1) == [("2", "1")]
    for spelling in ("[abc,def]", "[abc,1700000000]", "[1700000000,abc]", "[1700000000]", "[1,2,3]"):
        found = api.get("/v1/documents.json", params={"emissiondaterange": spelling})
        assert (found.status_code, found.json()["count"]) == (200, 0), spelling
