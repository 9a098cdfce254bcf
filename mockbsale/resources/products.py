"""Products (`/v1/products`), their taxes and their variants."""

from __future__ import annotations

from mockbsale.domain import catalog
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Link, Resource, register
from mockbsale.resources.variants import VARIANT_FILTERS

register(
    Resource(
        name="products",
        path="/v1/products",
        table="products",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("description", type=str),
            Attr("classification"),
            Attr("ledgerAccount", type=str),
            Attr("costCenter", type=str),
            Attr("allowDecimal"),
            Attr("stockControl"),
            Attr("printDetailPack"),
            Attr("state"),
            Attr("prestashopProductId"),
            Attr("presashopAttributeId"),
            Link("product_type", "product_types", "productTypeId"),
            Children("variants", "product_variants"),
            Children("product_taxes", "product_taxes"),
        ],
        filters={
            "name": Filter("name", "str"),
            "ledgeraccount": Filter("ledgerAccount", "str"),
            "costcenter": Filter("costCenter", "str"),
            "producttypeid": Filter("productTypeId", indexed=True),
            "classification": Filter("classification"),
            "state": Filter("state"),
        },
        count=True,
        post=catalog.create_product,
        put=catalog.update_product,
        delete=catalog.delete_product,
    )
)

register(
    Resource(
        name="product_taxes",
        path="/v1/products/{productId}/product_taxes",
        table="product_taxes",
        parent="products",
        parent_key="productId",
        fields=[Attr("id"), Link("tax", "taxes", "taxId")],
    )
)

register(
    Resource(
        name="product_variants",
        path="/v1/products/{productId}/variants",
        table="variants",
        parent="products",
        parent_key="productId",
        fields=[],
        filters=VARIANT_FILTERS,
        serves="variants",
    )
)
