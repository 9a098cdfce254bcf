"""Seed data: company configuration (offices, taxes, coins, document and payment types, price lists,
users, sale conditions, dynamic attributes, discounts) and the SII tables (book types, DTE codes,
shipping types)."""

from __future__ import annotations

import random
import unicodedata

from faker import Faker

from mockbsale.data.common import seed_now
from mockbsale.data.locale import Locale, Row
from mockbsale.store import Company

OFFICES = [
    ("Casa Matriz", "Santiago", "Providencia", 0),
    ("Sucursal Viña del Mar", "Viña del Mar", "Viña del Mar", 0),
    ("Tienda Online", "Santiago", "Las Condes", 1),
]

# name, percentage, SII code, applies to every product
TAXES = [
    ("IVA", "19.0", "14", 1),
    ("ILA Licores", "31.5", "24", 0),
    ("ILA Vinos y Cervezas", "20.5", "25", 0),
]

# name, SII code ("" = not a tax document), electronic, sales note, exempt, credit note, uses client
DOCUMENT_TYPES = [
    ("NOTA DE VENTA", "", 0, 1, 0, 0, 0),
    ("FACTURA ELECTRÓNICA", "33", 1, 0, 0, 0, 1),
    ("FACTURA NO AFECTA O EXENTA ELECTRÓNICA", "34", 1, 0, 1, 0, 1),
    ("BOLETA ELECTRÓNICA", "39", 1, 0, 0, 0, 0),
    ("BOLETA EXENTA ELECTRÓNICA", "41", 1, 0, 1, 0, 0),
    ("GUÍA DE DESPACHO ELECTRÓNICA", "52", 1, 0, 0, 0, 1),
    ("NOTA DE DÉBITO ELECTRÓNICA", "56", 1, 0, 0, 0, 1),
    ("NOTA DE CRÉDITO ELECTRÓNICA", "61", 1, 0, 0, 1, 1),
]
FOLIOS_PER_CAF = 5000
DOCUMENT_USE = {"61": 1, "52": 2}  # 0 sale, 1 return, 2 dispatch
CAF_AGE = 90 * 86400
"""The seeded CAFs were granted this long before the data's "now"."""
CAF_EXPIRATION = 1_893_456_000  # 2030-01-01: seeded CAFs stay valid

# name, DTE process, code; document types by SII code -> book type id
BOOK_TYPES = [("Libro Venta", "Venta", "0"), ("Libro Compra", "Compra", "1"), ("Libro Boleta", "Boleta", "2")]
BOOK_OF_CODE = {"33": 1, "34": 1, "56": 1, "61": 1, "39": 3, "41": 3}

# name, cash, check, credit note, client credit, virtual
PAYMENT_TYPES = [
    ("Efectivo", 1, 0, 0, 0, 0),
    ("Tarjeta de Crédito", 0, 0, 0, 0, 0),
    ("Tarjeta de Débito", 0, 0, 0, 0, 0),
    ("Transferencia Bancaria", 0, 0, 0, 0, 0),
    ("Cheque", 0, 1, 0, 0, 0),
    ("Crédito Cliente", 0, 0, 0, 1, 0),
    ("Nota de Crédito", 0, 0, 1, 0, 1),
    ("Webpay", 0, 0, 0, 0, 1),
]

# name, symbol, decimals, ISO code
COINS = [
    ("Peso Chileno", "$", 0, "CLP"),
    ("Dólar Estadounidense", "US$", 2, "USD"),
    ("Euro", "€", 2, "EUR"),
    ("Unidad de Fomento", "UF", 2, "CLF"),
]

# name, time, unit (0 days)
SALE_CONDITIONS = [("Contado", 0, 0), ("Crédito 30 días", 30, 0), ("Crédito 60 días", 60, 0)]

# name, tip, type (1 date, 4 text, 7 list), mandatory, document type id, payment type id, client attribute,
# options of a list
DYNAMIC_ATTRIBUTES = [
    ("Banco", "", 4, 1, None, 5, 0, []),
    ("Número", "", 4, 1, None, 5, 0, []),
    ("Titular", "", 4, 0, None, 5, 0, []),
    ("Nº Comprobante", "", 4, 0, None, 2, 0, []),
    ("Cuotas", "", 7, 0, None, 2, 0, ["1", "3", "6", "12"]),
    ("N Operacion", "", 4, 0, None, 3, 0, []),
    ("Fono Contacto", "Fono Contacto", 4, 0, 2, None, 0, []),
    ("Nombre Contacto", "", 4, 0, 2, None, 0, []),
    ("Orden de Compra", "Número de la orden de compra del cliente", 4, 0, 2, None, 0, []),
    ("Tipo de Traslado", "", 7, 1, 6, None, 0, [
        "Operación Constituye Venta", "Venta por Efectuar", "Consignaciones", "Entrega Gratuita", "Traslado Interno",
        "Otros Traslados No Venta", "Guía Devolución", "Traslado para Exportación", "Venta para Exportación",
    ]),
    ("Rubro", "", 4, 0, None, None, 1, []),
    ("Número Cliente", "", 4, 0, None, None, 1, []),
    ("Fecha de Nacimiento", "", 1, 0, None, None, 1, []),
]

# id, name, SII code (the ids of Bsale's own table)
DTE_CODES = [
    (1, "Boleta Exenta", "38"), (2, "Factura de Compra", "45"), (3, "Nota de Débito", "55"),
    (4, "Nota de Crédito", "60"), (5, "Liquidación", "103"), (6, "Liquidación Factura", "40"),
    (7, "Liquidación-Factura Electrónica", "43"), (8, "Factura Electrónica", "33"),
    (9, "Factura No Afecta o Exenta Electrónica", "34"), (10, "Boleta Electrónica", "39"),
    (11, "Boleta Exenta Electrónica", "41"), (12, "Factura de Compra Electrónica", "46"),
    (13, "Nota de Débito Electrónica", "56"), (14, "Nota de Crédito Electrónica", "61"),
    (15, "Guía de Despacho", "50"), (16, "Guía de Despacho Electrónica", "52"),
    (17, "Factura de Exportación Electrónica", "110"), (18, "Nota de Débito de Exportación Electrónica", "111"),
    (19, "Nota de Crédito de Exportación Electrónica", "112"), (20, "Orden de Compra", "801"),
    (21, "Nota de Pedido", "802"), (22, "Contrato", "803"), (23, "Resolución", "804"),
    (24, "Proceso ChileCompra", "805"), (25, "Ficha ChileCompra", "806"), (26, "DUS", "807"),
    (27, "B/L (Conocimiento de embarque)", "808"), (28, "AWB (Air Will Bill)", "809"), (29, "MIC/DTA", "810"),
    (30, "Carta de Porte", "811"), (31, "Resolución del SNA", "812"), (32, "Pasaporte", "813"),
    (33, "Certificado de Depósito Bolsa Prod. Chile", "814"), (34, "Vale de Prenda Bolsa Prod. Chile", "815"),
    (35, "Boleta", "35"), (36, "Factura", "30"), (37, "Factura Exenta", "32"),
    (38, "Declaración de Ingreso (DIN)", "914"),
]

# SII shipping type codes 1-9 (name, uses a destination office)
SHIPPING_TYPES = [
    ("Operación constituye venta", 0), ("Ventas por efectuar", 0), ("Consignaciones", 0), ("Entrega gratuita", 0),
    ("Traslados internos", 1), ("Otros traslados no venta", 0), ("Guía de devolución", 0),
    ("Traslado para exportación. (no venta)", 0), ("Venta para exportación", 0),
]

# name, percentage, state
DISCOUNTS = [("Descuento cliente preferencial", "10.0", 0), ("Descuento por volumen", "15.0", 0),
             ("Liquidación de temporada", "30.0", 1)]

PRICE_LISTS = [
    ("Lista de Precios Base", "Precios de venta al público"),
    ("Lista Mayorista", "Precios para distribuidores"),
]


def tax_row(name: str, percentage: str, code: str, for_all: int) -> Row:
    return {"name": name, "percentage": percentage, "forAllProducts": for_all, "ledgerAccount": None,
            "code": code, "state": 0}


def document_type_row(
    name: str, code: str, electronic: int, sales_note: int, exempt: int, credit_note: int, use_client: int,
    *, breakdown_tax: int = 1, use: int = 0, book_type_id: int | None = None,
) -> Row:
    """A `document_types` row: the authority code (SII, SUNAT) is stored under `codeSii`;
    `cafStartDate` is set when seeded (from `seed_now`)."""
    return {
        "name": name, "initialNumber": 1, "codeSii": code, "isElectronicDocument": electronic,
        "breakdownTax": breakdown_tax, "use": use, "isSalesNote": sales_note,
        "isExempt": exempt, "restrictsTax": 0, "useClient": use_client, "messageBodyFormat": None,
        "thermalPrinter": 0, "state": 0, "copyNumber": 1, "isCreditNote": credit_note,
        "continuedHigh": 0, "ledgerAccount": None, "ipadPrint": 0, "ipadPrintHigh": "0",
        "bookTypeId": book_type_id, "nextNumber": 1, "lastNumber": FOLIOS_PER_CAF,
        "cafStartDate": None, "cafExpirationDate": CAF_EXPIRATION,
    }


CHILE_TAXES = [tax_row(*tax) for tax in TAXES]
CHILE_DOCUMENT_TYPES = [
    document_type_row(*entry, breakdown_tax=0 if entry[1] in ("39", "41") else 1, use=DOCUMENT_USE.get(entry[1], 0),
                      book_type_id=BOOK_OF_CODE.get(entry[1]))
    for entry in DOCUMENT_TYPES
]


def seed(company: Company, fake: Faker, rng: random.Random, locale: Locale) -> None:
    offices = company.table("offices")
    for index, (name, city, municipality, is_virtual) in enumerate(locale.offices, start=1):
        offices.insert(
            {
                "name": name,
                "description": "",
                "address": "" if is_virtual else locale.street_address(fake),
                "latitude": "",
                "longitude": "",
                "isVirtual": is_virtual,
                "country": locale.country.name,
                "municipality": municipality,
                "city": city,
                "zipCode": "",
                "costCenter": str(index),
                "state": 0,
                "imagestionCellarId": 0,
                "defaultPriceListId": 1,
            }
        )
    locale.authority_tables(company)
    for code, (name, destination) in enumerate(SHIPPING_TYPES, start=1):
        company.table("shipping_types").insert(
            {"name": name, "codeSii": code, "useDestinationOffice": destination, "state": 0}
        )
    for tax in locale.taxes:
        company.table("taxes").insert(dict(tax))
    for document_type in locale.document_types:
        company.table("document_types").insert({**document_type, "cafStartDate": seed_now() - CAF_AGE})
    for name, cash, check, credit_note, client_credit, virtual in PAYMENT_TYPES:
        company.table("payment_types").insert(
            {
                "name": name, "isVirtual": virtual, "isCheck": check, "maxCheck": None,
                "isCreditNote": credit_note, "isClientCredit": client_credit, "isCash": cash,
                "isCreditMemo": 0, "state": 0, "maxClientCuota": 0, "ledgerAccount": "", "ledgerCode": None,
                "isAgreementBank": 0, "agreementCode": None,
            }
        )
    for index, (name, symbol, decimals, iso) in enumerate(locale.coins):
        company.table("coins").insert(
            {"name": name, "symbol": symbol, "decimals": decimals, "totalRound": 0, "isoCode": iso,
             "state": 0, "default": 1 if index == 0 else 0}
        )
    for name, time_condition, unit in SALE_CONDITIONS:
        company.table("sale_conditions").insert(
            {"name": name, "timeCondition": time_condition, "timeUnity": unit, "state": 0}
        )
    for name, description in PRICE_LISTS:
        company.table("price_lists").insert({"name": name, "description": description, "state": 0, "coinId": 1})
    for office_id in (1, 1, 2, 3):
        first, last = fake.first_name(), fake.last_name()
        company.table("users").insert(
            {"firstName": first, "lastName": last,
             "email": f"{ascii_name(first)}.{ascii_name(last)}@{locale.email_domain}",
             "state": 0, "officeId": office_id, "createdAt": seed_now()}
        )
    seed_attributes(company, locale)
    for name, percentage, state in DISCOUNTS:
        company.table("discounts").insert({"name": name, "percentage": percentage, "state": state, "automatic": 0})


def seed_book_types(company: Company) -> None:
    """Bsale's book types (sales, purchases, boletas), the same in every company."""
    for name, process, code in BOOK_TYPES:
        company.table("book_types").insert({"name": name, "dteProcess": process, "code": code, "state": 0})


def seed_sii(company: Company) -> None:
    """The SII's book types and DTE codes, the same in every company."""
    seed_book_types(company)
    for row_id, name, code in DTE_CODES:
        company.table("dte_codes").insert({"id": row_id, "name": name, "codeSii": code, "state": 0})


def seed_attributes(company: Company, locale: Locale) -> None:
    for name, tip, kind, mandatory, document_type, payment_type, for_clients, options in locale.dynamic_attributes:
        attribute = company.table("dynamic_attributes").insert(
            {"name": name, "tip": tip, "type": kind, "isMandatory": mandatory, "state": 0,
             "documentTypeId": document_type, "paymentTypeId": payment_type, "clientAttribute": for_clients}
        )
        for option in options:
            company.table("dynamic_attribute_details").insert(
                {"dynamicAttributeId": attribute["id"], "name": option, "state": 0}
            )


def ascii_name(name: str) -> str:
    """`Muñoz` -> `munoz`, for generated e-mail addresses."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())
