"""The hottest requests, answered without Starlette: `GET` of a generic list (`/v1/variants.json`)
or of one row (`/v1/variants/1.json`, an id of at most 10 digits as the routes take) of a resource
without a parent. `Reads` makes the whole answer (status, orjson body, headers) with the same
refusals and context (`routing.lean_ctx`), body (`list_page`, `render_one`) and errors as `api_endpoint`;
the traffic middleware asks it first and sends what it makes, so no `Request`, router or `Response`
is built. Every other request goes on to Starlette.

A path is served here only if no route before the generic one would match it (an extra route
registered for the same path keeps it).
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from mockbsale.engine import Engine
from mockbsale.http.errors import BsaleError
from mockbsale.http.json import Answer, error_answer, json_answer
from mockbsale.http.path_ids import is_id
from mockbsale.resources.registry import Resource
from mockbsale.resources.routing import find_row, lean_ctx, list_page, render_one, server_failure
from mockbsale.store import Company

SAMPLE_IDS = (1, 987654321)
"""Ids a member path is tried with when checking that no earlier route takes it."""


def _taken(routes: Sequence[BaseRoute], path: str) -> bool:
    scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
    return any(route.matches(scope)[0] is Match.FULL for route in routes)


class Reads:
    """`reads(scope, company)`: the answer to a GET of a generic list or row, None for any other request."""

    def __init__(self, engine: Engine, earlier: Sequence[BaseRoute]) -> None:
        self.engine = engine
        self.lists: dict[str, Resource] = {}
        """`/v1/variants` -> the resource whose list is `/v1/variants.json`."""
        self.members: dict[str, Resource] = {}
        """`/v1/variants` -> the resource whose rows are `/v1/variants/{id}.json`."""
        for resource in engine.registry:
            if resource.parent_param:
                continue
            if resource.listable and not _taken(earlier, f"{resource.path}.json"):
                self.lists[resource.path] = resource
            if resource.member and not resource.serves and not any(
                _taken(earlier, f"{resource.path}/{row_id}.json") for row_id in SAMPLE_IDS
            ):
                self.members[resource.path] = resource

    def __call__(self, scope: Scope, company: Company | None) -> Answer | None:
        path: str = scope["path"]
        if scope["method"] != "GET" or not path.endswith(".json"):
            return None
        resource = self.lists.get(path[:-5])
        if resource is not None:
            return self.answer(scope, company, resource, None)
        prefix, _, last = path.rpartition("/")
        resource = self.members.get(prefix)
        digits = last[:-5]
        if resource is not None and is_id(digits):
            return self.answer(scope, company, resource, int(digits))
        return None

    def answer(self, scope: Scope, company: Company | None, resource: Resource, row_id: int | None) -> Answer:
        served_in = resource.countries if row_id is None else resource.rows_countries
        try:
            ctx = lean_ctx(scope, self.engine, company, served_in, row_id)
            if isinstance(ctx, BsaleError):
                return error_answer(ctx)
            if row_id is None:
                return json_answer(200, list_page(ctx, resource, scope["path"]))
            return json_answer(200, render_one(ctx, resource, find_row(ctx, resource)))
        except BsaleError as error:
            return error_answer(error)
        except Exception:
            return error_answer(server_failure("GET", scope["path"], self.engine.record_server_error))
