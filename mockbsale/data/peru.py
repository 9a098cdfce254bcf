"""A Peruvian company: RUCs and DNIs (python-stdnum), Lima and provincial districts, IGV 18 % and
ICBPER, SUNAT's document types (`01` factura, `03` boleta...) with their series, soles, and SUNAT's
CPE codes. Faker has no `es_PE` locale: names come from `es_ES`, business names, streets and
places from the lists here. The same seed always gives the same data."""

from __future__ import annotations

import random
from typing import Any

from stdnum.pe import ruc

from mockbsale.data import catalog, clients, config, markets, sales
from mockbsale.data.config import document_type_row
from mockbsale.data.locale import Locale, start
from mockbsale.domain.countries import PERU
from mockbsale.store import Company

FAKER_LOCALE = "es_ES"

OFFICES = [
    ("Casa Matriz", "Lima", "Miraflores", 0),
    ("Sucursal Arequipa", "Arequipa", "Yanahuara", 0),
    ("Tienda Online", "Lima", "San Isidro", 1),
]
PLACES = [
    ("Lima", "Miraflores"), ("Lima", "San Isidro"), ("Lima", "Santiago de Surco"), ("Lima", "La Molina"),
    ("Lima", "San Borja"), ("Lima", "Barranco"), ("Lima", "Jesús María"), ("Arequipa", "Cayma"),
    ("Cusco", "Wanchaq"), ("Trujillo", "Víctor Larco Herrera"), ("Piura", "Castilla"), ("Chiclayo", "La Victoria"),
]
STREETS = ["Av. José Larco", "Av. Arequipa", "Av. Javier Prado Este", "Av. La Marina", "Jr. de la Unión",
           "Av. Petit Thouars", "Av. Benavides", "Calle Las Begonias", "Jr. Bolognesi", "Av. Angamos Oeste",
           "Calle Los Pinos", "Psje. Santa Rosa"]
BUSINESS_FORMS = ["S.A.C.", "E.I.R.L.", "S.R.L.", "S.A."]
BUSINESS_KINDS = ["Comercial", "Inversiones", "Distribuidora", "Importaciones", "Servicios Generales", "Textil"]
ACTIVITIES = ["Venta al por menor", "Venta al por mayor", "Actividades de consultoría", "Restaurantes",
              "Transporte de carga por carretera", "Construcción de edificios", "Venta de prendas de vestir"]

IGV, EXONERATED, EXPORT, ICBPER = 1, 2, 3, 4
# name, percentage (ICBPER: soles per unit), SUNAT code, applies to every product, over another tax, per unit
TAXES = [
    ("IGV", "18.0", "1000", 1, 0, 0),
    ("EXONERADO", "0.0", "9997", 0, 0, 0),
    ("PARA EXPORTACION", "0.0", "9995", 0, 0, 0),
    ("ICBPER", "0.5", "7152", 0, 0, 1),
]

FACTURA, BOLETA, CREDIT_NOTE, DEBIT_NOTE, REMISSION_GUIDE = "01", "03", "07", "08", "09"
# name, SUNAT code ("" = not a tax document), electronic, sales note, exempt, credit note, uses client
DOCUMENT_TYPES = [
    ("NOTA DE VENTA", "", 0, 1, 0, 0, 0),
    ("FACTURA ELECTRÓNICA", FACTURA, 1, 0, 0, 0, 1),
    ("BOLETA DE VENTA ELECTRÓNICA", BOLETA, 1, 0, 0, 0, 0),
    ("NOTA DE CRÉDITO ELECTRÓNICA", CREDIT_NOTE, 1, 0, 0, 1, 1),
    ("NOTA DE DÉBITO ELECTRÓNICA", DEBIT_NOTE, 1, 0, 0, 0, 1),
    ("GUÍA DE REMISIÓN ELECTRÓNICA", REMISSION_GUIDE, 1, 0, 0, 0, 1),
]
DOCUMENT_USE = {CREDIT_NOTE: 1, REMISSION_GUIDE: 2}

COINS = [("Sol", "S/", 2, "PEN"), *config.COINS[1:3]]
"""Soles, then the dollar and the euro as Chile's company has them."""

# as config.DYNAMIC_ATTRIBUTES; document type 2 is the factura, 6 the remission guide
DYNAMIC_ATTRIBUTES = [
    *config.DYNAMIC_ATTRIBUTES[:2],
    ("Nº Operación", "", 4, 0, None, 2, 0, []),
    ("Cuotas", "", 7, 0, None, 2, 0, ["1", "3", "6", "12"]),
    ("Teléfono Contacto", "Teléfono Contacto", 4, 0, 2, None, 0, []),
    ("Orden de Compra", "Número de la orden de compra del cliente", 4, 0, 2, None, 0, []),
    ("Motivo de Traslado", "", 7, 1, 6, None, 0, [
        "Venta", "Compra", "Traslado entre establecimientos de la misma empresa", "Consignación", "Devolución",
        "Importación", "Exportación", "Otros",
    ]),
    *config.DYNAMIC_ATTRIBUTES[-3:],
]

# id, SUNAT code, name, state: the CPE codes Bsale's Peru pages show (ids as documented), then the
# rest of SUNAT's catalogue 01 that documents reference (ids after the documented ones)
CPE_CODES = [
    (1, "38", "Boleta Exenta", 1), (8, "03", "BOLETA - A4", 0), (10, "39", "Boleta Electrónica", 1),
    (11, "41", "Boleta Exenta Electrónica", 1), (22, "803", "Contrato", 1), (26, "807", "DUS", 1),
    (27, "808", "B/L (Conocimiento de embarque)", 1), (28, "809", "AWB (Air Will Bill)", 1),
    (30, "811", "Carta de Porte", 1), (33, "814", "Certificado de Depósito Bolsa Prod. Chile", 1),
    (35, "35", "Boleta", 1), (36, "30", "Factura", 1), (38, "914", "Declaración de Ingreso (DIN)", 1),
    (44, "99", "FACTURA", 0), (45, "99", "BOLETA DE VENTA ", 0),
    (50, "99", "DOCUMENTO BAJO EL CONTROL DE LA SUPERINTENDENCIA DE BANCA Y SEGUROS", 0),
    (52, "99", "BOLETO DE VIAJE", 0), (53, "99", "DOCUMENTOS EMITIDOS POR LAS AFP", 0),
    (54, "99", "COMPROBANTE DE RETENCION", 0), (56, "99", "COMPROBANTE DE PERCEPCION", 0),
    (57, "99", "COMPROBANTE DE PERCEPCION - VENTA INTERNA", 0), (58, "99", "COMPROBANTE DE PAGO SEAE", 0),
    (62, "01", "Factura - emitida para corregir error en el RUC", 0), (63, "02", "Factura - emitida por anticipos", 1),
    (64, "03", "Boleta de Venta - emitida por anticipos", 1), (66, "05", "Código SCOP", 0),
    (67, "07", "Nota de Crédito", 0), (68, "08", "Nota de Débito", 0), (69, "09", "Guía de Remisión Remitente", 0),
    (70, "12", "Ticket o cinta emitido por máquina registradora", 0),
]

# plastic bags carry ICBPER, a fixed amount per bag on top of IGV
BAGS = ("Bolsas", "Tamaño", ["Chica", "Mediana", "Grande"], "BOL", "icbper", False)
BAG_NAMES = ["Bolsa Plástica Tienda", "Bolsa Plástica Reforzada"]


def dni(rng: random.Random) -> str:
    """A DNI: 8 digits."""
    return f"{rng.randint(10_000_000, 79_999_999)}"


def company_ruc(rng: random.Random) -> str:
    """A company's RUC: `20`, 8 digits and SUNAT's check digit (python-stdnum)."""
    body = f"20{rng.randint(10_000_000, 99_999_999)}"
    return body + ruc.calc_check_digit(body)


def business_name(fake: Any) -> str:
    """`Inversiones Quispe S.A.C.`"""
    return f"{fake.random_element(BUSINESS_KINDS)} {fake.last_name()} {fake.random_element(BUSINESS_FORMS)}"


def street_address(fake: Any) -> str:
    return f"{fake.random_element(STREETS)} {fake.random_int(100, 3999)}"


def tax_row(name: str, percentage: str, code: str, for_all: int, over_tax: int, per_unit: int) -> dict[str, Any]:
    return {**config.tax_row(name, percentage, code, for_all), "overTax": over_tax, "amountTax": per_unit}


def seed_sunat(company: Company) -> None:
    """SUNAT's CPE codes (`/v1/cpe_codes`), the same in every company."""
    for row_id, code, name, state in CPE_CODES:
        company.table("cpe_codes").insert({"id": row_id, "codeSii": code, "name": name, "state": state})


LOCALE = Locale(
    country=PERU,
    email_domain="example.pe",
    person_code=dni,
    company_code=company_ruc,
    company_name=business_name,
    street_address=street_address,
    phone_number=lambda fake: fake.numerify("9## ### ###"),
    offices=OFFICES,
    places=PLACES,
    activities=ACTIVITIES,
    taxes=[tax_row(*tax) for tax in TAXES],
    document_types=[
        document_type_row(*entry, use=DOCUMENT_USE.get(entry[1], 0)) for entry in DOCUMENT_TYPES
    ],
    coins=COINS,
    dynamic_attributes=DYNAMIC_ATTRIBUTES,
    authority_tables=seed_sunat,
    vat_factor=1.18,
    price_scale=0.004,
    gs1_prefix="775",
    extra_taxes={"icbper": ICBPER},
    extra_product_types=[BAGS],
    extra_product_names={"Bolsas": BAG_NAMES},
    extra_price_ranges={"Bolsas": (125, 250)},
    invoice_code=FACTURA,
    received_documents=False,
)


def generate(company: Company, seed: int) -> None:
    fake, rng = start(company, seed, LOCALE, FAKER_LOCALE)
    for group in (config, catalog, clients, sales):
        group.seed(company, fake, rng, LOCALE)
    markets.seed(company, fake, rng)
