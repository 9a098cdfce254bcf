"""The traffic layer, one pure ASGI middleware around every API request (the outermost layer):
rate limit, then faults, then the request journal (admin paths and `/openapi.json` pass untouched).

It asks its `reads` (`resources.reads.Reads`) first: with no fault and no limit set, a GET that
`reads` answers costs a header scan, a dict lookup, the answer and one journal record made of the
pieces at hand (the server's header list, the body just encoded), and passes through nothing else.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockbsale.http.errors import RATE_LIMITED, BsaleError
from mockbsale.http.faults import Fault
from mockbsale.http.journal import EMPTY_BODY, BodyBuffer, kept_body
from mockbsale.http.json import Answer, error_answer, send_answer
from mockbsale.http.query import parse_int

if TYPE_CHECKING:
    from mockbsale.engine import Engine
    from mockbsale.store import Company

access_log = logging.getLogger("mockbsale.requests")
"""One INFO line per request with its status and duration (`mockbsale serve` at the default level)."""

PASS_THROUGH = ("/_mock/", "/openapi.json")
ROOT = "/"
"""Redirects to the inspector page: not an API request either."""
BODYLESS = ("GET", "HEAD", "OPTIONS")


async def send_error(send: Send, error: BsaleError, extra: dict[str, Any] | None = None) -> None:
    """Answer with Bsale's error body (`extra` keys added, e.g. `retry_after`)."""
    await send_answer(send, error_answer(error, extra))


def rate_limited(seconds: int) -> tuple[BsaleError, dict[str, Any]]:
    return BsaleError(429, RATE_LIMITED, {"Retry-After": str(seconds)}), {"retry_after": seconds}


def one_record_earlier(scope: Scope) -> Scope:
    """The same request with `offset` one lower (the `duplicate` fault)."""
    params = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    shifted = [(k, str(max(parse_int(v, 0) - 1, 0)) if k == "offset" else v) for k, v in params]
    return {**scope, "query_string": urlencode(shifted, safe="[],").encode("latin-1")}


def emptied(body: bytes) -> bytes:
    """A list envelope with its `items` removed (count kept): the `empty` fault."""
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return body
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document["items"] = []
        return orjson.dumps(document)
    return body


def with_length(headers: Iterable[tuple[bytes, bytes]], length: int) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() != b"content-length"]
    return [*kept, (b"content-length", str(length).encode())]


def log_line(scope: Scope, cpn_id: int | None, status: int, clock: float) -> None:
    """`127.0.0.1 cpn 1 GET /v1/variants.json?code=X -> 200 (0.6 ms)`."""
    query = scope["query_string"].decode("latin-1")
    client = scope.get("client") or ("-", 0)
    access_log.info(
        "%s %s%s %s%s -> %d (%.1f ms)", client[0], f"cpn {cpn_id} " if cpn_id is not None else "", scope["method"],
        scope["path"], f"?{query}" if query else "", status, (time.perf_counter() - clock) * 1000,
    )


def access_token(scope: Scope) -> str | None:
    """The request's (first) `access_token` header."""
    for name, value in scope["headers"]:
        if name == b"access_token":
            return value.decode("latin-1")
    return None


Reader = Callable[[Scope, "Company | None"], Answer | None]
"""Makes the whole answer to the requests it serves (`resources.reads.Reads`), None for the others."""


class TrafficMiddleware:
    def __init__(self, app: ASGIApp, engine: Engine, reads: Reader) -> None:
        self.app = app
        self.engine = engine
        self.reads = reads
        self.token_paths: list[tuple[re.Pattern[str], str]] = [
            (compile_path(route.path)[0], route.token_param)
            for route in engine.registry.extra_routes
            if route.token_param
        ]

    def token(self, scope: Scope) -> str | None:
        """The `access_token` header, or the token in the path of routes that carry it there."""
        token = access_token(scope)
        if token is not None:
            return token
        for pattern, param in self.token_paths:
            match = pattern.match(scope["path"])
            if match:
                return match.group(param)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(PASS_THROUGH) or scope["path"] == ROOT:
            if scope["type"] == "http" and access_log.isEnabledFor(logging.INFO):
                await self.logged(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        engine = self.engine
        company = engine.store.by_token(self.token(scope))
        if engine.faults.active or (company is not None and engine.rate_limiter.enabled):
            await self.traffic(scope, receive, send, company)
            return
        started, clock = time.time(), time.perf_counter()
        answer = self.reads(scope, company)
        if answer is None:
            await self.traffic(scope, receive, send, company, started, clock)
            return
        await send_answer(send, answer)
        status, body, _ = answer
        cpn_id = company.cpn_id if company is not None else None
        if access_log.isEnabledFor(logging.INFO):
            log_line(scope, cpn_id, status, clock)
        engine.journal.record(
            started, cpn_id, scope["method"], scope["path"], scope["query_string"].decode("latin-1"),
            scope["headers"], EMPTY_BODY, status, kept_body(body),
            (time.perf_counter() - clock) * 1000,
        )

    async def forward(self, scope: Scope, company: Company | None, receive: Receive, send: Send) -> None:
        """The request on to `reads`, or to the app when `reads` does not serve it."""
        answer = self.reads(scope, company)
        if answer is None:
            await self.app(scope, receive, send)
        else:
            await send_answer(send, answer)

    async def traffic(self, scope: Scope, receive: Receive, send: Send, company: Company | None,
                      started: float | None = None, clock: float | None = None) -> None:
        """A request through the rate limit and faults (when set), answered and journaled with its
        bodies and events. `started` and `clock` when its time was already taken."""
        engine = self.engine
        cpn_id = company.cpn_id if company is not None else None
        method: str = scope["method"]
        path: str = scope["path"]
        query: str = scope["query_string"].decode("latin-1")
        status = 500
        sent, answered = BodyBuffer(), BodyBuffer()
        fault: Fault | None = None
        if started is None or clock is None:
            started, clock = time.time(), time.perf_counter()

        async def keep_body() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                sent.add(message.get("body", b""))
            return message

        async def see_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                answered.add(message.get("body", b""))
            await send(message)

        async def refuse(error: BsaleError, extra: dict[str, Any] | None = None) -> None:
            if method not in BODYLESS:
                while (await keep_body()).get("more_body", False):
                    pass
            await send_error(see_status, error, extra)

        events, recording = engine.journal.begin()
        try:
            if company is not None:
                if engine.rate_limiter.enabled and (wait := engine.rate_limiter.hit(company.token)):
                    await refuse(*rate_limited(wait))
                    return
                if engine.faults.active:
                    delay, fault = engine.faults.strike(company.cpn_id, method, path, query)
                    if delay:
                        await asyncio.sleep(delay)
                    error = fault.error() if fault is not None else None
                    if fault is not None and error is not None:
                        await refuse(error, {"retry_after": fault.retry_after} if fault.kind == "429" else None)
                        return
            app_receive = receive if method in BODYLESS else keep_body
            if fault is None:
                await self.forward(scope, company, app_receive, see_status)
            elif fault.kind == "duplicate":
                await self.forward(one_record_earlier(scope), company, app_receive, see_status)
            else:
                await self.forward(scope, company, app_receive, self.emptying(see_status))
        finally:
            engine.journal.end(recording)
            if access_log.isEnabledFor(logging.INFO):
                log_line(scope, cpn_id, status, clock)
            engine.journal.record(
                started, cpn_id, method, path, query, scope["headers"], sent.kept(), status,
                answered.kept(), (time.perf_counter() - clock) * 1000, events, fault.kind if fault else None,
            )

    async def logged(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An admin or page request, passed through untouched but logged."""
        status, clock = 500, time.perf_counter()

        async def see_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, see_status)
        finally:
            log_line(scope, None, status, clock)

    @staticmethod
    def emptying(send: Send) -> Send:
        """A `send` that holds the response back and empties its `items` (the `empty` fault)."""
        start: Message = {}
        parts: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = emptied(b"".join(parts))
            await send({**start, "headers": with_length(start.get("headers", []), len(body))})
            await send({"type": "http.response.body", "body": body})

        return hold
