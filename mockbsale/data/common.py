"""Small helpers shared by the data generators."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime

from stdnum.cl import rut as stdnum_rut

SEED_TIME = 1_700_000_000
"""The default fixed "now" of generated history (2023-11-14 22:13:20 UTC), so data does not depend on the clock."""
TRIAL_END = 1_893_456_000  # 2030-01-01
DAY = 86400
_now: ContextVar[int] = ContextVar("seed_now", default=SEED_TIME)


def seed_now() -> int:
    """The "now" the data being generated is dated from (`SEED_TIME`, or the one of `dated_from`)."""
    return _now.get()


def seed_time_on(today: date) -> int:
    """The generated data's "now" on another day: the same time of day as `SEED_TIME`."""
    midnight = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp())
    return midnight + SEED_TIME % DAY


@contextmanager
def dated_from(now: int) -> Iterator[None]:
    """Generate data whose history is dated relative to `now` (what `--today` sets)."""
    token = _now.set(now)
    try:
        yield
    finally:
        _now.reset(token)


def rut(rng: random.Random, low: int = 5_000_000, high: int = 29_999_999) -> str:
    """A valid Chilean RUT, `12345678-5` (check digit from python-stdnum)."""
    body = str(rng.randint(low, high))
    return f"{body}-{stdnum_rut.calc_check_digit(body)}"


def company_rut(rng: random.Random) -> str:
    return rut(rng, 76_000_000, 77_999_999)
