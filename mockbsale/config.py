"""Settings of one mock server, from CLI flags or `MOCKBSALE_*` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_SEED = 1


@dataclass
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    seed: int = DEFAULT_SEED
    tokens: list[str] = field(default_factory=list)
    """One company per token; empty means one company with a generated token."""
    fixtures: str | None = None
    today: str | None = None
    """The day generated history is dated from (`YYYY-MM-DD`): four weeks of sales before it. None: the
    seed's own date, 2023-11-14, so the same seed gives the same dates."""
    country: str = "CL"
    public_base_url: str | None = None
    """Base of every `href` and `next`; by default the base URL the request came in on."""
    webhook_urls: list[str] = field(default_factory=list)
    """Every company's notifications go to each of these URLs (verbatim)."""
    webhook_topics: list[str] = field(default_factory=list)
    """Topics sent to `webhook_urls`; empty means every topic the mock sends."""
    webhook_actions: list[str] = field(default_factory=list)
    """Actions (`post`, `put`) sent to `webhook_urls`; empty means both."""
    webhook_timeout: float = 3.0
    """Seconds one delivery attempt may take."""
    webhook_retries: int = 5
    """Retries after a failed first attempt (so at most 6 attempts)."""
    webhook_backoff: float = 0.2
    """Delay before the first retry; doubled for each next one, times a random factor in [0.5, 1.5)."""
    webhook_send_on_document: bool = True
    """Put `send` in document notifications too (the documented document example has none)."""
    webhook_grace: float = 1.0
    """Seconds pending deliveries get on shutdown before they are reported undelivered."""
    rate_limit: int = 0
    """Requests allowed per `rate_window` seconds per token; 0 turns the limit off."""
    rate_window: float = 300.0
    faults: list[str] = field(default_factory=list)
    """Faults of every company, `KIND[:name=value,...]` (see `mockbsale.http.faults`); kept across resets."""
    fault_seed: int | None = None
    """Seed of the fault decisions; by default `seed`."""
    log_level: str = "info"
    state_file: str | None = None
    """Keep the whole state in this file across restarts: loaded at start when it exists, saved on shutdown."""
    state_save_every: float = 5.0
    """Seconds between saves of the state file while serving (only when the state changed); 0: never by time."""
    state_save_changes: int = 0
    """Save the state file as soon as this many rows changed since the last save; 0: never by count."""


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"MOCKBSALE_{name}", default)


def env_list(name: str) -> list[str]:
    raw = env(name)
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else []
