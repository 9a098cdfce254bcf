"""A Chilean company (Faker `es_CL`, RUTs, IVA 19 %, the SII's document types): each group module
seeds its tables, in order, from the same seeded Faker and random generator, so the same seed
always gives the same data."""

from __future__ import annotations

from mockbsale.data import catalog, clients, config, markets, sales
from mockbsale.data.common import company_rut, rut
from mockbsale.data.locale import Locale, start
from mockbsale.domain.countries import CHILE
from mockbsale.store import Company

LOCALE = Locale(
    country=CHILE,
    email_domain="example.cl",
    person_code=rut,
    company_code=company_rut,
    company_name=lambda fake: fake.company(),
    street_address=lambda fake: fake.street_address(),
    phone_number=lambda fake: fake.phone_number(),
    offices=config.OFFICES,
    places=clients.COMMUNES,
    activities=clients.ACTIVITIES,
    taxes=config.CHILE_TAXES,
    document_types=config.CHILE_DOCUMENT_TYPES,
    coins=config.COINS,
    dynamic_attributes=config.DYNAMIC_ATTRIBUTES,
    authority_tables=config.seed_sii,
    vat_factor=1.19,
    price_scale=1,
    gs1_prefix="780",
    extra_taxes={"licores": 2, "vinos": 3},
)


def generate(company: Company, seed: int) -> None:
    fake, rng = start(company, seed, LOCALE, "es_CL")
    for group in (config, catalog, clients, sales):
        group.seed(company, fake, rng, LOCALE)
    markets.seed(company, fake, rng)
