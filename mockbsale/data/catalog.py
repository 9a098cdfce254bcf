"""Seed data: catalog (filled by its resource group)."""

from __future__ import annotations

import random

from faker import Faker

from mockbsale.store import Company


def seed(company: Company, fake: Faker, rng: random.Random) -> None:
    """Nothing yet."""
