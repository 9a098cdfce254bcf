"""The request journal: every API request the mock answered, per company, oldest first.

Tests read it to assert what a client sent (`engine.journal.entries(cpn_id)`); the admin API
serves it at `/_mock/requests`. It is bounded: the oldest entries go first.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import orjson

MAX_ENTRIES = 100_000
MAX_BODY_KEPT = 64 * 1024
"""Request bodies longer than this are kept cut, as text (a real Bsale body is a few KB)."""


@dataclass(frozen=True)
class Entry:
    """One request: `body` is the parsed JSON, the raw text when it is not JSON, None when empty."""

    cpn_id: int | None
    method: str
    path: str
    query: str
    body: Any
    status: int
    fault: str | None = None
    """The fault kind injected into this request, if any."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "cpnId": self.cpn_id,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "body": self.body,
            "status": self.status,
            "fault": self.fault,
        }


def decode_body(raw: bytes) -> Any:
    if not raw.strip():
        return None
    if len(raw) <= MAX_BODY_KEPT:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return raw[:MAX_BODY_KEPT].decode("utf-8", "replace")


class Journal:
    """Requests of every company in arrival order; `cpn_id` None holds unauthenticated ones."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: deque[Entry] = deque(maxlen=max_entries)

    def record(self, entry: Entry) -> None:
        self._entries.append(entry)

    def entries(self, cpn_id: int | None = None, *, method: str | None = None, path: str | None = None) -> list[Entry]:
        """The entries of one company (every company when `cpn_id` is None), optionally of one
        method and of paths starting with `path`."""
        return [
            entry
            for entry in list(self._entries)
            if (cpn_id is None or entry.cpn_id == cpn_id)
            and (method is None or entry.method == method.upper())
            and (path is None or entry.path.startswith(path))
        ]

    def clear(self, cpn_id: int | None = None) -> None:
        """Forget every entry, or only those of one company."""
        if cpn_id is None:
            self._entries.clear()
            return
        kept = [entry for entry in self._entries if entry.cpn_id != cpn_id]
        self._entries = deque(kept, maxlen=self._entries.maxlen)

    def __len__(self) -> int:
        return len(self._entries)
