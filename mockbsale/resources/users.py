"""Users (`/v1/users`): the company's sellers and cashiers, each working in an office."""

from __future__ import annotations

from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import Attr, Link, Resource, register

register(
    Resource(
        name="users",
        path="/v1/users",
        table="users",
        fields=[
            Attr("id"),
            Attr("firstName", type=str),
            Attr("lastName", type=str),
            Attr("email", type=str),
            Attr("state"),
            Link("office", "offices", "officeId"),
        ],
        filters={
            "firstname": Filter("firstName", "str"),
            "lastname": Filter("lastName", "str"),
            "email": Filter("email", "str"),
            "officeid": Filter("officeId"),
            "state": Filter("state"),
        },
    )
)
