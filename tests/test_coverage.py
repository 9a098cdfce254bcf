"""Every documented CL endpoint, and every path Bsale's webhooks name, is served by a route."""

from __future__ import annotations

from starlette.routing import Match

from mockbsale import Engine, Settings
from mockbsale.app import create_app
from tests.coverage_table import concrete_path, served_endpoints

REFERENCED_ONLY = [
    "/documents/{id}.json",
    "/v2/products/{id}.json",
    "/v2/variants/{id}.json",
    "/v2/price_lists/{priceListId}/details.json",
    "/v2/stocks.json",
    "/v2/stocks/documents/{id}.json",
]


def test_every_documented_cl_endpoint_is_served() -> None:
    assert [endpoint for endpoint, ok in served_endpoints().items() if not ok] == []


def test_paths_named_by_webhooks_are_served() -> None:
    app = create_app(Engine(Settings(tokens=["tok"])))
    for template in REFERENCED_ONLY:
        scope = {"type": "http", "method": "GET", "path": concrete_path(template), "root_path": ""}
        assert any(route.matches(scope)[0] is Match.FULL for route in app.routes), template
