"""Seed data: offices (more configuration tables are added by their resource group)."""

from __future__ import annotations

import random

from faker import Faker

from mockbsale.store import Company

OFFICES = [
    ("Casa Matriz", "Santiago", "Providencia", 0),
    ("Sucursal Viña del Mar", "Viña del Mar", "Viña del Mar", 0),
    ("Tienda Online", "Santiago", "Las Condes", 1),
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
