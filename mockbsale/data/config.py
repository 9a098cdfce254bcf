"""Seed data: company configuration (offices, taxes, coins, document and payment types, price lists,
users, sale conditions)."""

from __future__ import annotations

import random
import unicodedata

from faker import Faker

from mockbsale.data.common import SEED_TIME
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

PRICE_LISTS = [
    ("Lista de Precios Base", "Precios de venta al público"),
    ("Lista Mayorista", "Precios para distribuidores"),
]


def seed(company: Company, fake: Faker, rng: random.Random) -> None:
    offices = company.table("offices")
    for index, (name, city, municipality, is_virtual) in enumerate(OFFICES, start=1):
        offices.insert(
            {
                "name": name,
                "description": "",
                "address": "" if is_virtual else fake.street_address(),
                "latitude": "",
                "longitude": "",
                "isVirtual": is_virtual,
                "country": "Chile",
                "municipality": municipality,
                "city": city,
                "zipCode": "",
                "costCenter": str(index),
                "state": 0,
                "imagestionCellarId": 0,
                "defaultPriceListId": 1,
            }
        )
    for name, percentage, code, for_all in TAXES:
        company.table("taxes").insert(
            {"name": name, "percentage": percentage, "forAllProducts": for_all, "ledgerAccount": None,
             "code": code, "state": 0}
        )
    for name, code, electronic, sales_note, exempt, credit_note, use_client in DOCUMENT_TYPES:
        company.table("document_types").insert(
            {
                "name": name, "initialNumber": 1, "codeSii": code, "isElectronicDocument": electronic,
                "breakdownTax": 0 if code in ("39", "41") else 1, "use": 0, "isSalesNote": sales_note,
                "isExempt": exempt, "restrictsTax": 0, "useClient": use_client, "messageBodyFormat": None,
                "thermalPrinter": 0, "state": 0, "copyNumber": 1, "isCreditNote": credit_note,
                "continuedHigh": 0, "ledgerAccount": None, "ipadPrint": 0, "ipadPrintHigh": "0",
                "bookTypeId": None, "nextNumber": 1, "lastNumber": FOLIOS_PER_CAF,
            }
        )
    for name, cash, check, credit_note, client_credit, virtual in PAYMENT_TYPES:
        company.table("payment_types").insert(
            {
                "name": name, "isVirtual": virtual, "isCheck": check, "maxCheck": None,
                "isCreditNote": credit_note, "isClientCredit": client_credit, "isCash": cash,
                "isCreditMemo": 0, "state": 0, "maxClientCuota": 0, "ledgerAccount": "", "ledgerCode": None,
                "isAgreementBank": 0, "agreementCode": None,
            }
        )
    for index, (name, symbol, decimals, iso) in enumerate(COINS):
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
            {"firstName": first, "lastName": last, "email": f"{ascii_name(first)}.{ascii_name(last)}@example.cl",
             "state": 0, "officeId": office_id, "createdAt": SEED_TIME}
        )


def ascii_name(name: str) -> str:
    """`Muñoz` -> `munoz`, for generated e-mail addresses."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())
