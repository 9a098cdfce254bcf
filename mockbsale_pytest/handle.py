"""`bsale`: the handle a test gets on the live mock (URL, token, HTTP client, state, webhooks)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx

from mockbsale.http.faults import parse_fault
from mockbsale.http.journal import Entry
from mockbsale_pytest.make import Make
from mockbsale_pytest.servers import Backend
from mockbsale_pytest.state import State


class BsaleCompany:
    """One company of the mock: its cpnId, access token, a ready HTTP client and its state."""

    def __init__(self, backend: Backend, cpn_id: int, token: str) -> None:
        self._backend = backend
        self.url = backend.url
        """The base URL to give the code under test (no trailing slash, no `/v1`)."""
        self.cpn_id = cpn_id
        self.token = token
        self.state = State(backend, cpn_id)
        self.make = Make(backend, cpn_id, self.state)
        """Scenario helpers: `make.product()`, `make.variant(price=, stock=)`, `make.stock(variant, office, n)`,
        `make.price(variant, value)`, `make.client()`, `make.document(paid=, credit=)`, `make.call(...)`."""
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        """An `httpx.Client` on the mock's base URL sending this company's `access_token`."""
        if self._client is None:
            self._client = httpx.Client(base_url=self.url, headers={"access_token": self.token}, timeout=10)
        return self._client

    @property
    def requests(self) -> list[Entry]:
        """What was asked of the mock with this company's token since the test began, oldest first:
        entries with `id`, `time` (ISO) and `unix`, `method`, `path`, `query`, `headers` (token masked),
        `body` and `response` (parsed JSON; text when not JSON or cut, with `body_truncated` and
        `response_truncated`), `status`, `error` (Bsale's message), `duration_ms`, `events` and `fault`."""
        return self._backend.requests(self.cpn_id)

    def faults(self, kind: str, **options: Any) -> None:
        """Make the mock misbehave for this company until the test ends: `kind` is one of `latency`
        (`ms`), `429` (`retry_after` seconds), `500`, `503`, `401`, `empty`, `duplicate`; options
        `after` (let N requests through first), `times`, `rate` (0..1), `path` (prefix). The CLI
        syntax works too: `faults("429:after=3,retry_after=2")`."""
        if ":" in kind:
            kind, parsed = parse_fault(kind)
            options = {**parsed, **options}
        self._backend.set_fault(self.cpn_id, kind, options)

    def subscribe(
        self,
        url: str,
        topics: Iterable[str] | None = None,
        actions: Iterable[str] | None = None,
        faults: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Send this company's notifications to `url` (used verbatim) until the test ends: only
        `topics` and `actions` when given; `faults` on purpose (`drop`, `duplicate`, `delay`,
        `reorder` probabilities, `delay_seconds`, `seed`). Returns the subscription."""
        return self._backend.subscribe(
            self.cpn_id, url, topics=None if topics is None else list(topics),
            actions=None if actions is None else list(actions), faults=faults,
        )

    def trigger(self, topic: str, action: str | None = None, resource_id: int | None = None) -> list[dict[str, Any]]:
        """Fire a `topic` notification by making a realistic change (on `resource_id` when given);
        returns the payloads of every notification the change raised, the triggered one first."""
        return self._backend.trigger(self.cpn_id, topic, action, resource_id)

    @property
    def deliveries(self) -> list[dict[str, Any]]:
        """Every notification sent for this company during the test, oldest first: `url`,
        `payload`, `state` (pending, retrying, delivered, failed, dropped) and `attempts`."""
        return self._backend.deliveries(self.cpn_id)

    def drain(self, timeout: float = 5) -> bool:
        """Wait until no delivery is pending (delivered, failed or dropped); False on timeout."""
        return self._backend.drain(timeout)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class Bsale(BsaleCompany):
    """The first company of the test's data set, plus every company (`companies`)."""

    def __init__(self, backend: Backend) -> None:
        (cpn_id, token), *others = backend.companies()
        super().__init__(backend, cpn_id, token)
        self.companies = [self, *(BsaleCompany(backend, other, other_token) for other, other_token in others)]

    def reset(self) -> None:
        """Every company back to its seeded data now (the fixture does it before each test; call it
        between the examples of a Hypothesis test)."""
        self._backend.reset()

    def close(self) -> None:
        for company in self.companies[1:]:
            company.close()
        super().close()
