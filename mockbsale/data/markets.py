"""Seed data: one online store (market) selling a subset of the catalog, with web descriptions,
pictures served by the mock (`/images/{cpnId}/product/...`) and collections."""

from __future__ import annotations

import random

from faker import Faker
from faker.utils.text import slugify

from mockbsale.store import Company

MARKET_ID = 1
ALL_PRODUCTS = "Todos los productos"
PUBLISHED_SHARE = 0.6


def picture_path(cpn_id: int, slug: str, number: int) -> str:
    return f"/images/{cpn_id}/product/{slug}-{number}.png"


def seed(company: Company, fake: Faker, rng: random.Random) -> None:
    """The market sells from the first office at the first price list; about 60 % of the goods
    (never services) have a web description, in the collections of everything and of their type."""
    company.table("markets").insert(
        {"id": MARKET_ID, "name": "Tienda en línea", "officeId": 1, "priceListId": 1, "state": 1}
    )
    everything = _collection(company, ALL_PRODUCTS, state=1)
    _collection(company, "Ofertas", state=0)
    by_type: dict[int, int] = {}
    for product in company.table("products"):
        if product["classification"] != 0 or rng.random() > PUBLISHED_SHARE:
            continue
        type_id = product["productTypeId"]
        if type_id not in by_type:
            by_type[type_id] = _collection(company, company.table("product_types").rows[type_id]["name"], state=1)
        _publish(company, fake, rng, product, [everything, by_type[type_id]])


def _collection(company: Company, name: str, state: int) -> int:
    row = {"name": name, "urlSlug": slugify(name), "state": state, "description": None, "image": None,
           "lyId": None, "mkId": MARKET_ID, "tdId": None, "integration": None}
    return company.table("collections").insert(row)["id"]


def _publish(company: Company, fake: Faker, rng: random.Random, product: dict, collection_ids: list[int]) -> None:
    variants = company.table("variants").find("productId", product["id"])
    slug = slugify(product["name"])
    web = company.table("product_webs").insert(
        {
            "productId": product["id"], "idVariantDefault": variants[0]["id"], "urlSlug": slug,
            "name": product["name"], "description": f"<p>{product['name']}</p>", "displayNotice": "",
            "state": 1, "mkProductType": "normal", "urlVideo": None, "shippingUnit": 1,
            "width": float(rng.randint(10, 40)), "depth": float(rng.randint(2, 20)),
            "length": float(rng.randint(10, 50)), "weight": round(rng.uniform(0.1, 2.5), 2),
            "order": len(company.table("product_webs")) + 1, "marketId": MARKET_ID,
        }
    )
    for number in range(1, rng.randint(1, 3) + 1):
        company.table("product_web_pictures").insert(
            {"productWebId": web["id"], "path": picture_path(company.cpn_id, slug, number), "state": 1,
             "legendImage": " "}
        )
    for collection_id in collection_ids:
        company.table("product_web_collections").insert({"productWebId": web["id"], "collectionId": collection_id})
