"""The JSON Schema of the fixtures format (`mockbsale schema`), generated from the table definitions:
the tables of `mockbsale.data.tables`, the attributes and links the resources serve from them, and the
stored attributes no resource serves (`STORED`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import mockbsale.resources  # noqa: F401  (the resource modules register themselves)
from mockbsale.data.tables import STORED, TABLES
from mockbsale.domain.countries import COUNTRIES
from mockbsale.resources.registry import REGISTRY, Attr, Link

JSON_TYPES = {int: "integer", float: "number", str: "string", bool: "boolean"}
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Column:
    """A row attribute: its JSON type (None: any), the table its value is an id of, whether every row has it."""

    name: str
    type: str | None = None
    references: str | None = None
    required: bool = False

    def schema(self) -> dict[str, Any]:
        if self.references:
            return {"type": ["integer", "null"], "description": f"id of a row of {self.references}"}
        return {"type": [self.type, "null"]} if self.type else {}


@cache
def columns() -> dict[str, dict[str, Column]]:
    """Table -> attribute -> Column, for every table a company holds."""
    tables = {name: {"id": Column("id", "integer", required=True)} for name in TABLES}
    for resource in REGISTRY:
        table = tables.setdefault(resource.table, {"id": Column("id", "integer", required=True)})
        for spec in resource.fields:
            if isinstance(spec, Attr) and spec.source not in table:
                table[spec.source] = Column(spec.source, JSON_TYPES.get(spec.type))
            elif isinstance(spec, Link):
                table[spec.key] = Column(spec.key, references=REGISTRY[spec.target].table)
        if resource.parent_key and resource.parent:
            parent = REGISTRY[resource.parent].table
            required = resource.serves is None  # a view's parent key filters another resource's rows
            table[resource.parent_key] = Column(resource.parent_key, references=parent, required=required)
    for name, stored in STORED.items():
        for key, kind in stored.items():
            table = tables[name]
            table[key] = Column(key, references=kind) if kind in tables else Column(key, kind)
    return tables


def fixtures_schema() -> dict[str, Any]:
    """The JSON Schema of a data set (`--fixtures`, `GET /_mock/snapshot`, `mockbsale dump`)."""
    defs: dict[str, Any] = {}
    for name, table in columns().items():
        defs[name] = {
            "type": "object",
            "required": ["rows"],
            "additionalProperties": False,
            "properties": {
                "nextId": {"type": ["integer", "null"], "minimum": 1,
                           "description": "the id the next new row gets; above every id of the table"},
                "rows": {"type": "array", "items": {
                    "type": "object",
                    "required": [key for key, column in table.items() if column.required],
                    "properties": {key: column.schema() for key, column in table.items()},
                }},
            },
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "mockbsale data set",
        "description": "Companies and their tables as flat rows (Bsale's attribute names plus foreign keys); "
        "attributes left out are served as null.",
        "type": "object",
        "required": ["companies"],
        "properties": {
            "companies": {"type": "array", "items": {"$ref": "#/$defs/company"}},
            "server": {"type": "object", "description": "in a --state-file only: webhook subscriptions, faults "
                       "and rate limit as the admin API describes them"},
        },
        "$defs": {
            "company": {
                "type": "object",
                "required": ["cpnId", "token", "tables"],
                "properties": {
                    "cpnId": {"type": "integer", "minimum": 1},
                    "token": {"type": "string", "minLength": 1},
                    "country": {"enum": list(COUNTRIES)},
                    "instance": {"type": "object"},
                    "tables": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {name: {"$ref": f"#/$defs/{name}"} for name in defs},
                    },
                },
            },
            **defs,
        },
    }
