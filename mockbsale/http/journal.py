"""The request journal: every API request the mock answered, per company, oldest first.

Each entry keeps what an integrator needs to debug a call: when, which company, method, path, query,
the headers that matter (the token masked), the request and response bodies, the status, the
duration, the events the request raised and the fault injected. Bodies are kept as raw bytes cut at
`MAX_BODY_KEPT` (with a `truncated` mark) and parsed only when served, so a big refused body costs
its bytes, not a parsed tree. The journal is bounded twice: at most `max_entries` entries and at
most `max_bytes` bytes of bodies and headers; the oldest entries go first.

Filing a request is cheap, for it happens on every one: the journal keeps the pieces at hand (the
values of the headers worth showing, the body already encoded) in a list recycled from a dropped
record, so a request leaves no new container behind for the garbage collector to scan (a tuple per
request, holding the header list and its tuples, cost a GET by id about 1.5 µs in collections);
masked headers, parsed bodies and ISO times are made only when the journal is read (`Record.entry`).

Tests read it with `engine.journal.entries(cpn_id)`; the admin API serves it at `/_mock/requests`.
The journal is also an engine `Listener`: the events published while a request is being recorded
(between `Journal.begin` and `Journal.end`) are kept with that request.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from contextvars import ContextVar, Token
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson

from mockbsale.events import Event
from mockbsale.store import Company

MAX_ENTRIES = 10_000
MAX_BYTES = 16 * 1024 * 1024
"""The journal's whole budget: bodies, headers and a fixed cost per entry."""
MAX_BODY_KEPT = 32 * 1024
"""Request and response bodies longer than this are kept cut, marked `truncated` (a real Bsale body
is a few KB, a 25-item list with `expand` about 35 KB)."""
ENTRY_OVERHEAD = 1024
"""Bytes counted per entry on top of its bodies, headers, path and query: what Python spends on the
record, its strings and numbers."""
HEADER_OVERHEAD = 128
"""Bytes counted per kept request header on top of its name and value: its dict entry and value object."""
KEPT_HEADERS = {name: name for name in (b"access_token", b"content-type", b"content-length", b"accept", b"user-agent")}
"""Request headers worth showing, each name mapped to itself (a record keys its headers by these
objects and keeps only the values); the rest (host, connection, encodings) say nothing about the call."""
TOKEN_SHOWN = 4
"""Characters of the access token kept in clear: enough to tell tokens apart, never to use one."""

_events: ContextVar[list[dict[str, Any]] | None] = ContextVar("mockbsale_journal_events", default=None)


def mask(token: str) -> str:
    """`b25dc5795b...` -> `b25d…(40)`: the first characters and the length, never the token."""
    return f"{token[:TOKEN_SHOWN]}…({len(token)})"


RawHeaders = dict[bytes, bytes]
"""The request's headers worth showing as the server read them, by name (the last of a repeated
one): a dict of bytes, which the garbage collector does not track."""


def served_headers(raw: RawHeaders) -> dict[str, str]:
    """The headers that matter (`KEPT_HEADERS`) by lower-case name, the access token masked."""
    return {
        name.decode("latin-1"): mask(value.decode("latin-1")) if name == b"access_token" else value.decode("latin-1")
        for name, value in raw.items()
    }


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


KeptBody = tuple[bytes, bool]
"""A body as the journal keeps it: its first `MAX_BODY_KEPT` bytes (copied to their exact size) and
whether it was longer."""
EMPTY_BODY: KeptBody = (b"", False)
NO_EVENTS: tuple[dict[str, Any], ...] = ()


def kept_body(body: bytes) -> KeptBody:
    """A whole body as kept: a copy of its exact size (a body orjson made can sit in a buffer of
    8 KiB whatever its length, and the journal must not keep that buffer alive), cut when too long."""
    if len(body) > MAX_BODY_KEPT:
        return body[:MAX_BODY_KEPT], True
    return bytes(memoryview(body)), False


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

    def kept(self) -> KeptBody:
        """The kept bytes, copied to their exact size (see `kept_body`)."""
        if len(self.chunks) == 1:
            return bytes(memoryview(self.chunks[0])), self.truncated
        return b"".join(self.chunks), self.truncated


class Record(NamedTuple):
    """One request as filed: its headers as the server read them and the bodies as raw bytes;
    `entry()` makes what is served."""

    id: int
    unix: float
    cpn_id: int | None
    method: str
    path: str
    query: str
    headers: RawHeaders
    request: bytes
    request_truncated: bool
    status: int
    response: bytes
    response_truncated: bool
    duration_ms: float
    events: Sequence[dict[str, Any]]
    fault: str | None
    size: int
    """The bytes this record counts against the journal's budget."""

    def entry(self) -> Entry:
        """The entry as served: headers filtered and masked, bodies parsed, the time in ISO 8601."""
        response = decode_body(self.response, self.response_truncated)
        error = response.get("error") if self.status >= 400 and isinstance(response, dict) else None
        unix = round(self.unix, 3)
        return Entry(
            self.id, iso(unix), unix, self.cpn_id, self.method, self.path, self.query, served_headers(self.headers),
            decode_body(self.request, self.request_truncated), self.request_truncated, self.status, response,
            self.response_truncated, error, round(self.duration_ms, 3), list(self.events), self.fault,
        )


CPN_ID, SIZE = Record._fields.index("cpn_id"), Record._fields.index("size")


@dataclass(frozen=True)
class Entry:
    """One request as served (`/_mock/requests`, the plugin's `bsale.requests`): headers by name
    (the token masked), bodies parsed (the raw text when not JSON or cut), `error` the Bsale error
    message when the answer was one."""

    id: int
    time: str
    """ISO 8601, UTC, milliseconds."""
    unix: float
    cpn_id: int | None
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any
    body_truncated: bool
    status: int
    response: Any
    response_truncated: bool
    error: str | None
    duration_ms: float
    events: list[dict[str, Any]]
    """`{"topic", "action", "resourceId"}` of each change the request made."""
    fault: str | None
    """The fault kind injected into this request, if any."""

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(SERVED_KEYS, astuple_shallow(self), strict=True))

    @classmethod
    def from_dict(cls, served: dict[str, Any]) -> Entry:
        """An entry read back from `/_mock/requests`."""
        return cls(*(served[key] for key in SERVED_KEYS))


SERVED_KEYS = (
    "id", "time", "unix", "cpnId", "method", "path", "query", "headers", "body", "bodyTruncated", "status",
    "response", "responseTruncated", "error", "durationMs", "events", "fault",
)
"""An entry's keys as `/_mock/requests` serves them, in the order of `Entry`'s fields."""


def astuple_shallow(entry: Entry) -> tuple[Any, ...]:
    return tuple(getattr(entry, spec.name) for spec in fields(entry))


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
        self._slots: deque[list[Any]] = deque()
        """One list per record, its fields in `Record`'s order, oldest first."""
        self._free: list[list[Any]] = []
        """Lists of dropped records, emptied, to hold the next ones."""
        self._bytes = 0
        self._next_id = 1

    @property
    def bytes(self) -> int:
        """The bytes the journal holds now (always at most `max_bytes`)."""
        return self._bytes

    @staticmethod
    def begin() -> tuple[list[dict[str, Any]], Token[list[dict[str, Any]] | None]]:
        """Start collecting the events published for one request (until `end(token)`)."""
        events: list[dict[str, Any]] = []
        return events, _events.set(events)

    @staticmethod
    def end(token: Token[list[dict[str, Any]] | None]) -> None:
        _events.reset(token)

    def publish(self, company: Company, events: Sequence[Event]) -> None:
        """The engine's listener call: keep the events with the request being recorded, if any."""
        found = _events.get()
        if found is not None:
            found.extend({"topic": e.topic, "action": e.action, "resourceId": e.resource_id} for e in events)

    def record(
        self,
        started: float,
        cpn_id: int | None,
        method: str,
        path: str,
        query: str,
        headers: Iterable[tuple[bytes, bytes]],
        request: KeptBody,
        status: int,
        response: KeptBody,
        duration_ms: float,
        events: Sequence[dict[str, Any]] = NO_EVENTS,
        fault: str | None = None,
    ) -> None:
        """Add one answered request, dropping the oldest entries past either bound."""
        sent, sent_truncated = request
        answered, answered_truncated = response
        kept: RawHeaders = {}
        size = ENTRY_OVERHEAD + len(sent) + len(answered) + len(path) + len(query)
        for name, value in headers:
            shown = KEPT_HEADERS.get(name)
            if shown is not None:
                kept[shown] = value
                size += HEADER_OVERHEAD + len(name) + len(value)
        slot = self._free.pop() if self._free else []
        slot[:] = (
            self._next_id, started, cpn_id, method, path, query, kept, sent, sent_truncated, status, answered,
            answered_truncated, duration_ms, events, fault, size,
        )
        self._next_id += 1
        slots = self._slots
        slots.append(slot)
        self._bytes += size
        while slots and (len(slots) > self.max_entries or self._bytes > self.max_bytes):
            dropped = slots.popleft()
            self._bytes -= dropped[SIZE]
            dropped.clear()
            self._free.append(dropped)

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
            for record in map(Record._make, list(self._slots))
            if record.id > since
            and (cpn_id is None or record.cpn_id == cpn_id)
            and (wanted_method is None or record.method == wanted_method)
            and (path is None or record.path.startswith(path))
            and status_matches(record.status, status)
        ]

    def clear(self, cpn_id: int | None = None) -> None:
        """Forget every entry, or only those of one company (ids keep growing: a tail never repeats)."""
        kept = [] if cpn_id is None else [slot for slot in self._slots if slot[CPN_ID] != cpn_id]
        self._slots = deque(kept)
        self._bytes = sum(slot[SIZE] for slot in kept)

    def __len__(self) -> int:
        return len(self._slots)
