"""Seed data: the catalog (product types and attributes, products, variants, prices) and the
initial stock of every variant in every office, received as one stock reception per office."""

from __future__ import annotations

import random

from faker import Faker
from stdnum import ean

from mockbsale.data.common import seed_now
from mockbsale.data.locale import Locale
from mockbsale.store import Company

VAT_ID = 1
WHOLESALE_DISCOUNT = 0.85


def admission_date() -> int:
    """The initial stock was received 30 days before the data's "now", at 00:00 UTC like Bsale's dates."""
    return (seed_now() // 86400 - 30) * 86400


# cntI18nName, cntCode (Bsale's documented consumption types)
CONSUMPTION_TYPES = [
    ("consumption_type.retiro", "12"),
    ("consumption_type.mermas", "13"),
    ("consumption_type.desmedro", "14"),
    ("consumption_type.destruccion", "15"),
    ("Eventos internos", "16"),
]

# product type, attribute that names the variants, its options, SKU prefix, extra tax, service
PRODUCT_TYPES = [
    ("Poleras", "Talla", ["XS", "S", "M", "L", "XL"], "POL", None, False),
    ("Pantalones", "Talla", ["38", "40", "42", "44", "46"], "PAN", None, False),
    ("Zapatillas", "Número", ["37", "38", "39", "40", "41", "42", "43"], "ZAP", None, False),
    ("Accesorios", "Color", ["Negro", "Café", "Azul", "Rojo", "Verde"], "ACC", None, False),
    ("Vinos", "Formato", ["375 ml", "750 ml", "1,5 L"], "VIN", "vinos", False),
    ("Destilados", "Formato", ["700 ml", "1 L"], "DES", "licores", False),
    ("Servicios", "", [], "SRV", None, True),
]
PRODUCT_NAMES = {
    "Poleras": ["Polera Algodón Orgánico", "Polera Manga Larga", "Polera Piqué", "Polera Estampada Andes",
                "Polera Deportiva Dry-Fit", "Polera Cuello V", "Polera Rayada Marinera", "Polera Oversize"],
    "Pantalones": ["Jeans Slim Fit", "Pantalón Chino", "Pantalón Cargo", "Jeans Recto Clásico",
                   "Pantalón de Buzo", "Short de Mezclilla", "Pantalón de Lino"],
    "Zapatillas": ["Zapatillas Urbanas Lona", "Zapatillas Running Patagonia", "Zapatillas de Cuero",
                   "Zapatillas Trekking Torres", "Zapatillas Skate", "Zapatillas Blancas Clásicas"],
    "Accesorios": ["Mochila Urbana 20 L", "Billetera de Cuero", "Cinturón Trenzado", "Jockey Bordado",
                   "Bufanda de Alpaca", "Gorro de Lana", "Bolso de Mano", "Lentes de Sol Polarizados"],
    "Vinos": ["Carmenere Reserva Valle del Maule", "Cabernet Sauvignon Gran Reserva", "Sauvignon Blanc Casablanca",
              "Merlot Valle de Colchagua", "Syrah Valle del Elqui", "País Secano Interior", "Pinot Noir Leyda"],
    "Destilados": ["Pisco Reservado 35°", "Pisco Especial 40°", "Gin Artesanal Patagónico", "Ron Añejo",
                   "Whisky Blended 12 años", "Licor de Murtilla"],
    "Servicios": ["Despacho a Domicilio", "Instalación y Armado", "Envoltura de Regalo", "Garantía Extendida 1 año",
                  "Arreglo de Basta", "Bordado Personalizado", "Asesoría de Imagen", "Grabado Láser"],
}
PRICE_RANGES = {
    "Poleras": (7_990, 19_990), "Pantalones": (14_990, 39_990), "Zapatillas": (29_990, 89_990),
    "Accesorios": (4_990, 49_990), "Vinos": (3_990, 24_990), "Destilados": (5_990, 39_990),
    "Servicios": (2_990, 29_990),
}


def seed(company: Company, fake: Faker, rng: random.Random, locale: Locale) -> None:
    for name, code in CONSUMPTION_TYPES:
        company.table("stock_consumption_types").insert({"cntI18nName": name, "cntActive": 1, "cntCode": code})
    product_types = company.table("product_types")
    attributes = company.table("product_type_attributes")
    offices = [row["id"] for row in company.table("offices")]
    price_lists = [row["id"] for row in company.table("price_lists")]
    receptions = {
        office_id: company.table("stock_receptions").insert(
            {
                "admissionDate": admission_date(), "document": "Sin Documento", "documentNumber": "",
                "note": "Ajuste de Stock: Carga inicial de inventario", "imagestionCctId": 0,
                "imagestionCcDescription": "", "internalDispatchId": 0, "updateStock": 1,
                "officeId": office_id, "userId": 1,
            }
        )["id"]
        for office_id in offices
        if office_id != 3
    }
    names = {**PRODUCT_NAMES, **locale.extra_product_names}
    price_ranges = {**PRICE_RANGES, **locale.extra_price_ranges}
    for type_name, attribute_name, options, prefix, extra_tax, is_service in [*PRODUCT_TYPES,
                                                                              *locale.extra_product_types]:
        product_type = product_types.insert(
            {"name": type_name, "isEditable": 1, "state": 0, "imagestionCategoryId": 0, "prestashopCategoryId": 0}
        )
        attribute_id = None
        if attribute_name:
            attribute_id = attributes.insert(
                {"productTypeId": product_type["id"], "name": attribute_name, "isMandatory": 1,
                 "generateVariantName": 1, "hasOptions": 1, "options": "|".join(options), "state": 0}
            )["id"]
        for number, name in enumerate(names[type_name], start=1):
            product = company.table("products").insert(
                {
                    "name": name, "description": "", "classification": 1 if is_service else 0,
                    "ledgerAccount": "", "costCenter": "", "allowDecimal": 0, "stockControl": 0 if is_service else 1,
                    "printDetailPack": 0, "state": 0, "prestashopProductId": 0, "presashopAttributeId": 0,
                    "productTypeId": product_type["id"],
                }
            )
            company.table("product_taxes").insert({"productId": product["id"], "taxId": VAT_ID})
            if extra_tax in locale.extra_taxes:
                company.table("product_taxes").insert(
                    {"productId": product["id"], "taxId": locale.extra_taxes[extra_tax]}
                )
            low, high = price_ranges[type_name]
            base_price = shelf_price(rng.randrange(low, high + 1, 1000), locale.price_scale)
            for option in pick_options(rng, options):
                variant = company.table("variants").insert(
                    {
                        "description": option, "unlimitedStock": 1 if is_service else 0, "allowNegativeStock": 0,
                        "state": 0, "barCode": barcode(rng, locale.gs1_prefix), "code": sku(prefix, number, option),
                        "imagestionCenterCost": 0, "imagestionAccount": 0, "imagestionConceptCod": 0,
                        "imagestionProyectCod": 0, "imagestionCategoryCod": 0, "imagestionProductId": 0,
                        "serialNumber": 0, "prestashopCombinationId": 0, "prestashopValueId": 0,
                        "productId": product["id"],
                    }
                )
                if attribute_id is not None:
                    company.table("variant_attribute_values").insert(
                        {"variantId": variant["id"], "attributeId": attribute_id, "description": option}
                    )
                net_price = base_price / locale.vat_factor
                seed_prices(company, variant["id"], net_price, price_lists)
                if not is_service:
                    seed_stock(company, rng, variant["id"], net_price, offices, receptions,
                               locale.country.money_decimals)
    seed_consumption(company, offices[0])


def pick_options(rng: random.Random, options: list[str]) -> list[str]:
    """The variants of one product: 3 to 5 of its type's options, in the options' order."""
    if not options:
        return [""]
    chosen = set(rng.sample(options, k=rng.randint(min(3, len(options)), min(5, len(options)))))
    return [option for option in options if option in chosen]


def shelf_price(chilean: int, scale: float) -> float:
    """A price of Chile's ranges in another money: scaled, ending in .90 (S/ 39.90)."""
    if scale == 1:
        return float(chilean)
    return max(1, round(chilean * scale)) - 0.1


def seed_prices(company: Company, variant_id: int, net_price: float, price_lists: list[int]) -> None:
    """Prices are stored net (`variantValue`); the generated shelf price is the one with VAT."""
    net = round(net_price, 2)
    for index, price_list_id in enumerate(price_lists):
        value = net if index == 0 else round(net * WHOLESALE_DISCOUNT, 2)
        company.table("price_list_details").insert(
            {"priceListId": price_list_id, "variantId": variant_id, "variantValue": value}
        )


def seed_stock(
    company: Company,
    rng: random.Random,
    variant_id: int,
    net_price: float,
    offices: list[int],
    receptions: dict[int, int],
    decimals: int,
) -> None:
    share = rng.uniform(0.45, 0.6)
    cost = round(net_price * share, decimals) if decimals else round(net_price * share)
    for office_id in offices:
        quantity = float(rng.randint(5, 60)) if office_id in receptions else 0.0
        company.table("stocks").insert(
            {"variantId": variant_id, "officeId": office_id, "quantity": quantity, "quantityReserved": 0.0}
        )
        if office_id in receptions:
            company.table("stock_reception_details").insert(
                {"receptionId": receptions[office_id], "variantId": variant_id, "quantity": quantity,
                 "cost": cost, "variantStock": quantity, "serialNumber": None}
            )


def seed_consumption(company: Company, office_id: int) -> None:
    """One consumption (shrinkage of one unit of the first two variants) a week before "now"."""
    consumption = company.table("stock_consumptions").insert(
        {"consumptionDate": admission_date() + 23 * 86400, "note": "Merma por productos dañados",
         "imagestionCcdescription": "", "imagestionCenterCostId": 0, "updateStock": 1, "consumptionTypeId": 2,
         "officeId": office_id, "userId": 1}
    )
    stocks = company.table("stocks")
    for variant_id in (1, 2):
        stock = next(row for row in stocks.find("variantId", variant_id) if row["officeId"] == office_id)
        stock = stocks.update(stock["id"], {"quantity": stock["quantity"] - 1})
        cost = company.table("stock_reception_details").first("variantId", variant_id)["cost"]
        company.table("stock_consumption_details").insert(
            {"consumptionId": consumption["id"], "variantId": variant_id, "quantity": 1.0, "cost": cost,
             "variantStock": stock["quantity"], "serialNumber": None}
        )


def sku(prefix: str, number: int, option: str) -> str:
    suffix = "".join(ch for ch in option.upper() if ch.isalnum())[:4]
    return f"{prefix}-{number:03d}" + (f"-{suffix}" if suffix else "")


def barcode(rng: random.Random, prefix: str) -> str:
    """An EAN-13 with the country's GS1 prefix (Chile 780) and a valid check digit."""
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(9))
    return body + ean.calc_check_digit(body)
