"""Companies (Bsale "instances"): each owns its tables and is reached by its access token."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mockbsale.store.table import Table
from mockbsale.store.transaction import UndoableTable

Schema = Mapping[str, Iterable[str]]
"""Table name -> the keys to index, as the resource registry declares them."""


@dataclass
class Company:
    cpn_id: int
    token: str
    instance: dict[str, Any]
    tables: dict[str, Table] = field(default_factory=dict)
    country: str = "CL"
    """Where the company is (`CL`, `PE`, `MX`): which country profile its rules follow."""

    def table(self, name: str) -> Table:
        return self.tables[name]

    def dump(self) -> dict[str, Any]:
        """The company as a fixtures document (what `--fixtures` loads)."""
        return {
            "cpnId": self.cpn_id,
            "country": self.country,
            "token": self.token,
            "instance": dict(self.instance),
            "tables": {
                name: {"nextId": table.next_id, "rows": table.dump()}
                for name, table in self.tables.items()
            },
        }

    def load_tables(self, tables: Mapping[str, Any]) -> None:
        for name, content in tables.items():
            if name in self.tables:
                self.tables[name].load(content["rows"], content.get("nextId"))

    def mark_seeded(self) -> None:
        """Remember the current content as the state `reset` goes back to."""
        for table in self.tables.values():
            table.mark_seeded()

    def reset(self) -> None:
        for table in self.tables.values():
            table.reset()


class Store:
    """Every company of one mock server, by token and by cpnId."""

    def __init__(self, schema: Schema) -> None:
        self.schema = {name: tuple(keys) for name, keys in schema.items()}
        self.companies: dict[int, Company] = {}
        self._by_token: dict[str, Company] = {}

    def add_company(self, cpn_id: int, token: str, instance: dict[str, Any], country: str = "CL") -> Company:
        if token in self._by_token:
            raise ValueError(f"token {token!r} is already used by company {self._by_token[token].cpn_id}")
        tables: dict[str, Table] = {name: UndoableTable(name, keys) for name, keys in self.schema.items()}
        company = Company(cpn_id=cpn_id, token=token, instance=instance, tables=tables, country=country)
        self.companies[cpn_id] = company
        self._by_token[token] = company
        return company

    def by_token(self, token: str | None) -> Company | None:
        return self._by_token.get(token) if token else None

    def reset(self) -> None:
        for company in self.companies.values():
            company.reset()

    def dump(self) -> dict[str, Any]:
        return {"companies": [company.dump() for company in self.companies.values()]}

    def writes(self) -> int:
        """Changes seen by every table of every company: equal counts mean nothing changed in between."""
        return sum(table.writes for company in self.companies.values() for table in company.tables.values())

    def clear(self) -> None:
        self.companies.clear()
        self._by_token.clear()
