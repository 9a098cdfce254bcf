"""The mock servers of a test session: one live server per data spec, started on first use and
reused by every test with that spec; or an already running mock (`--bsale-url`).

Journal, faults and webhooks go through the mock's `/_mock` admin API in both cases (one code
path); reset and state reads of a server in this process go through its thread-safe door instead.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx

from mockbsale import Engine, MockServer, Settings
from mockbsale.dataset.validate import DataSetError
from mockbsale.http.journal import Entry
from mockbsale_pytest.options import DataSpec, SetupError

T = TypeVar("T")

DELIVERY_LOG_SIZE = 10_000
REQUESTS_PAGE = 1000
"""Journal entries asked per `GET /_mock/requests` (an answer is also bounded in bytes)."""


class Backend(ABC):
    """What the `bsale` handle needs from a mock; subclasses say how state is read and reset."""

    url: str
    http: httpx.Client
    _companies: list[tuple[int, str]] | None = None

    def companies(self) -> list[tuple[int, str]]:
        """(cpnId, access token) of every company, in order (a reset keeps them)."""
        if self._companies is None:
            self._companies = [(entry["cpnId"], entry["token"]) for entry in self.admin("GET", "/_mock/companies")]
        return self._companies

    @abstractmethod
    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(engine, *args)` against the current state."""

    @abstractmethod
    def reset(self) -> None:
        """Every company back to its seeded data; journal, faults and webhooks forgotten."""

    def server_errors(self) -> list[str]:
        """The requests the mock answered 500 since the last reset (a bug of the mock)."""
        return self.admin("GET", "/_mock/server-errors")

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        """One `/_mock` call; the mock's 400 is raised as ValueError, 404 as LookupError."""
        answer = self.http.request(method, path, **kwargs)
        if answer.status_code in (400, 404):
            message = answer.json().get("error", answer.text)
            raise ValueError(message) if answer.status_code == 400 else LookupError(message)
        return answer.raise_for_status().json()

    def requests(self, cpn_id: int | None, since: int = 0) -> list[Entry]:
        """The journal of the company's API requests (of every company when None) after id `since`,
        oldest first, read page by page."""
        entries: list[Entry] = []
        while True:
            params = {"since": since, "limit": REQUESTS_PAGE, **({} if cpn_id is None else {"cpnId": cpn_id})}
            page = self.admin("GET", "/_mock/requests", params=params)
            if not page:
                return entries
            entries += [Entry.from_dict(served) for served in page]
            since = page[-1]["id"]

    def set_fault(self, cpn_id: int, kind: str, options: dict[str, Any]) -> None:
        self.admin("POST", "/_mock/faults", json={**options, "kind": kind, "cpnId": cpn_id})

    def subscribe(self, cpn_id: int, url: str, **options: Any) -> dict[str, Any]:
        body = {key: value for key, value in options.items() if value is not None}
        return self.admin("POST", "/_mock/webhooks/subscriptions", json={**body, "url": url, "cpnId": cpn_id})

    def trigger(self, cpn_id: int, topic: str, action: str | None, resource_id: int | None) -> list[dict[str, Any]]:
        body = {"cpnId": cpn_id, "topic": topic, "action": action, "resourceId": resource_id}
        payloads = self.admin("POST", "/_mock/webhooks/trigger", json={k: v for k, v in body.items() if v is not None})
        return payloads["payloads"]

    def call_api(self, cpn_id: int, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        """One API call through the mock's handlers, outside the journal (`POST /_mock/call`)."""
        return self.admin("POST", "/_mock/call", json={"cpnId": cpn_id, "method": method, "path": path, "body": body})

    def deliveries(self, cpn_id: int) -> list[dict[str, Any]]:
        """The company's deliveries, oldest first."""
        found = self.admin("GET", "/_mock/webhooks/deliveries", params={"cpnId": cpn_id, "limit": DELIVERY_LOG_SIZE})
        return found["items"][::-1]

    def drain(self, timeout: float) -> bool:
        return self.admin("POST", "/_mock/webhooks/drain", params={"timeout": timeout}, timeout=timeout + 5)["idle"]

    def stop(self) -> None:
        self.http.close()


class LocalBackend(Backend):
    """A `MockServer` in a thread of this process: state reads and resets go through `call`."""

    def __init__(self, spec: DataSpec) -> None:
        try:
            self.server = MockServer(spec.to_settings()).start()
        except DataSetError as error:
            raise SetupError(f"mockbsale cannot load the data: {error}") from None
        self.url = self.server.url
        self.http = httpx.Client(base_url=self.url, timeout=10)

    @property
    def engine(self) -> Engine:
        return self.server.engine

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        return self.server.call(fn, self.engine, *args)

    def reset(self) -> None:
        self.server.call(self.engine.reset)

    def stop(self) -> None:
        super().stop()
        self.server.stop()


class RemoteBackend(Backend):
    """A mock started elsewhere (`mockbsale serve`), reached through its `/_mock` admin API. State
    reads run on a copy loaded from `GET /_mock/snapshot`."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, timeout=10)
        try:
            self.companies()
        except (httpx.HTTPError, ValueError, LookupError, KeyError, TypeError) as error:
            self.http.close()
            raise SetupError(f"--bsale-url {url}: no mockbsale answers there ({error})") from None

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        engine = Engine(Settings())
        engine.load_fixtures(self.admin("GET", "/_mock/snapshot"))
        return fn(engine, *args)

    def reset(self) -> None:
        self.admin("POST", "/_mock/reset")


class ServerPool:
    """Every server of the session, by data spec."""

    def __init__(self, default: DataSpec, url: str | None = None) -> None:
        self.default = default
        self.url = url
        self._backends: dict[DataSpec, Backend] = {}

    def get(self, spec: DataSpec) -> Backend:
        backend = self._backends.get(spec)
        if backend is None:
            if self.url and spec != self.default:
                raise SetupError(
                    "@pytest.mark.bsale cannot change the data of the mock given by --bsale-url / bsale_url"
                )
            backend = RemoteBackend(self.url) if self.url else LocalBackend(spec)
            self._backends[spec] = backend
        return backend

    def stop(self) -> None:
        """Stop every server at once (each takes uvicorn's ~0.1-0.2 s shutdown)."""
        with ThreadPoolExecutor(max(len(self._backends), 1)) as pool:
            list(pool.map(lambda backend: backend.stop(), self._backends.values()))
        self._backends.clear()
