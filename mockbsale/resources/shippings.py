"""Shippings (`/v1/shippings`): what dispatched documents took out of stock, their details, and
`POST /v1/shippings.json` (a dispatch guide)."""

from __future__ import annotations

from mockbsale.domain import shippings
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Link, Resource, register

register(
    Resource(
        name="shippings",
        path="/v1/shippings",
        table="shippings",
        fields=[
            Attr("id"),
            Attr("shippingDate"),
            Attr("address", type=str),
            Attr("municipality", type=str),
            Attr("city", type=str),
            Attr("recipient", type=str),
            Attr("state"),
            Link("office", "offices", "officeId"),
            Link("user", "users", "userId"),
            Link("shipping_type", "shipping_types", "shippingTypeId"),
            Link("guide", "documents", "documentId"),
            Children("details", "shipping_details"),
        ],
        filters={
            "shippingdate": Filter("shippingDate", "date"),
            "officeid": Filter("officeId", indexed=True),
            "shippingtypeid": Filter("shippingTypeId"),
            "state": Filter("state"),
            "documentid": Filter("documentId", indexed=True),
        },
        post=shippings.create,
        post_countries=("CL", "PE"),
    )
)

register(
    Resource(
        name="shipping_details",
        path="/v1/shippings/{shippingId}/details",
        table="shipping_details",
        parent="shippings",
        parent_key="shippingId",
        fields=[
            Attr("id"),
            Attr("quantity", type=float),
            Attr("variantStock", type=float),
            Attr("variantCost", type=float),
            Link("variant", "variants", "variantId"),
        ],
    )
)
