"""Small helpers shared by the data generators."""

from __future__ import annotations

import random

from stdnum.cl import rut as stdnum_rut

SEED_TIME = 1_700_000_000
"""A fixed "now" for generated history (2023-11-14), so that data does not depend on the clock."""
TRIAL_END = 1_893_456_000  # 2030-01-01


def rut(rng: random.Random, low: int = 5_000_000, high: int = 29_999_999) -> str:
    """A valid Chilean RUT, `12345678-5` (check digit from python-stdnum)."""
    body = str(rng.randint(low, high))
    return f"{body}-{stdnum_rut.calc_check_digit(body)}"


def company_rut(rng: random.Random) -> str:
    return rut(rng, 76_000_000, 77_999_999)
