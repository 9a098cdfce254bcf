"""The request journal: every API request the mock answered, per company, oldest first.

Each entry keeps what an integrator needs to debug a call: when, which company, method, path, query,
the headers that matter (the token masked), the request and response bodies, the status, the
duration, the events the request raised and the fault injected. Bodies are kept as raw bytes cut at
`MAX_BODY_KEPT` (with a `truncated` mark) and parsed only when served, so a big refused body costs
its bytes, not a parsed tree. The journal is bounded twice: at most `max_entries` entries and at
most `max_bytes` bytes of bodies and headers; the oldest entries go first.

Tests read it with `engine.journal.entries(cpn_id)`; the admin API serves it at `/_mock/requests`.
The journal is also an engine `Listener`: the events published while a request is being recorded
(`Journal.recording`) are kept with that request.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from mockbsale.events import Event
from mockbsale.store import Company

MAX_ENTRIES = 10_000
MAX_BYTES = 32 * 1024 * 1024
"""The journal's whole budget: bodies, headers and a fixed cost per entry."""
MAX_BODY_KEPT = 64 * 1024
"""Request and response bodies longer than this are kept cut, marked `truncated` (a real Bsale body
is a few KB; a 25-item list with `expand` about 35 KB)."""
ENTRY_OVERHEAD = 512
"""Bytes counted per entry on top of its bodies and headers (the entry object, strings, events)."""
KEPT_HEADERS = (b"access_token", b"content-type", b"content-length", b"accept", b"user-agent")
"""Request headers worth showing; the rest (host, connection, encodings) say nothing about the call."""
TOKEN_SHOWN = 4
"""Characters of the access token kept in clear: enough to tell tokens apart, never to use one."""

_events: ContextVar[list[dict[str, Any]] | None] = ContextVar("mockbsale_journal_events", default=None)


def mask(token: str) -> str:
    """`b25dc5795b...` -> `b25d…(40)`: the first characters and the length, never the token."""
    return f"{token[:TOKEN_SHOWN]}…({len(token)})"


def kept_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """The headers that matter, by lower-case name, the access token masked."""
    headers: dict[str, str] = {}
    for name, value in raw:
        if name in KEPT_HEADERS:
            text = value.decode("latin-1")
            headers[name.decode("latin-1")] = mask(text) if name == b"access_token" else text
    return headers


def decode_body(raw: bytes, truncated: bool = False) -> Any:
    """The parsed JSON, the text when it is not JSON (always when cut), None when empty."""
    if not raw.strip():
        return None
    if not truncated:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return raw.decode("utf-8", "replace")


def iso(unix: float) -> str:
    return datetime.fromtimestamp(unix, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class BodyBuffer:
    """The first `MAX_BODY_KEPT` bytes of a body streamed in chunks, and whether more came."""

    __slots__ = ("chunks", "size", "truncated")

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.truncated = False

    def add(self, chunk: bytes) -> None:
        room = MAX_BODY_KEPT - self.size
        if len(chunk) > room:
            self.truncated = True
            chunk = chunk[: max(room, 0)]
        if chunk:
            self.chunks.append(chunk)
            self.size += len(chunk)

    def bytes(self) -> bytes:
        return b"".join(self.chunks)


@dataclass(frozen=True, slots=True)
class Call:
    """What a stored record and a served entry share: who asked what, and how it went."""

    id: int
    unix: float
    cpn_id: int | None
    method: str
    path: str
    query: str
    headers: dict[str, str]
    status: int
    duration_ms: float
    fault: str | None
    """The fault kind injected into this request, if any."""


@dataclass(frozen=True, slots=True)
class Record(Call):
    """One request as stored: bodies as raw bytes."""

    request: bytes
    request_truncated: bool
    response: bytes
    response_truncated: bool
    events: tuple[dict[str, Any], ...]
    size: int
    """The bytes this record counts against the journal's budget."""

    def entry(self) -> Entry:
        response = decode_body(self.response, self.response_truncated)
        return Entry(
            id=self.id, unix=self.unix, cpn_id=self.cpn_id, method=self.method, path=self.path, query=self.query,
            headers=dict(self.headers), status=self.status, duration_ms=self.duration_ms, fault=self.fault,
            time=iso(self.unix), body=decode_body(self.request, self.request_truncated),
            body_truncated=self.request_truncated, response=response, response_truncated=self.response_truncated,
            error=response.get("error") if self.status >= 400 and isinstance(response, dict) else None,
            events=list(self.events),
        )


@dataclass(frozen=True, slots=True)
class Entry(Call):
    """One request as served (`/_mock/requests`, the plugin's `bsale.requests`): bodies parsed
    (the raw text when not JSON or cut), `error` the Bsale error message when the answer was one."""

    time: str
    """ISO 8601, UTC, milliseconds."""
    body: Any
    body_truncated: bool
    response: Any
    response_truncated: bool
    error: str | None
    events: list[dict[str, Any]]
    """`{"topic", "action", "resourceId"}` of each change the request made."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time,
            "unix": self.unix,
            "cpnId": self.cpn_id,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": self.headers,
            "body": self.body,
            "bodyTruncated": self.body_truncated,
            "status": self.status,
            "response": self.response,
            "responseTruncated": self.response_truncated,
            "error": self.error,
            "durationMs": self.duration_ms,
            "events": self.events,
            "fault": self.fault,
        }

    @classmethod
    def from_dict(cls, served: dict[str, Any]) -> Entry:
        """An entry read back from `/_mock/requests`."""
        return cls(
            id=served["id"], unix=served["unix"], cpn_id=served["cpnId"], method=served["method"],
            path=served["path"], query=served["query"], headers=served["headers"], status=served["status"],
            duration_ms=served["durationMs"], fault=served["fault"], time=served["time"], body=served["body"],
            body_truncated=served["bodyTruncated"], response=served["response"],
            response_truncated=served["responseTruncated"], error=served["error"], events=served["events"],
        )


def status_matches(status: int, wanted: str | None) -> bool:
    """`wanted` is a status (`404`), a class (`4xx`) or None (any)."""
    if not wanted:
        return True
    wanted = wanted.strip().lower()
    if len(wanted) == 3 and wanted.endswith("xx"):
        return str(status)[0] == wanted[0]
    return str(status) == wanted


class Journal:
    """Requests of every company in arrival order; `cpn_id` None holds unauthenticated ones."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._records: deque[Record] = deque()
        self._bytes = 0
        self._next_id = 1

    @property
    def bytes(self) -> int:
        """The bytes the journal holds now (always at most `max_bytes`)."""
        return self._bytes

    @contextmanager
    def recording(self) -> Iterator[list[dict[str, Any]]]:
        """Collect the events published while the body of the `with` runs (one request)."""
        events: list[dict[str, Any]] = []
        token = _events.set(events)
        try:
            yield events
        finally:
            _events.reset(token)

    def publish(self, company: Company, events: Sequence[Event]) -> None:
        """The engine's listener call: keep the events with the request being recorded, if any."""
        found = _events.get()
        if found is not None:
            found.extend({"topic": e.topic, "action": e.action, "resourceId": e.resource_id} for e in events)

    def record(
        self,
        *,
        started: float,
        cpn_id: int | None,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        request: BodyBuffer,
        status: int,
        response: BodyBuffer,
        duration_ms: float,
        events: Sequence[dict[str, Any]] = (),
        fault: str | None = None,
    ) -> Record:
        """Add one answered request, dropping the oldest entries past either bound."""
        sent, answered = request.bytes(), response.bytes()
        size = ENTRY_OVERHEAD + len(sent) + len(answered) + len(path) + len(query)
        size += sum(len(name) + len(value) for name, value in headers.items())
        record = Record(
            id=self._next_id, unix=round(started, 3), cpn_id=cpn_id, method=method, path=path, query=query,
            headers=headers, status=status, duration_ms=round(duration_ms, 3), fault=fault, request=sent,
            request_truncated=request.truncated, response=answered, response_truncated=response.truncated,
            events=tuple(events), size=size,
        )
        self._next_id += 1
        self._records.append(record)
        self._bytes += record.size
        while self._records and (len(self._records) > self.max_entries or self._bytes > self.max_bytes):
            self._bytes -= self._records.popleft().size
        return record

    def entries(self, cpn_id: int | None = None, **filters: Any) -> list[Entry]:
        """The entries of one company (every company when `cpn_id` is None), as served; `filters`
        as `records` takes them."""
        return [record.entry() for record in self.records(cpn_id, **filters)]

    def records(
        self,
        cpn_id: int | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: str | None = None,
        since: int = 0,
    ) -> list[Record]:
        """The records of one company (every company when `cpn_id` is None), oldest first, optionally
        of one method, of paths starting with `path`, of a status or class (`4xx`), after id `since`."""
        wanted_method = method.upper() if method else None
        return [
            record
            for record in list(self._records)
            if record.id > since
            and (cpn_id is None or record.cpn_id == cpn_id)
            and (wanted_method is None or record.method == wanted_method)
            and (path is None or record.path.startswith(path))
            and status_matches(record.status, status)
        ]

    def clear(self, cpn_id: int | None = None) -> None:
        """Forget every entry, or only those of one company (ids keep growing: a tail never repeats)."""
        kept = [] if cpn_id is None else [record for record in self._records if record.cpn_id != cpn_id]
        self._records = deque(kept)
        self._bytes = sum(record.size for record in kept)

    def __len__(self) -> int:
        return len(self._records)
