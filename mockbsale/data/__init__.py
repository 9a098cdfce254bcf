"""Deterministic generators of realistic Bsale companies (Chile, Faker `es_CL`).

`generate_company` fills an empty company; each module seeds one group of tables, in order,
from the same seeded Faker and random generator, so the same seed always gives the same data.
"""

from __future__ import annotations

import random

from faker import Faker

from mockbsale.data import catalog, clients, config, markets, sales
from mockbsale.data.common import company_rut
from mockbsale.store import Company

TRIAL_END = 1_893_456_000  # 2030-01-01


def generate_company(company: Company, seed: int) -> None:
    fake = Faker("es_CL")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    company.instance.update(
        {
            "id": company.cpn_id,
            "code": company_rut(rng),
            "name": fake.company(),
            "state": 0,
            "country": "CL",
            "trial": 0,
            "trialEnd": TRIAL_END,
        }
    )
    for group in (config, catalog, clients, sales, markets):
        group.seed(company, fake, rng)
