"""Tax authority reference tables, read-only: the SII's book types (`/v1/book_types`) and DTE codes
(`/v1/dte_codes`), SUNAT's CPE codes (`/v1/cpe_codes`, Peru)."""

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

def authority_codes(name: str, country: str) -> None:
    """A tax authority's list of document codes (`codeSii`, Peru's `code`), served in its country."""
    register(
        Resource(
            name=name,
            path=f"/v1/{name}",
            table=name,
            fields=[Attr("id"), Attr("name", type=str), Attr("codeSii", type=str), Attr("state")],
            filters={"name": Filter("name", "str"), "codesii": Filter("codeSii", "str"), "state": Filter("state")},
            countries=(country,),
        )
    )


authority_codes("dte_codes", "CL")
authority_codes("cpe_codes", "PE")
