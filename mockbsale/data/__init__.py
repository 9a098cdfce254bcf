"""Deterministic generators of realistic Bsale companies, one module per country.

`generate_company` fills an empty company with the generator of its country (`company.country`);
a country module (`chile.py`, `peru.py`) provides `generate(company, seed)`: the same seed always
gives the same data.
"""

from __future__ import annotations

from collections.abc import Callable

from mockbsale.data import chile, peru
from mockbsale.data.locale import Locale
from mockbsale.store import Company

GENERATORS: dict[str, Callable[[Company, int], None]] = {"CL": chile.generate, "PE": peru.generate}
LOCALES: dict[str, Locale] = {"CL": chile.LOCALE, "PE": peru.LOCALE}
"""Each country's seed data (tax-id makers, places, taxes...), for the strategies too."""


def generate_company(company: Company, seed: int) -> None:
    GENERATORS[company.country](company, seed)
