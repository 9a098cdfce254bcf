"""Dynamic attributes (`/v1/dynamic_attributes`): extra fields of documents, payment types and
clients, with the options (`details`) of list attributes. Read-only."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Link, Resource, register

register(
    Resource(
        name="dynamic_attributes",
        path="/v1/dynamic_attributes",
        table="dynamic_attributes",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("tip", type=str),
            Attr("type"),
            Attr("isMandatory"),
            Attr("state"),
            Link("document_type", "document_types", "documentTypeId", optional=True),
            Link("payment_type", "payment_types", "paymentTypeId", optional=True),
            Children("details", "dynamic_attribute_details", optional=True),
        ],
        filters={
            "name": Filter("name", "str"),
            "type": Filter("type"),
            "state": Filter("state"),
            "paymenttypeid": Filter("paymentTypeId", indexed=True),
            "documenttypeid": Filter("documentTypeId", indexed=True),
        },
    )
)

register(
    Resource(
        name="dynamic_attribute_details",
        path="/v1/dynamic_attributes/{dynamicAttributeId}/details",
        table="dynamic_attribute_details",
        parent="dynamic_attributes",
        parent_key="dynamicAttributeId",
        fields=[Attr("id"), Attr("name", type=str), Attr("state")],
    )
)
