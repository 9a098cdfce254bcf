"""Hardening of the API (issue 14, rows 1-4 and 7): absurd numbers and ids answer Bsale's 4xx with
nothing written, a write that fails half way changes nothing, a huge body is cut at the cap."""

from __future__ import annotations

import contextlib
import http.client
import select
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import TOKEN_A, snapshot
from tests.test_documents import CLIENT, details_of, sell

DOCUMENTS = "/v1/documents.json"
DECIMAL = '"{name}" is out of range for ActiveRecord::Type::Decimal'
PERCENTAGE = "Invalid percentage, negative values are not allowed for this type of document"
NOT_FOUND = {"error": "Resource not found"}
HUGE_ID = "9" * 5000


def factura(line: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """A factura (33) to a new inline client, one line of variant 1: what takes a folio and makes a client."""
    client = {**CLIENT, "code": "76.192.802-3"}
    item = {"variantId": 1, "quantity": 1, "netUnitValue": 1000, "taxId": "[1]", **(line or {})}
    return {"codeSii": 33, "officeId": 1, "client": client, "details": [item], **changes}


REFUSED = [
    ("line netUnitValue 1e30", DOCUMENTS, factura({"netUnitValue": 1e30}), DECIMAL.format(name="netUnitValue")),
    ("line netUnitValue 1e15", DOCUMENTS, factura({"netUnitValue": 1e15}), DECIMAL.format(name="netUnitValue")),
    ("line quantity 1e27", DOCUMENTS, factura({"quantity": 1e27}), DECIMAL.format(name="quantity")),
    ("tax percentage below 0", DOCUMENTS, factura({"taxId": None, "taxes": [{"code": 14, "percentage": -50}]}),
     PERCENTAGE),
    ("tax percentage over 100", DOCUMENTS, factura({"taxId": None, "taxes": [{"code": 14, "percentage": 1e6}]}),
     PERCENTAGE),
    ("discount over 100", DOCUMENTS, factura({"discount": 150}), PERCENTAGE),
    ("shipping line 1e30", "/v1/shippings.json",
     {"codeSii": 52, "officeId": 1, "shippingTypeId": 1, "client": factura()["client"],
      "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 1e30}]}, DECIMAL.format(name="netUnitValue")),
]


@pytest.mark.parametrize(("path", "body", "message"), [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED])
def test_absurd_numbers_are_refused_before_anything_is_written(
    api: httpx.Client, server: MockServer, published: list[Any], path: str, body: dict[str, Any], message: str
) -> None:
    before = snapshot(server)
    answer = api.post(path, json=body)
    assert (answer.status_code, answer.json()) == (400, {"error": message})
    assert snapshot(server) == before
    assert published == []
    assert server.engine.server_errors == []


@pytest.mark.parametrize("unit_value", [-1e30, 1e30])
def test_a_return_with_an_absurd_unit_value_is_refused(
    api: httpx.Client, server: MockServer, unit_value: float
) -> None:
    sale = sell(api, codeSii=33, client=CLIENT, dispatch=1, details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}])
    before = snapshot(server)
    answer = api.post("/v1/returns.json", json={
        "documentTypeId": 8, "referenceDocumentId": sale["id"], "officeId": 1, "priceAdjustment": 1,
        "details": [{"documentDetailId": details_of(api, sale)[0]["id"], "quantity": 1, "unitValue": unit_value}]})
    assert (answer.status_code, answer.json()) == (400, {"error": DECIMAL.format(name="unitValue")})
    assert snapshot(server) == before


def next_folio(api: httpx.Client) -> int:
    return api.get("/v1/document_types/caf.json", params={"codesii": 33}).json()["lastNumberUsed"] + 1


def test_a_write_that_fails_half_way_changes_nothing(
    api: httpx.Client, server: MockServer, published: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug after the folio is taken, the client made and the stock moved: 500, and the state is
    byte-identical, no event is sent and the next document gets the folio the failed one took."""
    import mockbsale.domain.documents as documents

    def broken(*args: Any) -> None:
        raise RuntimeError("a bug in the mock")

    before = snapshot(server)
    monkeypatch.setattr(documents.payments, "record", broken)
    answer = api.post(DOCUMENTS, json=factura(dispatch=1))
    assert answer.status_code == 500
    assert snapshot(server) == before
    assert published == []
    assert server.engine.server_errors == [f"POST {DOCUMENTS}"]
    monkeypatch.undo()
    server.call(server.engine.server_errors.clear)
    folio = next_folio(api)
    made = api.post(DOCUMENTS, json=factura(dispatch=1))
    assert made.status_code == 201, made.text
    assert made.json()["number"] == folio


ID_PATHS = [
    f"/v1/variants/{HUGE_ID}.json",
    f"/v1/products/{HUGE_ID}/variants.json",
    f"/v1/documents/{HUGE_ID}.json",
    f"/v2/products/{HUGE_ID}.json",
    f"/v1/coins/1/exchange_rate/{HUGE_ID}.json",
    "/v1/coins/1/exchange_rate/99999999999.json",
    f"/_mock/webhooks/subscriptions/{HUGE_ID}",
    f"/view/{HUGE_ID}/abc",
]


@pytest.fixture
def connection(server: MockServer, api: httpx.Client) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    yield conn
    conn.close()


@pytest.mark.parametrize("path", ID_PATHS, ids=lambda path: path[:30])
def test_an_absurd_id_is_unknown_and_the_connection_is_kept(
    connection: http.client.HTTPConnection, server: MockServer, path: str
) -> None:
    for method in ("GET", "PUT", "DELETE"):
        connection.request(method, path, body=b"{}", headers={"access_token": TOKEN_A})
        sock = connection.sock
        answer = connection.getresponse()
        body = answer.read()
        assert answer.status in (404, 405), (method, answer.status, body)
        assert answer.getheader("connection") != "close"
        assert connection.sock is sock, "the server closed the connection"
    assert server.engine.server_errors == []


@pytest.mark.parametrize("number", ["²", "٣", HUGE_ID, "-1", "1e310"])
def test_an_unreadable_next_number_is_not_found(api: httpx.Client, server: MockServer, number: str) -> None:
    answer = api.get("/v1/document_types/caf.json", params={"codesii": 33, "nextnumber": number})
    assert (answer.status_code, answer.json()) == (404, NOT_FOUND)
    assert server.engine.server_errors == []


CHUNK = 64 * 1024
UPLOAD_LIMIT = 64 * 1024 * 1024
"""The test stops sending here: a server that reads the whole body would answer only then."""


def rss_bytes() -> int:
    """This process's resident memory (the server runs in a thread of it)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024


def chunked_upload(port: int, method: str, path: str) -> tuple[int, bytes]:
    """POST an endless chunked body until the server answers; (bytes sent, the answer)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    with sock:
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\naccess_token: {TOKEN_A}\r\n"
        sock.sendall((head + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
        chunk = f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n"
        sent = 0
        sock.setblocking(False)
        while sent < UPLOAD_LIMIT:
            readable, writable, _ = select.select([sock], [sock], [], 10)
            if readable:
                break
            assert writable, "the server neither reads nor answers"
            try:
                sent += sock.send(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
        sock.settimeout(10)
        answer = b""
        with contextlib.suppress(ConnectionResetError, TimeoutError):
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                part = sock.recv(65536)
                if not part:
                    break
                answer += part
        return sent, answer


@pytest.mark.parametrize(("method", "path"), [("POST", DOCUMENTS), ("PUT", "/v1/offices/1.json"),
                                             ("POST", "/_mock/faults")])
def test_a_huge_chunked_body_is_cut_at_the_cap_with_flat_memory(
    api: httpx.Client, server: MockServer, method: str, path: str
) -> None:
    before = rss_bytes()
    sent, answer = chunked_upload(server.port, method, path)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'{"error":"Request body too large"}' in answer
    assert sent < UPLOAD_LIMIT // 4, f"{sent} bytes read before the 413"
    assert rss_bytes() - before < 32 * 1024 * 1024
    assert api.get("/v1/offices/count.json").status_code == 200
