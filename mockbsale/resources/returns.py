"""Returns (`/v1/returns`): credit notes against sales, their details and annulments."""

from __future__ import annotations

from mockbsale.domain import returns
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Link, Resource, register

register(
    Resource(
        name="returns",
        path="/v1/returns",
        table="returns",
        fields=[
            Attr("id"),
            Attr("code", type=str),
            Attr("returnDate"),
            Attr("motive", type=str),
            Attr("type"),
            Attr("priceAdjustment"),
            Attr("editTexts"),
            Attr("amount", type=float),
            Link("office", "offices", "officeId"),
            Link("reference_document", "documents", "referenceDocumentId"),
            Link("credit_note", "documents", "creditNoteId"),
            Children("details", "return_details"),
        ],
        filters={
            "returndate": Filter("returnDate", "date"),
            "code": Filter("code", "str"),
            "type": Filter("type"),
            "officeid": Filter("officeId"),
            "referencedocumentid": Filter("referenceDocumentId", indexed=True),
            "creditnoteid": Filter("creditNoteId", indexed=True),
        },
        count=True,
        post=returns.create,
    )
)

register(
    Resource(
        name="return_details",
        path="/v1/returns/{returnId}/details",
        table="return_details",
        parent="returns",
        parent_key="returnId",
        fields=[
            Attr("id"),
            Attr("quantity", type=float),
            Attr("quantityDevStock", type=float),
            Attr("variantStock", type=float),
            Attr("variantCost", type=float),
        ],
    )
)

register(
    Resource(
        name="return_annulments",
        path="/v1/returns/{returnId}/annulments",
        table="return_annulments",
        parent="returns",
        parent_key="returnId",
        fields=[
            Attr("id"),
            Attr("annulmentDate"),
            Attr("amount", type=float),
            Link("office", "offices", "officeId"),
            Link("debit_note", "documents", "debitNoteId"),
        ],
        post=returns.annul,
        post_countries=("CL", "PE"),
    )
)
