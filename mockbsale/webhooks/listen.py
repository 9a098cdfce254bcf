"""`mockbsale listen`: a small webhook receiver that records and prints every notification it gets,
one line each, and answers a chosen status (200 by default; others to try retries by hand).

`Receiver` is the ASGI app; `Listener` serves it with uvicorn in a thread on a free port (tests).
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbsale.http.errors import BsaleError
from mockbsale.http.json import error_response, read_capped_bytes
from mockbsale.net import bind, raise_interrupt_if_stopped_by_signal, reason
from mockbsale.recent import Recent

RECEIVED_KEPT = 50_000
"""Notifications a receiver remembers (a `listen` left running for days stays bounded)."""


@dataclass(frozen=True)
class Received:
    """One request the receiver got and what it answered."""

    time: float
    target: str
    """Path and query, as requested."""
    content_type: str
    payload: Any
    """The JSON body (None when it was not JSON)."""
    status: int


def describe(received: Received) -> str:
    """The one line `listen` prints for a request."""
    clock = time.strftime("%H:%M:%S", time.localtime(received.time))
    body = received.payload if isinstance(received.payload, dict) else {}
    topic = f"{body.get('topic', '?')}/{body.get('action', '?')} {body.get('resourceId', '')}".strip()
    text = orjson.dumps(received.payload).decode()
    return f"{clock} POST {received.target} -> {received.status}  {topic}  {text}"


class Receiver:
    """Records every request (any path), answers `statuses` in turn then `status`; `hold` seconds
    before answering (a slow receiver), cut short by `release()`."""

    def __init__(self, status: int = 200, statuses: Iterable[int] = (), hold: float = 0.0,
                 echo: Callable[[str], None] | None = None) -> None:
        self.status = status
        self.statuses: deque[int] = deque(statuses)
        self.hold = hold
        self.echo = echo
        self.received: Recent[Received] = Recent(RECEIVED_KEPT)
        self.arrived = threading.Event()
        """Set whenever a request arrives (cleared by `clear`)."""
        self._released = threading.Event()
        self.app = Starlette(routes=[Route("/{path:path}", self._endpoint, methods=["POST", "PUT", "GET"])])

    @property
    def payloads(self) -> list[Any]:
        """Payloads answered with a 2xx, in arrival order."""
        return [item.payload for item in self.received if 200 <= item.status < 300]

    def script(self, *statuses: int, status: int = 200, hold: float = 0.0) -> None:
        """Answer the next requests with `statuses`, then `status`, each after `hold` seconds."""
        self.statuses, self.status, self.hold = deque(statuses), status, hold
        self._released.clear()

    def release(self) -> None:
        """Answer held requests now."""
        self._released.set()

    def clear(self) -> None:
        self.received.clear()
        self.arrived.clear()
        self.script()

    async def _endpoint(self, request: Request) -> Response:
        try:
            raw = await read_capped_bytes(request)
        except BsaleError as error:
            return error_response(error)
        try:
            payload = orjson.loads(raw) if raw else None
        except orjson.JSONDecodeError:
            payload = raw.decode(errors="replace")
        status = self.statuses.popleft() if self.statuses else self.status
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        item = Received(time.time(), target, request.headers.get("content-type", ""), payload, status)
        self.received.append(item)
        self.arrived.set()
        if self.echo is not None:
            self.echo(describe(item))
        deadline = time.monotonic() + self.hold
        while time.monotonic() < deadline and not self._released.is_set():
            await asyncio.sleep(0.01)
        return Response(b'{"ok":true}' if 200 <= status < 300 else b'{"error":"receiver said so"}', status,
                        media_type="application/json")


def receiver_config(receiver: Receiver, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(receiver.app, host=host, port=port, log_level="warning", lifespan="off", access_log=False)


class Listener:
    """Serve a `Receiver` with uvicorn in a background thread (port 0: a free port)."""

    def __init__(self, receiver: Receiver, host: str = "127.0.0.1", port: int = 0) -> None:
        self.receiver = receiver
        self._server = uvicorn.Server(receiver_config(receiver, host, port))
        self._thread = threading.Thread(target=self._server.run, name="mockbsale-listen", daemon=True)
        self.host = host

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._server.servers[0].sockets[0].getsockname()[1]}"

    def __enter__(self) -> Listener:
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            time.sleep(0.001)
        if not self._server.started:
            raise RuntimeError(f"cannot listen on {self.host}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.receiver.release()
        self._server.should_exit = True
        self._thread.join(5)


def listen(host: str, port: int, status: int, hold: float) -> int:
    """Run the receiver in the foreground until interrupted (the `listen` command); port 0 picks one."""
    receiver = Receiver(status=status, hold=hold, echo=lambda line: print(line, flush=True))
    try:
        sock = bind(host, port)
    except OSError as error:
        print(f"mockbsale listen: cannot listen on {host}:{port}: {reason(error)}", file=sys.stderr)
        return 2
    bound = sock.getsockname()[1]
    print(f"mockbsale listen: receiving webhooks on http://{host}:{bound}/ (any path), answering {status}", flush=True)
    server = uvicorn.Server(receiver_config(receiver, host, bound))
    server.run(sockets=[sock])
    raise_interrupt_if_stopped_by_signal(server)
    return 0

