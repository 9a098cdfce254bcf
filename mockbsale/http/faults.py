"""Fault injection: the misbehaviour real Bsale clients must survive, off by default, per company.

Each company holds at most one fault per kind. A fault applies to the requests it matches (its
`path` prefix, and the kind's own scope: `503` only on `/v2/` paths, `empty` and `duplicate` only on
GET lists); it lets the first `after` matching requests through, then strikes each matching request
with probability `rate`, at most `times` times. Decisions come from one random generator per company
seeded with `seed` + cpnId, so the same requests under the same seed meet the same faults.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from mockbsale.http.errors import NOT_AUTHENTICATED, NOT_AVAILABLE, RATE_LIMITED, BsaleError
from mockbsale.http.query import page_bounds


def parse_query(query: str) -> dict[str, str]:
    return dict(parse_qsl(query, keep_blank_values=True))

SERVICE_UNAVAILABLE = "Service Unavailable"

KINDS = {
    "latency": "delay the response by `ms` milliseconds",
    "429": "answer 429 with a Retry-After header and `retry_after` in the body (`retry_after` seconds)",
    "500": f'answer 500 "{NOT_AVAILABLE}"',
    "503": "answer 503 on /v2/ paths",
    "401": f'answer a spurious 401 "{NOT_AUTHENTICATED}"',
    "empty": "answer a list with its count but empty `items`",
    "duplicate": "serve each page after the first from one record earlier: the same record on two pages",
}


LIMITS = {"after": 2**31 - 1, "times": 2**31 - 1, "ms": 60_000, "retry_after": 86_400}
"""The largest value of each numeric option: a latency of a minute, a Retry-After of a day."""


@dataclass
class Fault:
    kind: str
    rate: float = 1.0
    after: int = 0
    times: int | None = None
    path: str = ""
    ms: int = 100
    retry_after: int = 1
    seen: int = field(default=0, compare=False)
    injected: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of: {', '.join(KINDS)}")
        try:
            self.rate, self.after, self.ms = float(self.rate), int(self.after), int(self.ms)
            self.retry_after, self.path = int(self.retry_after), str(self.path)
            self.times = None if self.times is None else int(self.times)
        except (TypeError, ValueError, OverflowError):
            raise ValueError("fault options are numbers (path a string)") from None
        if not 0 <= self.rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        for name, high in LIMITS.items():
            value = getattr(self, name)
            if value is not None and not 0 <= value <= high:
                raise ValueError(f"{name} must be between 0 and {high}")

    def matches(self, method: str, path: str, query: str) -> bool:
        if self.path and not path.startswith(self.path):
            return False
        if self.kind == "503":
            return path.startswith("/v2/")
        if self.kind in ("empty", "duplicate"):
            listing = method == "GET" and path.endswith(".json") and not path.endswith("/count.json")
            return listing and (self.kind == "empty" or page_bounds(parse_query(query))[1] > 0)
        return True

    def error(self) -> BsaleError | None:
        """The error this fault answers with, or None for the kinds that alter a normal response."""
        if self.kind == "429":
            return BsaleError(429, RATE_LIMITED, {"Retry-After": str(self.retry_after)})
        if self.kind == "500":
            return BsaleError(500, NOT_AVAILABLE)
        if self.kind == "503":
            return BsaleError(503, SERVICE_UNAVAILABLE)
        if self.kind == "401":
            return BsaleError(401, NOT_AUTHENTICATED)
        return None

    def describe(self) -> dict[str, Any]:
        return asdict(self)


def parse_fault(text: str) -> tuple[str, dict[str, Any]]:
    """`KIND[:name=value,...]` (the CLI syntax), e.g. `429:after=100,retry_after=5` or `latency:ms=50`."""
    kind, _, rest = text.partition(":")
    options: dict[str, Any] = {}
    for pair in filter(None, (part.strip() for part in rest.split(","))):
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"fault option {pair!r} is not name=value")
        options[name.strip()] = value.strip() if name.strip() == "path" else _number(value)
    return kind.strip(), options


def _number(value: str) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


class Faults:
    """The faults of every company. `set`/`clear` are the Python API; the admin API and the CLI
    go through them."""

    def __init__(self, seed: int = 0) -> None:
        self._seed = seed
        self._faults: dict[int, dict[str, Fault]] = {}
        self._random: dict[int, random.Random] = {}

    @property
    def active(self) -> bool:
        return bool(self._faults)

    def set(self, cpn_id: int, kind: str, **options: Any) -> Fault:
        """Turn on fault `kind` for company `cpn_id` (replacing that kind's previous settings).

        Options: `rate` (0..1, default 1), `after` (let N matching requests through first),
        `times` (strike at most N times), `path` (only paths starting with it), `ms` (latency),
        `retry_after` (seconds, for 429). Raises ValueError on an unknown kind or option.
        """
        try:
            fault = Fault(kind, **options)
        except TypeError:
            raise ValueError(f"unknown fault option in {sorted(options)}") from None
        self._faults.setdefault(cpn_id, {})[kind] = fault
        self._random.setdefault(cpn_id, random.Random(self._seed + cpn_id))
        return fault

    def clear(self, cpn_id: int | None = None, kind: str | None = None) -> None:
        """Turn off every fault, those of one company, or one kind of one company."""
        if cpn_id is None:
            self._faults.clear()
            self._random.clear()
        elif kind is None:
            self._faults.pop(cpn_id, None)
            self._random.pop(cpn_id, None)
        else:
            self._faults.get(cpn_id, {}).pop(kind, None)

    def reseed(self, seed: int) -> None:
        """Restart every company's decisions from `seed` (and forget the counts)."""
        self._seed = seed
        self._random = {cpn_id: random.Random(seed + cpn_id) for cpn_id in self._faults}
        for faults in self._faults.values():
            for fault in faults.values():
                fault.seen = fault.injected = 0

    @property
    def seed(self) -> int:
        return self._seed

    def of(self, cpn_id: int) -> list[Fault]:
        return list(self._faults.get(cpn_id, {}).values())

    def describe(self) -> dict[str, Any]:
        companies = {str(cpn_id): [f.describe() for f in faults.values()] for cpn_id, faults in self._faults.items()}
        return {"seed": self._seed, "companies": companies}

    def strike(self, cpn_id: int, method: str, path: str, query: str) -> tuple[float, Fault | None]:
        """For one request: (latency in seconds, the fault that alters or replaces the response)."""
        faults = self._faults.get(cpn_id)
        if not faults:
            return 0.0, None
        rng = self._random[cpn_id]
        delay = 0.0
        chosen: Fault | None = None
        for fault in faults.values():
            if not fault.matches(method, path, query):
                continue
            fault.seen += 1
            if fault.seen <= fault.after or (fault.times is not None and fault.injected >= fault.times):
                continue
            if fault.rate < 1 and rng.random() >= fault.rate:
                continue
            if fault.kind == "latency":
                fault.injected += 1
                delay += fault.ms / 1000
            elif chosen is None:
                fault.injected += 1
                chosen = fault
        return delay, chosen
