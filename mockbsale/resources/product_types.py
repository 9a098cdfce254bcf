"""Product types (`/v1/product_types`), their attributes and their products."""

from __future__ import annotations

from mockbsale.domain import catalog
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Resource, register

register(
    Resource(
        name="product_types",
        path="/v1/product_types",
        table="product_types",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("isEditable"),
            Attr("state"),
            Attr("imagestionCategoryId"),
            Attr("prestashopCategoryId"),
            Children("attributes", "product_type_attributes"),
        ],
        filters={"name": Filter("name", "str"), "state": Filter("state")},
        count=True,
        post=catalog.create_product_type,
        put=catalog.update_product_type,
        delete=catalog.delete_product_type,
    )
)

register(
    Resource(
        name="product_type_attributes",
        path="/v1/product_types/{productTypeId}/attributes",
        table="product_type_attributes",
        parent="product_types",
        parent_key="productTypeId",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("isMandatory"),
            Attr("generateVariantName"),
            Attr("hasOptions"),
            Attr("options", type=str),
            Attr("state"),
        ],
    )
)

register(
    Resource(
        name="product_type_products",
        path="/v1/product_types/{productTypeId}/products",
        table="products",
        parent="product_types",
        parent_key="productTypeId",
        fields=[],
        serves="products",
    )
)
