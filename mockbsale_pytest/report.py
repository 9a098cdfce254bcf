"""The report section a failing test gets: the last requests the app made to the mock, one line
each, so a failure explains itself."""

from __future__ import annotations

from typing import Any

import orjson

from mockbsale.http.journal import Entry

SHOWN = 20
"""Requests listed in a failing test's report (the newest)."""
BODY_SHOWN = 300
"""Characters of a request body or a Bsale error shown per request."""
SECTION = "mockbsale: requests the app made"


def short(value: Any) -> str:
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return text if len(text) <= BODY_SHOWN else text[:BODY_SHOWN] + "…"


def line(entry: Entry) -> str:
    """`18:21:10.123 cpn 1 POST /v1/documents.json -> 400 (1.2 ms) invalid documentType`, then the body."""
    target = entry.path + (f"?{entry.query}" if entry.query else "")
    extras = [f"fault {entry.fault}"] if entry.fault else []
    extras += [f"{ev['topic']}/{ev['action']} {ev['resourceId']}" for ev in entry.events]
    text = f"{entry.time[11:23]} cpn {entry.cpn_id} {entry.method} {target}"
    text += f" -> {entry.status} ({entry.duration_ms:.1f} ms)"
    if entry.error:
        text += f" {short(entry.error)}"
    if extras:
        text += f" [{', '.join(extras)}]"
    if entry.body is not None:
        text += f"\n      body: {short(entry.body)}"
    return text


def requests_section(entries: list[Entry], url: str) -> str:
    """The section's text: where to look, then the newest `SHOWN` requests, oldest first."""
    if not entries:
        return f"the app made no request to the mock at {url} during this test"
    shown = entries[-SHOWN:]
    head = (
        f"the last {len(shown)} of {len(entries)} requests (all of them: GET {url}/_mock/requests; "
        f"the inspector at {url}/_mock/ while the mock runs)"
    )
    return "\n".join([head, *(f"  {line(entry)}" for entry in shown)])
