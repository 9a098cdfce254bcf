"""A Chilean company's locale: Faker `es_CL`, RUTs, communes, IVA 19 % and ILA, the SII's document
types and tables."""

from __future__ import annotations

from mockbsale.data import clients, config
from mockbsale.data.common import company_rut, rut
from mockbsale.data.locale import Locale
from mockbsale.domain.countries import CHILE

LOCALE = Locale(
    country=CHILE,
    faker="es_CL",
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
