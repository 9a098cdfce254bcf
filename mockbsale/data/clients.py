"""Seed data: clients (people and companies with valid tax ids), their contacts, addresses and the
values of the client dynamic attributes."""

from __future__ import annotations

import random

from faker import Faker

from mockbsale.data.config import ascii_name
from mockbsale.data.locale import Locale
from mockbsale.store import Company

CLIENTS = 30
COMMUNES = [
    ("Santiago", "Providencia"), ("Santiago", "Ñuñoa"), ("Santiago", "Las Condes"), ("Santiago", "Maipú"),
    ("Valparaíso", "Valparaíso"), ("Viña del Mar", "Viña del Mar"), ("Concepción", "Concepción"),
    ("Temuco", "Temuco"), ("Antofagasta", "Antofagasta"), ("Puerto Montt", "Puerto Montt"),
]
ACTIVITIES = ["Comercio al por menor", "Servicios informáticos", "Restaurantes", "Construcción",
              "Transporte de carga", "Asesorías empresariales", "Venta de artículos deportivos"]


def seed(company: Company, fake: Faker, rng: random.Random, locale: Locale) -> None:
    for index in range(CLIENTS):
        is_company = index % 3 == 0
        first, last = fake.first_name(), fake.last_name()
        city, municipality = rng.choice(locale.places)
        business = locale.company_name(fake) if is_company else f"{first} {last}"
        client = company.table("clients").insert(
            {
                "firstName": first, "lastName": last,
                "code": locale.company_code(rng) if is_company else locale.person_code(rng),
                "phone": locale.phone_number(fake), "company": business, "note": None, "facebook": None, "twitter": "",
                "hasCredit": 1 if is_company else 0, "maxCredit": "500000.0" if is_company else "0.0",
                "state": 0, "activity": rng.choice(locale.activities) if is_company else "Particular",
                "city": city, "municipality": municipality, "address": locale.street_address(fake),
                "email": f"{ascii_name(first)}.{ascii_name(last)}{index}@{locale.email_domain}",
                "companyOrPerson": 1 if is_company else 0, "points": 0, "pointsUpdated": "",
                "accumulatePoints": 0, "sendDte": 1 if is_company else 0, "prestashopClienId": 0,
                "isForeigner": 0, "paymentTypeId": 2 if is_company else None, "priceListId": None,
                "saleConditionId": 2 if is_company else None,
            }
        )
        company.table("client_addresses").insert(
            {"clientId": client["id"], "addressName": "Principal", "address": client["address"], "city": city,
             "municipality": municipality, "state": 0}
        )
        if is_company:
            contact_first, contact_last = fake.first_name(), fake.last_name()
            company.table("client_contacts").insert(
                {"clientId": client["id"], "firstName": contact_first, "lastName": contact_last,
                 "phone": locale.phone_number(fake),
                 "email": f"{ascii_name(contact_first)}.{ascii_name(contact_last)}@{locale.email_domain}",
                 "state": 0}
            )
        for attribute in company.table("dynamic_attributes"):
            if attribute["clientAttribute"]:
                value = client_number(client["id"]) if attribute["name"] == "Número Cliente" else ""
                company.table("client_attribute_values").insert(
                    {"clientId": client["id"], "dynamicAttributeId": attribute["id"], "value": value}
                )


def client_number(client_id: int) -> str:
    """A loyalty-card style customer number, the value seeded for the "Número Cliente" attribute."""
    return f"C-{client_id:05d}"
