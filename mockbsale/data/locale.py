"""What a country's seed module hands the shared group generators: the country's tax ids, places,
taxes, document types, money and catalog, so `config`, `catalog`, `clients` and `sales` write a
Chilean, a Peruvian or a Mexican company from the same code."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from mockbsale.data.common import TRIAL_END
from mockbsale.domain.countries import Country
from mockbsale.store import Company

TaxIdMaker = Callable[[random.Random], str]
Row = dict[str, Any]


@dataclass(frozen=True)
class Locale:
    country: Country
    """Its profile; offices name their country by its `name` (`Chile`, `Perú`)."""
    email_domain: str
    person_code: TaxIdMaker
    """A valid tax id of a person (RUT, DNI)."""
    company_code: TaxIdMaker
    """A valid tax id of a company (RUT, RUC)."""
    company_name: Callable[[Any], str]
    """A business name from the seeded Faker."""
    street_address: Callable[[Any], str]
    """A street address from the seeded Faker."""
    phone_number: Callable[[Any], str]
    """A phone number from the seeded Faker."""
    offices: Sequence[tuple[str, str, str, int]]
    """name, city, municipality (district), virtual."""
    places: Sequence[tuple[str, str]]
    """(city, municipality) of clients."""
    activities: Sequence[str]
    taxes: Sequence[Row]
    """`taxes` rows, IGV/IVA first (id 1: the tax of every product)."""
    document_types: Sequence[Row]
    """`document_types` rows (the authority code under `codeSii`, as every row stores it)."""
    coins: Sequence[tuple[str, str, int, str]]
    """name, symbol, decimals, ISO code; the first is the company's money."""
    dynamic_attributes: Sequence[tuple[str, str, int, int, int | None, int | None, int, list[str]]]
    authority_tables: Callable[[Company], None]
    """Seeds the tax authority's own tables (Chile's SII book types and DTE codes, Peru's CPE codes)."""
    vat_factor: float
    """1 + the rate of tax 1 (1.19, 1.18): shelf prices are generated with it and stored net."""
    price_scale: float
    """Catalog prices are Chile's ranges times this (in the country's money)."""
    gs1_prefix: str
    """The GS1 prefix of generated EAN-13 barcodes (Chile 780, Peru 775)."""
    extra_taxes: Mapping[str, int] = field(default_factory=dict)
    """A product type's extra tax key (`vinos`) -> the tax id its products carry."""
    extra_product_types: Sequence[tuple[str, str, list[str], str, str | None, bool]] = ()
    extra_product_names: Mapping[str, list[str]] = field(default_factory=dict)
    extra_price_ranges: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    invoice_code: str = "33"
    """The authority code of the factura of the seeded sales (their boleta and dispatch guide are
    the country's `ticket_code` and `dispatch_code`)."""
    received_documents: bool = True
    """Whether the company holds received purchase documents (Chile's SII register)."""


def start(company: Company, seed: int, locale: Locale, faker_locale: str) -> tuple[Faker, random.Random]:
    """A Faker (in `faker_locale`) and a random generator seeded with `seed`, and the company's
    instance info: a company tax id and a business name of the country."""
    fake = Faker(faker_locale)
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
    return fake, rng
