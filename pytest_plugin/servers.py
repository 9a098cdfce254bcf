"""The mock servers of a test session: one live server per data spec, started on first use and
reused by every test with that spec; or an already running mock (`--bsale-url`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import httpx

from mockbsale import Engine, MockServer, Settings
from mockbsale.http.journal import Entry
from pytest_plugin.options import DataSpec, SetupError

T = TypeVar("T")


class Backend(Protocol):
    url: str
    local: bool

    def companies(self) -> list[tuple[int, str]]:
        """(cpnId, access token) of every company, in order."""

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(engine, *args)` against the current state (on the server's event loop when local)."""

    def reset(self) -> None: ...

    def server_errors(self) -> list[str]:
        """The requests the mock answered 500 since the last reset."""

    def requests(self, cpn_id: int) -> list[Entry]:
        """The journal of the company's API requests, oldest first."""

    def set_fault(self, cpn_id: int, kind: str, options: dict[str, Any]) -> None:
        """Turn on fault `kind` for the company (ValueError when the kind or an option is unknown)."""

    def stop(self) -> None: ...


class LocalBackend:
    """A `MockServer` in a thread of this process: state reads and resets go through `call`."""

    local = True

    def __init__(self, spec: DataSpec) -> None:
        self.server = MockServer(spec.to_settings()).start()
        self.url = self.server.url

    @property
    def engine(self) -> Engine:
        return self.server.engine

    def companies(self) -> list[tuple[int, str]]:
        return [(company.cpn_id, company.token) for company in self.engine.store.companies.values()]

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        return self.server.call(fn, self.engine, *args)

    def reset(self) -> None:
        self.server.call(self.engine.reset)

    def server_errors(self) -> list[str]:
        return self.server.call(list, self.engine.server_errors)

    def requests(self, cpn_id: int) -> list[Entry]:
        return self.server.call(self.engine.journal.entries, cpn_id)

    def set_fault(self, cpn_id: int, kind: str, options: dict[str, Any]) -> None:
        self.server.call(lambda: self.engine.faults.set(cpn_id, kind, **options))

    def stop(self) -> None:
        self.server.stop()


class RemoteBackend:
    """A mock started elsewhere (`mockbsale serve`), reached through its `/_mock` admin API. State
    reads run on a copy loaded from `GET /_mock/snapshot`."""

    local = False

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, timeout=10)
        try:
            self._companies = [(entry["cpnId"], entry["token"]) for entry in self.http.get("/_mock/companies").json()]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise SetupError(f"--bsale-url {url}: no mockbsale answers there ({error})") from None

    def companies(self) -> list[tuple[int, str]]:
        return list(self._companies)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        engine = Engine(Settings())
        engine.load_fixtures(self.http.get("/_mock/snapshot").raise_for_status().json())
        return fn(engine, *args)

    def reset(self) -> None:
        self.http.post("/_mock/reset").raise_for_status()

    def server_errors(self) -> list[str]:
        """Not visible from outside the mock's process (its log shows them)."""
        return []

    def requests(self, cpn_id: int) -> list[Entry]:
        entries = self.http.get("/_mock/requests", params={"cpnId": cpn_id}).raise_for_status().json()
        return [
            Entry(e["cpnId"], e["method"], e["path"], e["query"], e["body"], e["status"], e["fault"]) for e in entries
        ]

    def set_fault(self, cpn_id: int, kind: str, options: dict[str, Any]) -> None:
        answer = self.http.post("/_mock/faults", json={**options, "kind": kind, "cpnId": cpn_id})
        if answer.status_code == 400:
            raise ValueError(answer.json()["error"])
        answer.raise_for_status()

    def stop(self) -> None:
        self.http.close()


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
        for backend in self._backends.values():
            backend.stop()
        self._backends.clear()
