"""Every documented endpoint of each country is served to a company there, docs/coverage.md says so,
and every path Bsale's webhooks name is served."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.routing import Match

from mockbsale import Engine, Settings
from mockbsale.app import create_app
from tests.coverage_table import concrete_path, document, documented_countries, served_endpoints

REFERENCED_ONLY = [
    "/documents/{id}.json",
    "/v2/products/{id}.json",
    "/v2/variants/{id}.json",
    "/v2/price_lists/{priceListId}/details.json",
    "/v2/stocks.json",
    "/v2/stocks/documents/{id}.json",
]


@pytest.mark.parametrize("country", documented_countries())
def test_every_documented_endpoint_of_each_country_is_served_there(country: str) -> None:
    assert [endpoint for endpoint, ok in served_endpoints(country).items() if not ok] == []


def test_peru_is_documented_and_its_own_endpoints_are_not_chile_s() -> None:
    assert {"CL", "PE"} <= set(documented_countries())
    assert served_endpoints("PE")["GET /v1/cpe_codes.json"]
    assert "GET /v1/dte_codes.json" not in served_endpoints("PE")


def test_docs_coverage_is_generated() -> None:
    assert (Path(__file__).parent.parent / "docs" / "coverage.md").read_text() == document()


def test_paths_named_by_webhooks_are_served() -> None:
    app = create_app(Engine(Settings(tokens=["tok"])))
    for template in REFERENCED_ONLY:
        scope = {"type": "http", "method": "GET", "path": concrete_path(template), "root_path": ""}
        assert any(route.matches(scope)[0] is Match.FULL for route in app.routes), template
