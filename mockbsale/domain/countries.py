"""Country profiles: what the domain asks of the country a company is in (tax ids, money, the
codes of its tax authority, the names its keys take).

Bsale serves Chile, Peru and Mexico with one API; the rules that differ live here as data and
small functions, asked through `ctx.country`, never as `if country == ...` in handlers. Rows are
stored under Chile's key names (`codeSii`, `municipality`); a country's `renames` say what the
API calls them there. A new country is one `Country(...)` added to `COUNTRIES`, plus its seed
module in `mockbsale.data` (see docs/design.md, "Countries").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

from stdnum.cl import rut
from stdnum.mx import rfc
from stdnum.pe import cui, ruc

from mockbsale.domain import cfdi

QUANTA = [Decimal(1).scaleb(-places) for places in range(5)]
"""The smallest unit of a money with 0 to 4 decimal places (`Decimal("0.01")` for soles)."""
TaxIdCheck = Callable[[str, str], str | None]
"""(client tax id, tax authority code of the document type) -> Bsale's error message, or None."""
ClientFields = Callable[[Mapping[str, Any]], dict[str, Any]]
"""A client body -> the country-only attributes it sets, checked (400 when wrong)."""
DocumentFields = Callable[[Mapping[str, Any], int], dict[str, Any]]
"""(a document body, its emission date) -> the country-only attributes it sets, checked."""


CHILE_CLIENT_REQUIRED = ("code", "activity", "address", "city", "municipality")


def no_client_fields(body: Mapping[str, Any]) -> dict[str, Any]:
    return {}


def no_document_fields(body: Mapping[str, Any], emission: int) -> dict[str, Any]:
    return {}


def no_default_client(body: Mapping[str, Any]) -> int | None:
    return None


def valid_rut(code: str) -> bool:
    """A Chilean RUT whose check digit is right, whatever its length (`12.345.678-5`, `1-9`)."""
    number = rut.compact(code)
    body, check = number[:-1], number[-1:]
    return len(body) <= 9 and body.isdigit() and int(body) > 0 and rut.calc_check_digit(body) == check


def client_attribute_required(label: str) -> str:
    """Bsale's answer to a tax document whose client lacks a valid tax id (`"Rut del Cliente"`)."""
    return f'This document type has the following client attributes required: "{label}"'


RUT_REQUIRED = client_attribute_required("Rut del Cliente")
RUC_REQUIRED = client_attribute_required("Ruc del Cliente")
RUC_OR_DNI_REQUIRED = client_attribute_required("Ruc/Dni del Cliente")
PERU_FACTURA = "01"


def chile_tax_id_error(code: str, document_code: str) -> str | None:
    return None if valid_rut(code) else RUT_REQUIRED


def valid_ruc(code: str) -> bool:
    """A Peruvian RUC: 11 digits, a valid taxpayer prefix and check digit (python-stdnum)."""
    return bool(code) and ruc.is_valid(code)


def valid_dni(code: str) -> bool:
    """A Peruvian DNI: 8 digits (its CUI check digit, when given as a 9th, must be right)."""
    return bool(code) and cui.is_valid(code)


def peru_tax_id_error(code: str, document_code: str) -> str | None:
    """A factura (SUNAT `01`) needs a RUC; the other tax documents take a RUC or a DNI."""
    if document_code == PERU_FACTURA:
        return None if valid_ruc(code) else RUC_REQUIRED
    return None if valid_ruc(code) or valid_dni(code) else RUC_OR_DNI_REQUIRED


RFC_REQUIRED = client_attribute_required("Rfc del Cliente")


def valid_rfc(code: str) -> bool:
    """A Mexican RFC: 12 characters (a company) or 13 (a person), a real date and the SAT's
    homoclave and check digit (python-stdnum), or one of the SAT's generic RFCs."""
    return bool(code) and (code.strip().upper() in cfdi.GENERIC_RFCS or rfc.is_valid(code, validate_check_digits=True))


def mexico_tax_id_error(code: str, document_code: str) -> str | None:
    return None if valid_rfc(code) else RFC_REQUIRED


@dataclass(frozen=True)
class Country:
    code: str
    """ISO 3166 alpha-2, as Bsale's instance info names it (`CL`)."""
    name: str
    currency: str
    money_decimals: int
    """Decimal places of the country's money in amounts (Chile's pesos have none)."""
    tax_id_error: TaxIdCheck
    """Bsale's message when a tax document's new client has no valid tax id (`code`), else None."""
    renames: Mapping[str, str] = field(default_factory=dict)
    """Chile's name of a key -> this country's (`codeSii` -> `code`), in responses and request
    bodies, for every resource that does not declare otherwise (`Resource.renames`)."""
    request_renames: Mapping[str, str] = field(default_factory=dict)
    """A request key of this country -> Chile's name, read back before the domain sees a body
    (only the unambiguous ones: Peru's `code` is a client's tax id as well as a SUNAT code, so the
    domain asks `served("codeSii")` where it means the latter)."""
    authority_accepted: str | None = "Proceso Finalizado Correctamente!"
    """The tax authority's answer to a declared electronic document (`{serial}`: its folio); None
    where Bsale shows none (Mexico's `responseMsg` is null in every example)."""
    folio_series: Mapping[str, str] = field(default_factory=dict)
    """Tax authority code of a document type -> the series its folios carry (`01` -> `F001`);
    a country with series serves `serialNumber` (`F001-12`)."""
    ticket_code: str = "39"
    """The authority code of the electronic boleta (what a till sells with, no client needed)."""
    dispatch_code: str = "52"
    """The authority code of the dispatch guide (not paid when issued)."""
    debit_note_code: str = "56"
    """The authority code of the debit note (what annuls a return's credit note)."""
    code_table: str = "dte_codes"
    """The resource listing the tax authority's document codes (Chile's `dte_codes`, Peru's
    `cpe_codes`): where a document reference's `dte_code` points."""
    client_fields: ClientFields = no_client_fields
    """Attributes only this country's clients carry (Mexico's `postalCode` and fiscal `regime`)."""
    document_fields: DocumentFields = no_document_fields
    """Attributes only this country's documents carry (Mexico's CFDI use and payment form)."""
    client_write_times: bool = False
    """Whether API writes stamp a client's `createdAt`/`updatedAt` (Unix seconds, as Mexico's
    example shows; Peru's shows empty strings)."""
    default_client: Callable[[Mapping[str, Any]], int | None] = no_default_client
    """The client id of a document body that names no client (Mexico's global invoice: 1)."""
    electronic_format: str = "DTE"
    """The layout of an electronic document's XML (`urlXml`): Chile's DTE, Mexico's CFDI."""
    client_required: Callable[[Mapping[str, Any]], tuple[str, ...]] = lambda client: CHILE_CLIENT_REQUIRED
    """What a document that uses a client needs of this inline one (Chile's names), in the order
    Bsale's `client attribute required : ...` names them."""

    def served(self, key: str) -> str:
        """What this country calls Chile's `key`."""
        return self.renames.get(key, key)

    def money(self, amount: float) -> float:
        """`amount` rounded half up to the country's money (whole pesos, or cents of a sol)."""
        return float(Decimal(repr(amount)).quantize(QUANTA[self.money_decimals], rounding=ROUND_HALF_UP))

    def serial_number(self, document_code: str, number: int) -> str:
        """The folio as the country prints it: `F001-12` where document types have series."""
        series = self.folio_series.get(document_code)
        return f"{series}-{number}" if series else str(number)

    def accepted(self, document_code: str, number: int) -> str | None:
        if self.authority_accepted is None:
            return None
        return self.authority_accepted.format(serial=self.serial_number(document_code, number))


CHILE = Country(code="CL", name="Chile", currency="CLP", money_decimals=0, tax_id_error=chile_tax_id_error)

PERU = Country(
    code="PE",
    name="Perú",
    currency="PEN",
    money_decimals=2,
    tax_id_error=peru_tax_id_error,
    renames=MappingProxyType({
        "codeSii": "code", "codesii": "code", "declareSii": "declare", "informedSii": "informed",
        "responseMsgSii": "responseMsg", "municipality": "district", "informedsii": "informed",
    }),
    request_renames=MappingProxyType({"declare": "declareSii", "district": "municipality"}),
    authority_accepted="El Comprobante  numero {serial}, ha sido aceptado",
    folio_series=MappingProxyType({"01": "F001", "03": "B001", "07": "FC01", "08": "FD01", "09": "T001"}),
    ticket_code="03",
    dispatch_code="09",
    debit_note_code="08",
    code_table="cpe_codes",
)

MEXICO = Country(
    code="MX",
    name="México",
    currency="MXN",
    money_decimals=2,
    tax_id_error=mexico_tax_id_error,
    renames=PERU.renames,
    request_renames=PERU.request_renames,
    authority_accepted=None,
    folio_series=MappingProxyType({"I": "FE00", "E": "NC00", "P": "CP00", "T": "0000"}),
    ticket_code="T",
    dispatch_code="R",
    debit_note_code="",
    client_fields=cfdi.client_fiscal_data,
    document_fields=cfdi.document_cfdi,
    default_client=cfdi.global_invoice_client,
    client_write_times=True,
    client_required=cfdi.receiver_required,
    electronic_format="CFDI",
)

COUNTRIES: dict[str, Country] = {country.code: country for country in (CHILE, PERU, MEXICO)}
DEFAULT_COUNTRY = CHILE.code


def known_country(code: object, where: str = "") -> str:
    """`code` when the mock serves that country; ValueError (prefixed with `where`) otherwise."""
    if not isinstance(code, str) or code not in COUNTRIES:
        raise ValueError(f"{where}country {code!r} is not one of {', '.join(COUNTRIES)}")
    return code


def country(code: str) -> Country:
    """The profile of `code` (`KeyError` for a country the mock does not serve)."""
    return COUNTRIES[code]
