"""`mockbsale import` against a mock as the source: the data set it writes, served by a second mock,
answers the same lists; it honours 429/Retry-After and Bsale's pace, resumes, and never writes the
source token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.cli import main
from mockbsale.dataset.importer import FetchedPages, Pacer, SourceApi, import_data_set

SOURCE_TOKEN = "0123456789abcdef0123456789abcdef01234567"
LISTS = [
    "/v1/offices.json", "/v1/coins.json", "/v1/sale_conditions.json", "/v1/book_types.json", "/v1/taxes.json",
    "/v1/document_types.json", "/v1/payment_types.json", "/v1/price_lists.json", "/v1/price_lists/1/details.json",
    "/v1/price_lists/2/details.json", "/v1/product_types.json", "/v1/product_types/1/attributes.json",
    "/v1/products.json", "/v1/products/1/product_taxes.json", "/v1/variants.json",
    "/v1/variants/1/attribute_values.json", "/v1/stocks.json", "/v1/clients.json", "/v1/clients/1/contacts.json",
    "/v1/clients/1/addresses.json", "/v1/users.json", "/v1/documents.json", "/v1/documents/3/details.json",
    "/v1/payments.json", "/v1/payment_types/2/dynamic_attributes.json", "/v1/dynamic_attributes.json",
    "/v1/dynamic_attributes/5/details.json",
]
EVERY_DAY = ["--days", "5000"]
"""Days enough to reach the seeded history (2023)."""


@pytest.fixture(scope="module")
def source() -> Iterator[MockServer]:
    with MockServer(Settings(port=0, tokens=[SOURCE_TOKEN], seed=5)) as live:
        yield live


@pytest.fixture
def clean_source(source: MockServer) -> MockServer:
    source.call(source.engine.reset)
    return source


def every_item(url: str, token: str, path: str) -> str:
    """Every item of a list, paged, as JSON text with the server's own base URL taken out."""
    items: list[Any] = []
    with httpx.Client(base_url=url, headers={"access_token": token}, timeout=10) as client:
        while True:
            page = client.get(path, params={"limit": 50, "offset": len(items)}).json()
            items += page["items"]
            if len(items) >= page["count"] or not page["items"]:
                return json.dumps(items).replace(url, "BASE")


def run_import(source: MockServer, output: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["import", "--from", source.url, "--token", SOURCE_TOKEN, "-o", str(output), *extra])
    return code, capsys.readouterr().err


@pytest.mark.long
def test_the_copy_answers_the_same_lists(clean_source: MockServer, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = clean_source
    output = tmp_path / "copy.json"
    code, err = run_import(source, output, capsys, *EVERY_DAY)
    assert code == 0, err
    token = err.split("its access token: ")[1].split(")")[0]
    assert token != SOURCE_TOKEN and len(token) == 40
    assert SOURCE_TOKEN not in output.read_text()
    assert [path.name for path in tmp_path.iterdir()] == ["copy.json"], "the pages kept for a resume were left behind"
    with MockServer(Settings(port=0, fixtures=str(output))) as copy:
        for path in LISTS:
            original = every_item(source.url, SOURCE_TOKEN, path)
            assert json.loads(original), f"{path}: the source list is empty, the comparison proves nothing"
            assert every_item(copy.url, token, path) == original, path


def test_a_429_is_waited_out_for_its_retry_after(clean_source: MockServer, tmp_path: Path) -> None:
    source = clean_source
    source.call(lambda: source.engine.faults.set(1, "429", after=3, times=2, retry_after=7))
    waits: list[float] = []
    api = SourceApi(source.url, SOURCE_TOKEN, sleep=waits.append)
    document = import_data_set(api, FetchedPages(tmp_path / "journal", api.url, 0), days=0, bars=False)
    api.close()
    assert waits == [7.0, 7.0]
    statuses = [(entry.path, entry.status) for entry in source.engine.journal.entries(1)]
    path = statuses[3][0]
    assert statuses[3:6] == [(path, 429), (path, 429), (path, 200)], "the refused request was not asked again"
    assert [status for _, status in statuses].count(429) == 2
    assert document["companies"][0]["tables"]["offices"]["rows"]


def test_the_pace_is_bsales_3000_requests_per_300_seconds() -> None:
    waits: list[float] = []
    pacer = Pacer(sleep=waits.append)
    assert (pacer.limit, pacer.window) == (3000, 300)
    small = Pacer(limit=3, window=300, sleep=waits.append)
    for _ in range(4):
        small.wait()
    assert len(waits) == 1 and 299 < waits[0] <= 300


def test_an_interrupted_import_resumes_where_it_stopped(clean_source: MockServer, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    source = clean_source
    output = tmp_path / "copy.json"
    source.call(lambda: source.engine.faults.set(1, "401", after=12))
    code, err = run_import(source, output, capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "import stopped" in err and "answered 401" in err and "the same command resumes it" in err
    partial = tmp_path / "copy.json.partial"
    assert not output.exists() and len(partial.read_text().splitlines()) == 12
    assert SOURCE_TOKEN not in partial.read_text()
    source.call(lambda: source.engine.faults.clear())
    before = len(source.engine.journal.entries(1))
    code, err = run_import(source, output, capsys)
    assert code == 0 and "resuming: 11 pages were already fetched" in err, err
    second_run = len(source.engine.journal.entries(1)) - before
    full = tmp_path / "full.json"
    code, err = run_import(source, full, capsys)
    assert code == 0
    assert second_run == len(source.engine.journal.entries(1)) - before - second_run - 11
    resumed, fresh = json.loads(output.read_text()), json.loads(full.read_text())
    assert resumed["companies"][0]["tables"] == fresh["companies"][0]["tables"]
