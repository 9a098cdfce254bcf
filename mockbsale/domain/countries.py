"""Country profiles: what the domain asks of the country a company is in (tax ids, money).

Bsale serves Chile, Peru and Mexico with one API; the rules that differ live here as data and
small functions, asked through `ctx.country`, never as `if country == ...` in handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stdnum.cl import rut


def valid_rut(code: str) -> bool:
    """A Chilean RUT whose check digit is right, whatever its length (`12.345.678-5`, `1-9`)."""
    try:
        number = rut.compact(code)
    except (TypeError, ValueError):
        return False
    body, check = number[:-1], number[-1:]
    return 0 < len(body) <= 9 and body.isdigit() and int(body) > 0 and rut.calc_check_digit(body) == check


@dataclass(frozen=True)
class Country:
    code: str
    """ISO 3166 alpha-2, as Bsale's instance info names it (`CL`)."""
    name: str
    currency: str
    money_decimals: int
    """Decimal places of the country's money in amounts (Chile's pesos have none)."""
    valid_tax_id: Callable[[str], bool]
    """Whether a client's tax id (`code`) has the country's form and check digit."""


CHILE = Country(code="CL", name="Chile", currency="CLP", money_decimals=0, valid_tax_id=valid_rut)

COUNTRIES: dict[str, Country] = {country.code: country for country in (CHILE,)}
DEFAULT_COUNTRY = CHILE.code


def country(code: str) -> Country:
    """The profile of `code` (`KeyError` for a country the mock does not serve)."""
    return COUNTRIES[code]
