"""An in-process webhook receiver: a tiny HTTP server on a free loopback port that records every
POST it gets and answers with scripted statuses (200 by default), to exercise retries."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

POLL_INTERVAL = 0.05


@dataclass(frozen=True)
class Call:
    """One request the receiver got, and the status it answered."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    """Lower-case names."""
    body: bytes
    status: int
    payload: Any = None
    """The JSON body, or None when the body was not JSON."""


@dataclass
class _Wait:
    topic: str | None
    action: str | None
    resource_id: str | None
    met: bool = False

    def describe(self) -> str:
        wanted = {"topic": self.topic, "action": self.action, "resourceId": self.resource_id}
        return ", ".join(f"{key}={value!r}" for key, value in wanted.items() if value is not None) or "any payload"

    def matches(self, payload: Any) -> bool:
        if not isinstance(payload, dict):
            return False
        return (
            (self.topic is None or payload.get("topic") == self.topic)
            and (self.action is None or payload.get("action") == self.action)
            and (self.resource_id is None or str(payload.get("resourceId")) == self.resource_id)
        )


@dataclass
class _Script:
    statuses: deque[int] = field(default_factory=deque)
    default: int = 200


class WebhookReceiver:
    """Records what it receives; `wait_for` returns a payload or fails listing what did arrive."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._lock = threading.Condition()
        self._calls: list[Call] = []
        self._returned: set[int] = set()
        self._waits: list[_Wait] = []
        self._script = _Script()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Where to send notifications (a path may be appended; every path is accepted)."""
        assert self._server is not None, "receiver not started"
        return f"http://{self._host}:{self._server.server_address[1]}/webhooks"

    @property
    def calls(self) -> list[Call]:
        """Every request received, whatever it was answered, in arrival order."""
        with self._lock:
            return list(self._calls)

    @property
    def received(self) -> list[Any]:
        """The payloads of the notifications accepted (answered 2xx), in arrival order."""
        with self._lock:
            return [call.payload for call in self._calls if 200 <= call.status < 300]

    def respond_with(self, *statuses: int, default: int = 200) -> None:
        """Answer the next requests with `statuses`, one each, then `default` to every other one."""
        with self._lock:
            self._script = _Script(deque(statuses), default)

    def wait_for(
        self,
        topic: str | None = None,
        action: str | None = None,
        resource_id: int | str | None = None,
        timeout: float = 5,
    ) -> dict[str, Any]:
        """The first accepted payload matching every given criterion that no earlier `wait_for`
        returned, waiting up to `timeout` seconds for it; AssertionError listing what arrived otherwise."""
        wait = _Wait(topic, action, None if resource_id is None else str(resource_id))
        deadline = time.monotonic() + timeout
        with self._lock:
            self._waits.append(wait)
            while True:
                for index, call in enumerate(self._calls):
                    if index not in self._returned and 200 <= call.status < 300 and wait.matches(call.payload):
                        self._returned.add(index)
                        wait.met = True
                        return call.payload
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._missing_message(wait, timeout))
                self._lock.wait(remaining)

    def unmet_waits(self) -> list[str]:
        """What a `wait_for` of the current test waited for and never got (even if the test caught it)."""
        with self._lock:
            return [wait.describe() for wait in self._waits if not wait.met]

    def clear(self) -> None:
        """Forget every call, wait and scripted status (between tests)."""
        with self._lock:
            self._calls.clear()
            self._returned.clear()
            self._waits.clear()
            self._script = _Script()

    def _missing_message(self, wait: _Wait, timeout: float) -> str:
        lines = [f"no webhook with {wait.describe()} arrived at {self.url} within {timeout:g} s"]
        if not self._calls:
            lines.append("nothing arrived at all")
        else:
            lines.append(f"what arrived ({len(self._calls)}):")
            lines.extend(f"  answered {call.status}: {call.payload if call.payload is not None else call.body!r}"
                         for call in self._calls)
        return "\n".join(lines)

    def _record(self, method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes) -> int:
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = None
        parts = urlsplit(target)
        with self._lock:
            status = self._script.statuses.popleft() if self._script.statuses else self._script.default
            query = dict(parse_qsl(parts.query))
            lowered = {name.lower(): value for name, value in headers}
            self._calls.append(Call(method, parts.path, query, lowered, body, status, payload))
            self._lock.notify_all()
        return status

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                status = receiver._record(self.command, self.path, self.headers.items(), body)
                answer = b'{"ok":true}' if 200 <= status < 300 else b'{"error":"scripted failure"}'
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_POST = do_PUT = do_GET = _handle

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: the calls are recorded instead."""

        self._server = ThreadingHTTPServer((self._host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(POLL_INTERVAL,), name="mockbsale-receiver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
