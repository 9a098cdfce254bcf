"""A Mexican company (Faker `es_MX`): RFCs with their check digit (python-stdnum), colonias with
their postal codes, IVA 16 % (0 % and the 8 % of the northern border) and IEPS, CFDI document
types (`I` ingreso, `E` egreso, `P` pago, Bsale's `T` tickets), pesos with cents, the general
public's client (id 1, `XAXX010101000`) and clients with a postal code and a fiscal regime. The
same seed always gives the same data."""

from __future__ import annotations

import random
import string
from typing import Any

from stdnum.mx import rfc

from mockbsale.data import catalog, clients, config, markets, sales
from mockbsale.data.common import seed_now
from mockbsale.data.config import document_type_row
from mockbsale.data.locale import Locale, start
from mockbsale.domain import documents, global_invoices
from mockbsale.domain.cfdi import PUBLIC_REGIME, PUBLIC_RFC, PUBLIC_USE
from mockbsale.domain.countries import MEXICO
from mockbsale.store import Company

FAKER_LOCALE = "es_MX"

OFFICES = [
    ("Casa Matriz", "Ciudad de México", "Cuauhtémoc", 0),
    ("Sucursal Monterrey", "Monterrey", "San Pedro Garza García", 0),
    ("Tienda en Línea", "Ciudad de México", "Miguel Hidalgo", 1),
]
# the payment types' names in Mexico and their SAT c_FormaPago (by the ids config.PAYMENT_TYPES seeds)
PAYMENT_FORMS = {
    1: ("Efectivo", "01"), 2: ("Tarjeta de Crédito", "04"), 3: ("Tarjeta de Débito", "28"),
    4: ("Transferencia SPEI", "03"), 5: ("Cheque", "02"), 6: ("Crédito Cliente", "99"),
    7: ("Nota de Crédito", "17"), 8: ("Mercado Pago", "31"),
}
OFFICE_POSTAL_CODES = ["06600", "66220", "11000"]
"""Each office's postal code: where its CFDIs are issued (`LugarExpedicion`)."""
ISSUER_REGIME = "601"
"""The company's fiscal regime (general, a persona moral)."""
# city, colonia (served as `district`), postal code
PLACES = [
    ("Ciudad de México", "Juárez", "06600"), ("Ciudad de México", "Roma Norte", "06700"),
    ("Ciudad de México", "Hipódromo Condesa", "06170"), ("Ciudad de México", "Polanco", "11560"),
    ("Ciudad de México", "Del Valle Centro", "03100"), ("Guadalajara", "Providencia", "44630"),
    ("Monterrey", "Centro", "64000"), ("Puebla", "La Paz", "72160"), ("Querétaro", "Centro", "76000"),
    ("Mérida", "García Ginerés", "97070"),
]
POSTAL_CODES = {district: postal_code for _, district, postal_code in PLACES}
ACTIVITIES = ["Comercio al por menor", "Comercio al por mayor", "Servicios de consultoría", "Restaurantes",
              "Autotransporte de carga", "Construcción", "Venta de ropa y calzado"]
PERSON_REGIMES = ["612", "626", "605"]
COMPANY_REGIMES = ["601", "601", "626"]

IVA, IEPS_WINE, IEPS_SPIRITS = 1, 4, 5
# name, percentage, SAT code (c_Impuesto: 002 IVA, 003 IEPS), applies to every product
TAXES = [
    ("IVA", "16.0", "002", 1),
    ("IVA 0%", "0.0", "002", 0),
    ("IVA FRONTERA 8%", "8.0", "002", 0),
    ("IEPS Vinos y Cervezas", "26.5", "003", 0),
    ("IEPS Bebidas Alcohólicas", "53.0", "003", 0),
]

INCOME, EXPENSE, PAYMENT, TICKET, REMISSION = "I", "E", "P", "T", "R"
# name, code ("" = not a tax document), electronic, sales note, exempt, credit note, uses client
DOCUMENT_TYPES = [
    ("NOTA DE VENTA", "", 0, 1, 0, 0, 0),
    ("FACTURA", INCOME, 1, 0, 0, 0, 1),
    ("TICKET DE VENTA", TICKET, 0, 0, 0, 0, 0),
    ("NOTA DE CRÉDITO", EXPENSE, 1, 0, 0, 1, 1),
    ("COMPLEMENTO DE PAGO", PAYMENT, 1, 0, 0, 0, 1),
    ("FACTURA GLOBAL", INCOME, 1, 0, 0, 0, 1),
    ("NOTA DE REMISIÓN", REMISSION, 0, 0, 0, 0, 1),
    ("COTIZACIÓN", "", 0, 1, 0, 0, 1),
]
SERIES = {"FACTURA GLOBAL": {"series": "FG00"}}
"""Document types with a folio series of their own (the others print the country's, by SAT code)."""
DOCUMENT_USE = {EXPENSE: 1, REMISSION: 2, PAYMENT: 10}
BOOK_OF_CODE = {INCOME: 1, EXPENSE: 1, TICKET: 3}

COINS = [("Peso Mexicano", "$", 2, "MXN"), *config.COINS[1:3]]
"""Pesos, then the dollar and the euro as Chile's company has them."""

# as config.DYNAMIC_ATTRIBUTES (the cheque's bank and number, the client attributes); document
# type 2 is the factura, 7 the remission note
DYNAMIC_ATTRIBUTES = [
    *config.DYNAMIC_ATTRIBUTES[:2],
    ("Nº Autorización", "", 4, 0, None, 2, 0, []),
    ("Meses sin intereses", "", 7, 0, None, 2, 0, ["1", "3", "6", "12"]),
    ("Teléfono Contacto", "Teléfono Contacto", 4, 0, 2, None, 0, []),
    ("Orden de Compra", "Número de la orden de compra del cliente", 4, 0, 2, None, 0, []),
    ("Transportista", "", 4, 0, 7, None, 0, []),
    *config.DYNAMIC_ATTRIBUTES[-3:],
]

VOWELS = "AEIOU"
DAY = 86400


def _rfc(rng: random.Random, letters: int, born_from: int, born_to: int) -> str:
    """An RFC with a valid date, homoclave and check digit (python-stdnum validates all three)."""
    while True:
        head = "".join(rng.choice(string.ascii_uppercase) for _ in range(letters))
        if letters == 4:
            head = head[0] + rng.choice(VOWELS) + head[2:]
        year = rng.randint(born_from, born_to)
        date = f"{year % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        homoclave = rng.choice("123456789ABCDEFGHIJKLMNPQRSTUV") + rng.choice(string.digits[1:] + "ABCDEFGHJKLMN")
        body = head + date + homoclave
        code = body + rfc.calc_check_digit(body)
        if rfc.is_valid(code, validate_check_digits=True):
            return code


def person_rfc(rng: random.Random) -> str:
    """A person's RFC: 13 characters (`CACX7605101P8`)."""
    return _rfc(rng, 4, 1950, 2002)


def company_rfc(rng: random.Random) -> str:
    """A company's RFC: 12 characters."""
    return _rfc(rng, 3, 1985, 2020)


def business_name(fake: Any) -> str:
    return f"{fake.company()} S.A. de C.V."


def seed_public_client(company: Company) -> None:
    """Client 1, the general public (`PÚBLICO EN GENERAL`, `XAXX010101000`), which Bsale reserves
    for global invoices."""
    company.table("clients").insert(
        {
            "firstName": "Público en", "lastName": "General", "code": PUBLIC_RFC, "phone": "",
            "company": "PÚBLICO EN GENERAL", "note": "", "facebook": "", "twitter": "", "hasCredit": 0,
            "maxCredit": "0.0", "state": 0, "activity": "Sin Giro", "city": "", "municipality": "", "address": "",
            "email": "", "companyOrPerson": 0, "points": 0, "pointsUpdated": "", "accumulatePoints": 0,
            "sendDte": 0, "prestashopClienId": 0, "isForeigner": 0, "paymentTypeId": None, "priceListId": None,
            "saleConditionId": None, "postalCode": "", "regime": PUBLIC_REGIME, "commerciallyBlocked": 0,
            "createdAt": seed_now(), "updatedAt": seed_now(),
        }
    )


def add_fiscal_data(company: Company, rng: random.Random) -> None:
    """Every client's postal code (its colonia's) and fiscal regime, as CFDI 4.0 asks of a receiver."""
    table = company.table("clients")
    for client in list(table):
        if client["code"] == PUBLIC_RFC:
            continue
        regimes = COMPANY_REGIMES if client["companyOrPerson"] else PERSON_REGIMES
        table.update(client["id"], {
            "postalCode": POSTAL_CODES.get(client["municipality"], "06600"), "regime": rng.choice(regimes),
            "commerciallyBlocked": 0, "createdAt": seed_now(), "updatedAt": seed_now(),
        })


LOCALE = Locale(
    country=MEXICO,
    email_domain="example.com.mx",
    person_code=person_rfc,
    company_code=company_rfc,
    company_name=business_name,
    street_address=lambda fake: fake.street_address(),
    phone_number=lambda fake: fake.numerify("55 #### ####"),
    offices=OFFICES,
    places=[(city, district) for city, district, _ in PLACES],
    activities=ACTIVITIES,
    taxes=[config.tax_row(*tax) for tax in TAXES],
    document_types=[
        {**document_type_row(*entry, breakdown_tax=0 if entry[1] == TICKET else 1, use=DOCUMENT_USE.get(entry[1], 0),
                             book_type_id=BOOK_OF_CODE.get(entry[1])), **SERIES.get(entry[0], {})}
        for entry in DOCUMENT_TYPES
    ],
    coins=COINS,
    dynamic_attributes=DYNAMIC_ATTRIBUTES,
    authority_tables=config.seed_book_types,  # served in Mexico too (its pages copy Chile's)
    vat_factor=1.16,
    price_scale=0.02,
    gs1_prefix="750",
    extra_taxes={"vinos": IEPS_WINE, "licores": IEPS_SPIRITS},
    invoice_code=INCOME,
    received_documents=False,
)


def generate(company: Company, seed: int) -> None:
    fake, rng = start(company, seed, LOCALE, FAKER_LOCALE)
    company.instance.update({"postalCode": OFFICE_POSTAL_CODES[0], "regime": ISSUER_REGIME})
    for group in (config, catalog):
        group.seed(company, fake, rng, LOCALE)
    for office_id, postal_code in enumerate(OFFICE_POSTAL_CODES, start=1):
        company.table("offices").update(office_id, {"zipCode": postal_code})
    for payment_type_id, (name, form) in PAYMENT_FORMS.items():
        company.table("payment_types").update(payment_type_id, {"name": name, "satCode": form})
    seed_public_client(company)
    clients.seed(company, fake, rng, LOCALE)
    add_fiscal_data(company, rng)
    sales.seed(company, fake, rng, LOCALE)
    seed_global_invoice(company)
    markets.seed(company, fake, rng)


def seed_global_invoice(company: Company) -> None:
    """The seeded tickets of the history, covered by one monthly global invoice issued the day
    before the seed's "now", made by the domain code of the POSTs."""
    issued = seed_now() // DAY * DAY - DAY
    ctx = sales.seller_ctx(company, issued + 20 * 3600)
    tickets = [row for row in company.table("documents") if global_invoices.document_code(ctx, row) == TICKET]
    net = ctx.country.money(sum(row["netAmount"] for row in tickets))
    global_type = next(row["id"] for row in company.table("document_types") if row.get("series") == "FG00")
    body = {
        "documentTypeId": global_type, "officeId": 1, "emissionDate": issued, "cfdiUse": PUBLIC_USE,
        "cfdiPaymentTypeCode": "01", "globalCfdiPeriodicity": 4,
        "details": [{"netUnitValue": net, "quantity": 1, "comment": "Venta", "taxId": [IVA]}],
    }
    plan = documents.plan_document(ctx, body, company.table("document_types").rows[global_type])
    invoice = documents.commit(ctx, plan)
    global_invoices.associate(ctx, {"idDocInvoice": invoice["id"], "period": 4,
                                    "tickets": [{"idDocTicket": row["id"]} for row in tickets]})
