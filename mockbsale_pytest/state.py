"""Read access to one company's state for assertions: copies of the stored rows, read through the
server's thread-safe door (never the live objects)."""

from __future__ import annotations

from typing import Any

from mockbsale import Engine, Settings
from mockbsale.store import Company
from mockbsale.store.table import Row
from mockbsale_pytest.servers import Backend


def _company(engine: Engine, cpn_id: int) -> Company:
    return engine.store.companies[cpn_id]


def _matching(engine: Engine, cpn_id: int, table: str, where: dict[str, Any]) -> list[Row]:
    rows = _company(engine, cpn_id).table(table)
    return [dict(row) for row in rows if all(row.get(key) == value for key, value in where.items())]


def _row(engine: Engine, cpn_id: int, table: str, row_id: int) -> Row | None:
    row = _company(engine, cpn_id).table(table).get(row_id)
    return None if row is None else dict(row)


class State:
    """`bsale.state`: what the mock holds now, as stored rows (plain dicts)."""

    def __init__(self, backend: Backend, cpn_id: int) -> None:
        self._backend = backend
        self.cpn_id = cpn_id

    def __getitem__(self, table: str) -> list[Row]:
        """`bsale.state["variants"]`: every row of the table, ascending ids."""
        return self.rows(table)

    def tables(self) -> list[str]:
        return self._backend.call(lambda engine: sorted(_company(engine, self.cpn_id).tables))

    def row(self, table: str, row_id: int) -> Row | None:
        """The stored row `row_id` of `table`, or None."""
        return self._backend.call(_row, self.cpn_id, table, row_id)

    def rows(self, table: str, **where: Any) -> list[Row]:
        """The rows of `table` whose keys equal every `where` value, ascending ids."""
        return self._backend.call(_matching, self.cpn_id, table, where)

    def count(self, table: str, **where: Any) -> int:
        return len(self.rows(table, **where))

    def snapshot(self) -> Company:
        """A detached copy of the company (tables and all), e.g. for `mockbsale.strategies` bodies
        that must name ids existing now."""
        dump = self._backend.call(lambda engine: _company(engine, self.cpn_id).dump())
        copy = Engine(Settings())
        copy.load_fixtures({"companies": [dump]})
        return copy.store.companies[self.cpn_id]

    def stock(self, variant_id: int, office_id: int) -> float:
        """The stock `quantity` of a variant in an office (0 when there is no stock record)."""
        found = self.rows("stocks", variantId=variant_id, officeId=office_id)
        return found[0]["quantity"] if found else 0.0
