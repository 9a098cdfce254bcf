"""Third-party documents (`/v1/third_party_documents`): purchase documents received from suppliers,
read-only; their acceptance or claim at the SII (`/v1/dtes/claims.json`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import claims
from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Computed, Resource, register, register_route
from mockbsale.resources.routing import read_body

register(
    Resource(
        name="third_party_documents",
        path="/v1/third_party_documents",
        table="third_party_documents",
        fields=[
            Attr("id"),
            Attr("codeSii", type=str),
            Attr("emissionDate"),
            Attr("number"),
            Attr("clientCode", type=str),
            Attr("clientActivity", type=str),
            Attr("exemptAmount", type=float),
            Attr("netAmount", type=float),
            Attr("iva", type=float),
            Attr("ivaAmount", type=float),
            Attr("ivaOutOfTimeAmount", type=float),
            Attr("specificTaxCode", type=str),
            Attr("specificTaxAmount", type=str),
            Attr("additionalTaxAmount", type=str),
            Attr("ivaNotRecoverableAmount", type=float),
            Attr("totalAmount", type=float),
            Attr("bookType", type=str),
            Attr("reportedSii"),
            Attr("thirdSii"),
            Attr("month"),
            Attr("year"),
            Attr("specificTaxRate", type=str),
            Attr("canceled"),
            Attr("ivaAmountWithheld", type=float),
            Attr("addBook"),
            Attr("urlPdf", type=str),
            Attr("urlXml", type=str),
            Attr("fixedAssetAmount", type=float),
            Attr("liquidationCode", type=str),
            Attr("commissionTotalNetAmount", type=float),
            Attr("commissionTotalExemptAmount", type=float),
            Attr("commissionTotalIvaAmount", type=float),
            Attr("docsCount"),
            Attr("include"),
            Attr("siiReceptionDate"),
            Attr("siiInProgress", type=bool),
            Computed("siiStatus", lambda ctx, row: claims.statuses(row), type=list),
        ],
        filters={
            "emissiondate": Filter("emissionDate", "date"),
            "codesii": Filter("codeSii", "str", indexed=True),
            "number": Filter("number", indexed=True),
            "clientcode": Filter("clientCode", "str"),
            "year": Filter("year"),
            "month": Filter("month"),
            "receptiondate": Filter("siiReceptionDate", "date"),
        },
        count=True,
        countries=("CL", "MX"),
    )
)


async def claim(ctx: Ctx, request: Request) -> dict[str, Any]:
    return claims.create(ctx, await read_body(ctx, request))


register_route("/v1/dtes/claims.json", claim, ("POST",), countries=("CL",))
register_route("/v1/dtes/claims.json", lambda ctx, request: claims.status(ctx), countries=("CL",))
