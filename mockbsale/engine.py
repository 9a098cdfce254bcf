"""The engine: the store of companies, the registry, and where domain events go."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import mockbsale.resources  # noqa: F401  (the resource modules register themselves)
from mockbsale.config import Settings
from mockbsale.data import generate_company
from mockbsale.data.common import SEED_TIME, dated_from, seed_time_on
from mockbsale.data.tables import TABLES
from mockbsale.dataset.statefile import StateFile
from mockbsale.dataset.validate import read_data_set
from mockbsale.domain.countries import DEFAULT_COUNTRY, known_country
from mockbsale.events import Event, Listener
from mockbsale.http.faults import Faults, parse_fault
from mockbsale.http.journal import Journal
from mockbsale.http.ratelimit import RateLimiter
from mockbsale.recent import Recent
from mockbsale.resources.registry import REGISTRY, Registry
from mockbsale.resources.render import forget_plans
from mockbsale.store import Company, Store
from mockbsale.webhooks import WebhookHub

log = logging.getLogger("mockbsale")

FIRST_CPN_ID = 1
SERVER_ERRORS_KEPT = 1000
MAX_PATH_KEPT = 300


def demo_token(seed: int) -> str:
    """The token of the single company made when no `--token` is given: 40 hex digits like a
    real Bsale token, the same for the same seed."""
    return hashlib.sha1(f"mockbsale-demo-{seed}".encode()).hexdigest()


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.registry: Registry = REGISTRY
        schema = {name: set(keys) for name, keys in TABLES.items()}
        for name, keys in self.registry.schema().items():
            schema.setdefault(name, set()).update(keys)
        self.store = Store(schema)
        self.server_errors: Recent[str] = Recent(SERVER_ERRORS_KEPT)
        """The requests the mock answered 500 (its own bugs), newest `SERVER_ERRORS_KEPT`, as "METHOD path"."""
        self.listeners: list[Listener] = []
        """Where the events of each successful write go: the webhook hub, test probes."""
        self.webhooks = WebhookHub(self.settings, self.store.companies, api=self)
        """Bsale webhooks: subscriptions, deliveries, trigger (see `mockbsale.webhooks.hub`)."""
        self.journal = Journal()
        """Every API request answered, per company, with the events it raised (see `mockbsale.http.journal`)."""
        self.listeners += [self.webhooks, self.journal]
        self.faults = Faults(self.settings.seed if self.settings.fault_seed is None else self.settings.fault_seed)
        """Injected misbehaviour per company: `faults.set(cpn_id, "429", after=10)`, `faults.clear()`."""
        self.rate_limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        self.clock: Callable[[], float] = time.time
        """The mock's clock (Unix seconds) for every request: the dates it writes (tests stop it)."""
        self.state_file: StateFile | None = None
        """Where the state is kept across restarts (`--state-file`), saved as a listener's start/stop."""
        if self.settings.state_file:
            self.state_file = StateFile(self, self.settings.state_file)
            self.listeners.append(self.state_file)

    def seed(self) -> None:
        """Fill the store: from the state file when it exists, else from `settings.fixtures`, else generated
        (one company per token). A bad file raises `DataSetError` naming what is wrong."""
        self.store.clear()
        saved = self.state_file.read() if self.state_file else None
        if saved is not None:
            self.load_fixtures(saved)
        elif self.settings.fixtures:
            self.load_fixtures(read_data_set(self.settings.fixtures))
        else:
            tokens = self.settings.tokens or [demo_token(self.settings.seed)]
            today = self.settings.today
            country = known_country(self.settings.country)
            with dated_from(seed_time_on(date.fromisoformat(today)) if today else SEED_TIME):
                for index, token in enumerate(tokens):
                    company = self.store.add_company(FIRST_CPN_ID + index, token, {}, country)
                    generate_company(company, seed=self.settings.seed + index)
        for company in self.store.companies.values():
            company.mark_seeded()
        self.apply_faults()
        if saved is not None and self.state_file is not None:
            self.state_file.restore(saved)

    def apply_faults(self) -> None:
        """Every company's faults back to those of `settings.faults` (none by default)."""
        self.faults.clear()
        for text in self.settings.faults:
            kind, options = parse_fault(text)
            for cpn_id in self.store.companies:
                self.faults.set(cpn_id, kind, **options)

    def load_fixtures(self, document: dict[str, Any]) -> None:
        """Add the companies of a data set (as `read_data_set` returns it, or a snapshot: not checked
        here); a company without `country` is Chilean."""
        for entry in document["companies"]:
            country = known_country(entry.get("country", DEFAULT_COUNTRY), f"company {entry['cpnId']}: ")
            company = self.store.add_company(entry["cpnId"], entry["token"], entry.get("instance", {}), country)
            company.load_tables(entry["tables"])

    def record_server_error(self, method: str, path: str) -> None:
        """Remember a request the mock failed (the path cut to `MAX_PATH_KEPT` characters)."""
        self.server_errors.append(f"{method} {path[:MAX_PATH_KEPT]}")

    def publish(self, company: Company, events: Sequence[Event]) -> None:
        for listener in self.listeners:
            listener.publish(company, events)

    async def start(self) -> None:
        """Called on the server's event loop once it runs (webhook workers start here)."""
        for listener in self.listeners:
            start = getattr(listener, "start", None)
            if start is not None:
                await start()

    async def stop(self) -> None:
        for listener in self.listeners:
            stop = getattr(listener, "stop", None)
            if stop is not None:
                await stop()

    def reset(self) -> None:
        """Every company back to its seeded data; journal forgotten, faults and
        rate limit back to the settings (counts restart); render plans made again from the
        declarations as they are now (a test may have changed one)."""
        self.store.reset()
        forget_plans()
        self.server_errors.clear()
        self.webhooks.reset()
        self.journal.clear()
        self.apply_faults()
        self.rate_limiter.configure(self.settings.rate_limit, self.settings.rate_window)
