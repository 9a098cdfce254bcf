"""Deterministic generators of realistic Bsale companies, one `Locale` per country.

`generate_company` fills an empty company as Bsale holds one in its country (`company.country`):
each group module seeds its tables, in order, from the same seeded Faker and random generator and
the country's locale (`chile.LOCALE`, `peru.LOCALE`), so the same seed always gives the same data.
"""

from __future__ import annotations

import random

from faker import Faker

from mockbsale.data import catalog, chile, clients, config, markets, peru, sales
from mockbsale.data.common import TRIAL_END
from mockbsale.data.locale import Locale
from mockbsale.store import Company

LOCALES: dict[str, Locale] = {locale.country.code: locale for locale in (chile.LOCALE, peru.LOCALE)}
"""Each country's seed data (tax-id makers, places, taxes...), for the strategies too."""


def generate_company(company: Company, seed: int) -> None:
    locale = LOCALES[company.country]
    fake = Faker(locale.faker)
    fake.seed_instance(seed)
    rng = random.Random(seed)
    company.instance.update(
        {
            "id": company.cpn_id,
            "code": locale.company_code(rng),
            "name": locale.company_name(fake),
            "state": 0,
            "country": locale.country.code,
            "trial": 0,
            "trialEnd": TRIAL_END,
        }
    )
    for group in (config, catalog, clients, sales):
        group.seed(company, fake, rng, locale)
    markets.seed(company, fake, rng)
