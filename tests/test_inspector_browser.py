"""The inspector used as a person would: a real mock, real API requests and a webhook delivery,
then headless Chromium (Debian's `chromium`, driven by Playwright) clicking through the page.

`MOCKBSALE_SCREENSHOT=docs/inspector.png` also saves the README's screenshot (1280 px wide).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mockbsale import MockServer, Settings
from mockbsale.resources.registry import REGISTRY
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import TOKEN_A, TOKEN_B

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WAIT_MS = 10_000
SALE = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "details": [{"variantId": 1, "quantity": 2}]}

expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def mock() -> Iterator[MockServer]:
    settings = Settings(port=0, tokens=[TOKEN_A, TOKEN_B], webhook_backoff=0.01, webhook_retries=2)
    with MockServer(settings) as live:
        yield live


@pytest.fixture
def receiver() -> Iterator[Listener]:
    """A shop's webhook endpoint that answers 500 to its first notification, then 200."""
    with Listener(Receiver(statuses=[500])) as running:
        yield running


@pytest.fixture
def healthy() -> Iterator[Listener]:
    """Another endpoint, answering 200 to everything."""
    with Listener(Receiver()) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    yield opened
    context.close()


def broken(ctx: object, body: object) -> None:
    raise RuntimeError("a bug in the mock")


def app_traffic(
    mock: MockServer, receiver: Listener, healthy: Listener, monkeypatch: pytest.MonkeyPatch
) -> httpx.Client:
    """What an integration does: subscribe, read, sell, send a bad document, meet a 429 and a bug of
    the mock (its office POST raises); the sale's notification fails once and is retried."""
    client = httpx.Client(base_url=mock.url, headers={"access_token": TOKEN_A}, timeout=10)
    client.post("/_mock/webhooks/subscriptions", json={"url": receiver.url + "/bsale/webhook?secret=s3",
                                                       "topics": ["document"]})
    client.post("/_mock/webhooks/subscriptions", json={"url": healthy.url + "/stock", "topics": ["stock"]})
    assert client.get("/v1/offices.json", params={"limit": 2}).status_code == 200
    assert client.get("/v1/variants.json", params={"code": "POL-001-M", "expand": "[product]"}).status_code == 200
    assert client.post("/v1/documents.json", json=SALE).status_code == 201
    assert client.post("/v1/documents.json", json={**SALE, "documentTypeId": 999}).status_code == 400
    assert client.get("/v1/products/99999.json").status_code == 404
    client.post("/_mock/faults", json={"cpnId": 1, "kind": "429", "retry_after": 2, "times": 1})
    assert client.get("/v2/stocks.json", params={"variant": 1, "office": 1}).status_code == 429
    assert client.get("/v2/stocks.json", params={"variant": 1, "office": 1}).status_code == 200
    monkeypatch.setattr(REGISTRY["offices"], "post", broken)
    assert client.post("/v1/offices.json", json={"name": "Sucursal Norte"}).status_code == 500
    monkeypatch.undo()
    mock.call(mock.engine.server_errors.clear)
    assert client.post("/_mock/webhooks/drain", params={"timeout": 5}).json() == {"idle": True}
    return client


def test_the_inspector_shows_requests_and_deliveries_and_drives_the_mock(
    mock: MockServer, receiver: Listener, healthy: Listener, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = app_traffic(mock, receiver, healthy, monkeypatch)
    page.goto(mock.url + "/")
    assert page.url == mock.url + "/_mock/"
    expect(page.get_by_role("heading", name="Requests")).to_be_visible()

    rows = page.locator("#requests li.req")
    expect(rows).to_have_count(8)
    bug = rows.filter(has=page.locator(".status", has_text="500"))
    expect(bug).to_have_class("req c5xx bug")
    bug.locator("summary").click()
    expect(bug.locator(".detail .note.bug")).to_have_text("500: a bug of the mock, please report it")
    expect(bug.locator(".detail")).to_contain_text('"name": "Sucursal Norte"')
    bug.locator("summary").click()
    refused = rows.filter(has_text="/v1/documents.json").filter(has=page.locator(".status", has_text="400"))
    expect(refused).to_have_count(1)
    refused.locator("summary").click()
    detail = refused.locator(".detail")
    expect(detail).to_contain_text("Request body")
    expect(detail).to_contain_text('"documentTypeId": 999')
    expect(detail).to_contain_text("Response body")
    expect(detail).to_contain_text("Bsale error")
    expect(detail.locator("dd", has_text="…(")).to_have_count(1)
    assert TOKEN_A not in page.locator("#requests").inner_html(), "the journal masks tokens"
    limited = rows.filter(has_text="/v2/stocks.json").filter(has=page.locator(".status", has_text="429"))
    expect(limited.locator(".tag.fault")).to_have_text("429")

    filters = page.get_by_role("search")
    filters.get_by_label("Status").select_option("4xx")
    expect(rows.locator("visible=true")).to_have_count(3)
    filters.get_by_label("Status").select_option("")
    filters.get_by_label("Path contains").fill("stocks")
    expect(rows.locator("visible=true")).to_have_count(2)
    filters.get_by_label("Path contains").fill("")

    assert client.get("/v1/taxes.json").status_code == 200
    expect(rows.first).to_contain_text("/v1/taxes.json")

    deliveries = page.locator("#webhooks li.delivery")
    sale = deliveries.filter(has_text="document/post")
    expect(sale).to_have_count(1)
    expect(sale.locator(".state")).to_have_text("delivered")
    sale.locator("summary").click()
    attempts = sale.locator("table.attempts tbody tr")
    expect(attempts).to_have_count(2)
    expect(attempts.nth(0)).to_contain_text("500")
    expect(attempts.nth(1)).to_contain_text("200")
    expect(sale).to_contain_text(receiver.url + "/bsale/webhook?secret=s3")
    if os.environ.get("MOCKBSALE_SCREENSHOT"):
        refused.locator("summary").click()
        rows.filter(has_text="POST").filter(has=page.locator(".status", has_text="201")).locator("summary").click()
        page.wait_for_timeout(300)
        page.screenshot(path=os.environ["MOCKBSALE_SCREENSHOT"])
    before = deliveries.count()
    sale.get_by_role("button", name="Deliver again").click()
    expect(deliveries).to_have_count(before + 1)
    expect(deliveries.first.locator(".state")).to_have_text("delivered")
    assert len(receiver.receiver.payloads) == 2, "the sale accepted once, then once more"

    page.get_by_role("button", name="stock put").click()
    expect(page.locator("#trigger-result")).to_contain_text('"topic": "stock"')
    expect(deliveries).to_have_count(before + 2)

    subscription = page.locator("#webhooks li.subscription").first
    subscription.get_by_role("button", name="Pause").click()
    expect(subscription).to_contain_text("paused")
    adding = page.locator("#subscribe-form")
    adding.get_by_label("URL").fill(healthy.url + "/prices")
    adding.get_by_label("Topics").fill("price")
    adding.get_by_role("button", name="Add").click()
    added = page.locator("#webhooks li.subscription", has_text=healthy.url + "/prices")
    expect(added).to_contain_text("price · post, put · active")
    added.get_by_role("button", name="Remove").click()
    expect(added).to_have_count(0)

    page.get_by_role("button", name="Reset every company").click()
    expect(rows).to_have_count(0)
    expect(page.locator("#no-requests")).to_be_visible()
    expect(page.locator("#webhooks")).to_contain_text("No notifications sent yet.")
    expect(page.locator("#webhooks")).to_contain_text("No subscriptions.")
    assert client.get("/_mock/webhooks/subscriptions").json() == []
    assert client.get("/_mock/requests").json() == []
    client.close()


def test_the_state_panel_switches_faults_and_the_rate_limit(mock: MockServer, page: Page) -> None:
    page.goto(mock.url + "/_mock/")
    state = page.locator("#state")
    expect(state.locator("table.companies tbody tr")).to_have_count(2)
    expect(state).to_contain_text(TOKEN_B)
    form = page.locator("#fault-form")
    form.get_by_label("Kind").select_option("503")
    form.get_by_label("Rate (0..1)").fill("0.5")
    form.get_by_role("button", name="Turn on").click()
    expect(state.locator("ul.faults li")).to_have_count(2)
    assert list(mock.call(mock.engine.faults.describe)["companies"]) == ["1", "2"]
    page.get_by_role("button", name="Turn every fault off").click()
    expect(state).to_contain_text("No faults on.")
    rate = page.locator("#rate-limit-form")
    rate.get_by_label("Limit (0: off)").fill("100")
    rate.get_by_label("Window (s)").fill("10")
    rate.get_by_role("button", name="Apply").click()
    expect(page.locator("#rate-limit-now")).to_have_text("100 requests per 10 s")
    rate.get_by_label("Limit (0: off)").fill("-1")
    rate.get_by_role("button", name="Apply").click()
    expect(page.locator("#notice")).to_contain_text("The mock refused: 400")
    expect(page.get_by_role("link", name="Download the snapshot")).to_have_attribute("href", "/_mock/snapshot")


def test_the_page_reads_in_spanish_and_works_with_the_keyboard(mock: MockServer, page: Page) -> None:
    httpx.get(mock.url + "/v1/offices.json", headers={"access_token": TOKEN_A})
    page.goto(mock.url + "/_mock/?lang=es")
    expect(page.get_by_role("heading", name="Solicitudes")).to_be_visible()
    expect(page.get_by_role("button", name="Reiniciar todas las empresas")).to_be_visible()
    row = page.locator("#requests li.req summary").first
    row.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#requests li.req .detail")).to_contain_text("Cuerpo de la respuesta")
    page.get_by_role("link", name="EN").click()
    expect(page.get_by_role("heading", name="Requests")).to_be_visible()
