"""Shipping types (`/v1/shipping_types`): the SII's reasons for moving goods, read-only."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Resource, register

register(
    Resource(
        name="shipping_types",
        path="/v1/shipping_types",
        table="shipping_types",
        fields=[Attr("id"), Attr("name", type=str), Attr("codeSii"), Attr("useDestinationOffice"), Attr("state")],
        filters={"name": Filter("name", "str"), "codesii": Filter("codeSii"), "state": Filter("state")},
        renames={"MX": {"codeSii": "codeSii", "codesii": "codesii"}},
    )
)
