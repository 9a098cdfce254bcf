"""The inspector's data over real HTTP: the richer request journal, `/_mock/requests` tailing and
its bounds, redelivery, paused subscriptions, the WARNING of a failed delivery, the pages, the
plugin's failure report, and the journal's memory bound (issue 14, row 8)."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterator

import httpx
import orjson
import pytest

from mockbsale import MockServer
from mockbsale.http.journal import MAX_BODY_KEPT
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import TOKEN_A
from tests.test_cli import serve

pytest_plugins = ["pytester"]

SALE = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "details": [{"variantId": 1, "quantity": 1}]}


def journal(api: httpx.Client, **params: object) -> list[dict]:
    answer = api.get("/_mock/requests", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_an_entry_holds_time_headers_bodies_duration_and_events(api: httpx.Client) -> None:
    before = time.time()
    assert api.post("/v1/documents.json", json=SALE).status_code == 201
    [entry] = journal(api, cpnId=1)
    assert list(entry) == [
        "id", "time", "unix", "cpnId", "method", "path", "query", "headers", "body", "bodyTruncated", "status",
        "response", "responseTruncated", "error", "durationMs", "events", "fault",
    ]
    assert before - 1 <= entry["unix"] <= time.time() + 1
    assert entry["time"].endswith("Z") and entry["time"][:4] == time.strftime("%Y", time.gmtime(entry["unix"]))
    assert (entry["cpnId"], entry["method"], entry["path"]) == (1, "POST", "/v1/documents.json")
    assert entry["status"] == 201
    assert entry["body"] == SALE and entry["bodyTruncated"] is False
    document_id = entry["response"]["id"]
    assert entry["response"]["href"].endswith(f"/v1/documents/{document_id}.json")
    assert entry["error"] is None and entry["fault"] is None
    assert 0 < entry["durationMs"] < 10_000
    assert {"topic": "document", "action": "post", "resourceId": document_id} in entry["events"]
    assert {"topic": "stock", "action": "put", "resourceId": 1} in entry["events"]
    assert entry["headers"]["content-type"] == "application/json"


def test_the_token_is_never_kept_in_clear(api: httpx.Client) -> None:
    api.get("/v1/offices.json")
    api.get("/v1/offices.json", headers={"access_token": "not-a-token-at-all"})
    served = api.get("/_mock/requests").text
    assert TOKEN_A not in served and "not-a-token-at-all" not in served
    masked = [entry["headers"]["access_token"] for entry in journal(api)]
    assert masked == [f"{TOKEN_A[:4]}…({len(TOKEN_A)})", "not-…(18)"]


def test_an_error_answer_keeps_bsales_message(api: httpx.Client) -> None:
    api.get("/v1/products/999999.json")
    [entry] = journal(api, cpnId=1)
    assert (entry["status"], entry["error"], entry["response"]) == (404, entry["response"]["error"], entry["response"])
    assert entry["error"]


def test_bodies_longer_than_the_cap_are_cut_and_marked(api: httpx.Client) -> None:
    big = b'{"documentTypeId": 999, "note": "' + b"x" * (MAX_BODY_KEPT + 1000) + b'"}'
    assert api.post("/v1/documents.json", content=big).status_code == 400
    big_list = {"limit": 50, "expand": "[details,client,payments,references,document_taxes,sellers,office,user]"}
    api.get("/v1/documents.json", params=big_list)
    refused, listed = journal(api, cpnId=1)
    assert refused["bodyTruncated"] is True and isinstance(refused["body"], str)
    assert len(refused["body"].encode()) == MAX_BODY_KEPT
    whole = api.get("/v1/documents.json", params=big_list).content
    assert len(whole) > MAX_BODY_KEPT, "a list big enough to be cut"
    assert listed["responseTruncated"] is True and listed["response"] == whole[:MAX_BODY_KEPT].decode()


def test_since_tails_the_journal_and_status_and_limit_narrow_it(api: httpx.Client) -> None:
    for path in ("/v1/offices.json", "/v1/offices/999.json", "/v1/taxes.json", "/v1/nothing.json"):
        api.get(path)
    everything = journal(api)
    ids = [entry["id"] for entry in everything]
    assert ids == sorted(ids) and len(ids) == 4
    assert [e["path"] for e in journal(api, since=ids[1])] == ["/v1/taxes.json", "/v1/nothing.json"]
    assert journal(api, since=ids[-1]) == []
    assert [e["status"] for e in journal(api, status="4xx")] == [404, 404]
    assert [e["path"] for e in journal(api, status="200")] == ["/v1/offices.json", "/v1/taxes.json"]
    assert [e["id"] for e in journal(api, limit=2)] == ids[2:]
    assert [e["id"] for e in journal(api, since=0, limit=2)] == ids[:2]
    assert journal(api, limit=0) == []


def test_ids_keep_growing_after_a_clear_so_a_tail_never_repeats(api: httpx.Client) -> None:
    api.get("/v1/offices.json")
    [first] = journal(api)
    api.delete("/_mock/requests")
    api.get("/v1/offices.json")
    assert [entry["id"] for entry in journal(api, since=0)] == [first["id"] + 1]


def test_one_answer_is_bounded_in_bytes_and_paging_with_since_gets_the_rest(api: httpx.Client) -> None:
    body = orjson.dumps({"note": "y" * 60_000})
    for _ in range(80):
        api.post("/v1/clients.json", content=body)
    pages, since = [], 0
    while page := journal(api, since=since):
        pages.append(page)
        since = page[-1]["id"]
    assert len(pages) > 1 and all(len(orjson.dumps(page)) <= 4 * 1024 * 1024 for page in pages)
    assert sum(map(len, pages)) == 80
    newest = api.get("/_mock/requests")
    assert len(newest.content) <= 4 * 1024 * 1024 and newest.json()[-1]["id"] == since


def test_a_fault_is_journaled_with_its_answer(api: httpx.Client) -> None:
    api.post("/_mock/faults", json={"cpnId": 1, "kind": "429", "retry_after": 3, "times": 1})
    api.get("/v1/offices.json")
    [entry] = journal(api, cpnId=1)
    assert (entry["status"], entry["fault"], entry["response"]) == (
        429, "429", {"error": "Too many requests", "retry_after": 3}
    )


@pytest.fixture
def quick_api(server: MockServer, api: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> httpx.Client:
    """Company A's client on a mock retrying fast for this test: one retry, 10 ms later."""
    monkeypatch.setattr(server.engine.settings, "webhook_backoff", 0.01)
    monkeypatch.setattr(server.engine.settings, "webhook_retries", 1)
    return api


@pytest.fixture
def failing_hook(quick_api: httpx.Client) -> Iterator[Receiver]:
    """A receiver answering 500 to its first notification, subscribed to company 1's documents."""
    with Listener(Receiver(statuses=[500])) as running:
        quick_api.post("/_mock/webhooks/subscriptions", json={"url": running.url + "/hook", "topics": ["document"]})
        yield running.receiver


def drained(api: httpx.Client) -> list[dict]:
    assert api.post("/_mock/webhooks/drain", params={"timeout": 5}).json() == {"idle": True}
    return api.get("/_mock/webhooks/deliveries").json()["items"]


def test_a_delivery_can_be_sent_again(quick_api: httpx.Client, failing_hook: Receiver) -> None:
    quick_api.post("/v1/documents.json", json=SALE)
    [delivered] = drained(quick_api)
    assert delivered["state"] == "delivered" and [a["status"] for a in delivered["attempts"]] == [500, 200]
    again = quick_api.post(f"/_mock/webhooks/deliveries/{delivered['id']}/redeliver")
    assert again.status_code == 201 and again.json()["payload"] == delivered["payload"]
    newest = drained(quick_api)[0]
    assert (newest["id"], newest["state"], newest["url"]) == (again.json()["id"], "delivered", delivered["url"])
    assert len(failing_hook.payloads) == 2
    assert quick_api.post("/_mock/webhooks/deliveries/999/redeliver").status_code == 404


def test_a_paused_subscription_is_sent_nothing(quick_api: httpx.Client, failing_hook: Receiver) -> None:
    [subscription] = quick_api.get("/_mock/webhooks/subscriptions", params={"cpnId": 1}).json()
    path = f"/_mock/webhooks/subscriptions/{subscription['id']}"
    assert quick_api.put(path, json={"paused": True}).json()["paused"] is True
    quick_api.post("/v1/documents.json", json=SALE)
    assert drained(quick_api) == []
    assert quick_api.put(path, json={"paused": "yes"}).status_code == 400
    assert quick_api.put(path, json={"paused": False}).json()["paused"] is False
    quick_api.post("/v1/documents.json", json=SALE)
    assert len(drained(quick_api)) == 1


def test_a_delivery_that_finally_fails_logs_a_warning(
    quick_api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    quick_api.post("/_mock/webhooks/subscriptions", json={"url": "http://127.0.0.1:9/gone", "topics": ["document"]})
    with caplog.at_level(logging.WARNING, logger="mockbsale"):
        quick_api.post("/v1/documents.json", json=SALE)
        [failed] = drained(quick_api)
    assert failed["state"] == "failed"
    [warning] = [record for record in caplog.records if record.name == "mockbsale.webhooks"]
    assert warning.levelno == logging.WARNING
    assert warning.getMessage().startswith(f"webhook #{failed['id']} document failed after 2 attempt(s): ")
    assert warning.getMessage().endswith(" to http://127.0.0.1:9/gone")


def test_serve_logs_each_request_with_its_duration_and_a_failed_delivery() -> None:
    log: list[str] = []
    gone = "http://127.0.0.1:9/gone"
    flags = ("--port", "0", "--token", "t1", "--log-level", "info", "--webhook-url", gone, "--webhook-retries", "0")
    with serve(*flags, log=log) as (url, banner), httpx.Client(base_url=url, headers={"access_token": "t1"}) as client:
        assert f"inspector (requests, webhooks, trigger, state): {url}/_mock/" in banner
        assert client.get("/v1/offices.json", params={"limit": 1}).status_code == 200
        assert client.post("/v1/documents.json", json=SALE).status_code == 201
        assert client.post("/_mock/webhooks/drain", params={"timeout": 5}).json() == {"idle": True}
    [output] = log
    assert re.search(r"INFO mockbsale.requests: 127.0.0.1 cpn 1 GET /v1/offices.json\?limit=1 -> 200 \(\d+\.\d ms\)",
                     output), output
    assert re.search(r"mockbsale.requests: 127.0.0.1 POST /_mock/webhooks/drain\?timeout=5 -> 200", output), output
    assert re.search(rf"WARNING mockbsale.webhooks: webhook #\d+ document failed after 1 attempt\(s\): .* to {gone}",
                     output), output


def test_the_root_redirects_to_the_inspector_which_ships_its_assets(api: httpx.Client) -> None:
    root = api.get("/", follow_redirects=False)
    assert (root.status_code, root.headers["location"]) == (307, "/_mock/")
    page = api.get("/_mock/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset, media in (("inspector.css", "text/css"), ("inspector.js", "text/javascript")):
        assert f"/_mock/static/{asset}" in page.text
        served = api.get(f"/_mock/static/{asset}")
        assert served.status_code == 200 and served.headers["content-type"].startswith(media)
    links = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert links and all(link.startswith(("/", "#", "?", "data:")) for link in links), "nothing from another host"
    assert api.get("/_mock/static/../app.py").status_code == 404
    assert api.get("/_mock/inspector/requests").status_code == 200
    assert journal(api) == [], "the inspector's own requests are not API requests"


def test_the_page_speaks_spanish_when_asked(api: httpx.Client) -> None:
    assert '<html lang="es">' in api.get("/_mock/?lang=es").text
    assert "Solicitudes" in api.get("/_mock/", headers={"accept-language": "es-CL,es;q=0.9"}).text
    assert "Requests" in api.get("/_mock/?lang=en", headers={"accept-language": "es-CL"}).text


def test_the_page_escapes_what_clients_send(api: httpx.Client) -> None:
    api.post("/v1/documents.json", json={"note": "<script>alert(1)</script>"},
             headers={"user-agent": "<img src=x onerror=alert(2)>"})
    [entry] = journal(api)
    detail = api.get(f"/_mock/inspector/requests/{entry['id']}").text
    assert "<script>" not in detail and "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "<img" not in detail and "&lt;img src=x onerror=alert(2)&gt;" in detail


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_refused_big_bodies_do_not_grow_memory(server: MockServer, api: httpx.Client) -> None:
    """Issue 14, row 8: 300 refused bodies of ~64 KiB; the journal stays within its bytes."""
    journal_ = server.engine.journal
    budget = 2 * 1024 * 1024
    server.call(setattr, journal_, "max_bytes", budget)
    body = orjson.dumps({"documentTypeId": 1, "details": [{"comment": "z" * 100, "quantity": -1}] * 500})
    assert 60 * 1024 < len(body) < 70 * 1024
    try:
        sizes = []
        for round_ in range(3):
            for _ in range(100):
                assert api.post("/v1/documents.json", content=body).status_code == 400
            sizes.append(rss_bytes())
            assert server.call(lambda: journal_.bytes) <= budget, round_
        assert server.call(len, journal_) < 300
        assert sizes[-1] - sizes[0] < 32 * 1024 * 1024, f"RSS grew {(sizes[-1] - sizes[0]) >> 20} MB"
    finally:
        server.call(setattr, journal_, "max_bytes", type(journal_)().max_bytes)


@pytest.mark.long
def test_the_journals_byte_count_is_what_it_costs(server: MockServer, api: httpx.Client) -> None:
    """Small answers are kept at their size (orjson's 8 KiB buffers are not kept alive)."""
    journal_ = server.engine.journal
    budget = 3 * 1024 * 1024
    server.call(setattr, journal_, "max_bytes", budget)
    try:
        for _ in range(200):
            api.get("/v1/variants/1.json")
        before = rss_bytes()
        for _ in range(4000):
            api.get("/v1/variants/1.json")
        grown = rss_bytes() - before
        assert server.call(lambda: journal_.bytes) <= budget
        assert grown < 3 * budget, f"RSS grew {grown >> 20} MB for a journal of {budget >> 20} MiB"
    finally:
        server.call(setattr, journal_, "max_bytes", type(journal_)().max_bytes)


def test_a_failing_test_reports_the_requests_its_app_made(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_sale(bsale):
            bsale.client.get("/v1/offices.json")
            bsale.client.post("/v1/documents.json", json={"documentTypeId": 999, "details": []})
            assert False, "my app broke"

        def test_fine(bsale):
            bsale.client.get("/v1/taxes.json")
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    output = result.stdout.str()
    assert "mockbsale: requests the app made" in output
    result.stdout.fnmatch_lines([
        "*the last 2 of 2 requests*/_mock/requests*/_mock/*",
        "*cpn 1 GET /v1/offices.json -> 200 (*ms)",
        "*cpn 1 POST /v1/documents.json -> 400 (*ms) *",
        '*body: {"documentTypeId":999,"details":[]}',
    ])
    assert "/v1/taxes.json" not in output
