"""SII reference tables: book types (`/v1/book_types`) and DTE codes (`/v1/dte_codes`), read-only."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Resource, register

register(
    Resource(
        name="book_types",
        path="/v1/book_types",
        table="book_types",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("dteProcess", type=str),
            Attr("code", type=str),
            Attr("state"),
        ],
        filters={
            "name": Filter("name", "str"),
            "dteprocess": Filter("dteProcess", "str"),
            "code": Filter("code", "str"),
            "state": Filter("state"),
        },
        count=True,
        countries=("CL", "MX"),
    )
)

register(
    Resource(
        name="dte_codes",
        path="/v1/dte_codes",
        table="dte_codes",
        fields=[Attr("id"), Attr("name", type=str), Attr("codeSii", type=str), Attr("state")],
        filters={"name": Filter("name", "str"), "codesii": Filter("codeSii", "str"), "state": Filter("state")},
        countries=("CL",),
    )
)

register(
    Resource(
        name="cpe_codes",
        path="/v1/cpe_codes",
        table="cpe_codes",
        fields=[Attr("id"), Attr("name", type=str), Attr("codeSii", type=str), Attr("state")],
        filters={"name": Filter("name", "str"), "codesii": Filter("codeSii", "str"), "state": Filter("state")},
        countries=("PE",),
    )
)
