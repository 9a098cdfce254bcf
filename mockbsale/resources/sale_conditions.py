"""Sale conditions (`/v1/sale_conditions`): cash or credit terms, read-only."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Resource, register

register(
    Resource(
        name="sale_conditions",
        path="/v1/sale_conditions",
        table="sale_conditions",
        fields=[Attr("id"), Attr("name", type=str), Attr("timeCondition"), Attr("timeUnity"), Attr("state")],
        filters={
            "timecondition": Filter("timeCondition"),
            "timeunity": Filter("timeUnity"),
            "state": Filter("state"),
        },
        count=True,
    )
)
