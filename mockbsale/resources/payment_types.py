"""Payment types (`/v1/payment_types`): list, count, create, and each one's dynamic attributes."""

from __future__ import annotations

from typing import Any

from mockbsale.domain.body import read, read_attrs
from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Children, Resource, register
from mockbsale.store.table import Row

WRITABLE: dict[str, tuple[str, Any]] = {
    "name": ("str", ""),
    "isVirtual": ("int", 0),
    "isCheck": ("int", 0),
    "maxCheck": ("int", None),
    "isCreditNote": ("int", 0),
    "isClientCredit": ("int", 0),
    "isCash": ("int", 0),
    "isCreditMemo": ("int", 0),
    "state": ("int", 0),
    "maxClientCuota": ("int", 0),
    "ledgerAccount": ("str", ""),
    "ledgerCode": ("str", None),
    "isAgreementBank": ("int", 0),
    "agreementCode": ("str", None),
}


def create(ctx: Ctx, body: dict[str, Any]) -> Row:
    read(body, "name", "str", required=True)
    return ctx.table("payment_types").insert(read_attrs(body, WRITABLE, with_defaults=True))


register(
    Resource(
        name="payment_types",
        path="/v1/payment_types",
        table="payment_types",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("isVirtual"),
            Attr("isCheck"),
            Attr("maxCheck"),
            Attr("isCreditNote"),
            Attr("isClientCredit"),
            Attr("isCash"),
            Attr("isCreditMemo"),
            Attr("state"),
            Attr("maxClientCuota"),
            Attr("ledgerAccount", type=str),
            Attr("ledgerCode", type=str),
            Attr("isAgreementBank"),
            Attr("agreementCode", type=str),
            Children("dynamic_attributes", "payment_type_dynamic_attributes", optional=True),
        ],
        filters={
            "name": Filter("name", "str"),
            "ledgeraccount": Filter("ledgerAccount", "str"),
            "state": Filter("state"),
        },
        count=True,
        post=create,
    )
)

register(
    Resource(
        name="payment_type_dynamic_attributes",
        path="/v1/payment_types/{paymentTypeId}/dynamic_attributes",
        table="dynamic_attributes",
        parent="payment_types",
        parent_key="paymentTypeId",
        fields=[],
        serves="dynamic_attributes",
    )
)
