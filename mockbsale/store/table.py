"""A table of flat records keyed by integer id, kept in ascending id order.

Records are plain dicts of JSON scalars (relations are ids), so a snapshot is a shallow copy per
row. Writes go through `insert`, `update` and `delete` so the secondary indexes stay true and the
seed is saved before the first change: a table nobody wrote to since `mark_seeded` keeps one copy
of its rows, and `reset` skips it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

Row = dict[str, Any]
Index = dict[Any, "int | list[int]"]
"""Value -> the id of the one row holding it, or the ids of several. Most values (SKUs, barcodes)
are unique, and a bare id costs nothing beyond its dict entry where a one-item list costs 64 bytes."""


class Table:
    def __init__(self, name: str, indexed: Iterable[str] = ()) -> None:
        self.name = name
        self.rows: dict[int, Row] = {}
        self.next_id = 1
        self._indexes: dict[str, Index] = {key: {} for key in indexed}
        self._seed: tuple[list[Row], int] | None = None
        """The rows and next id `reset` restores; None while they are the current ones."""
        self._changed = False
        self.writes = 0
        """How many changes the table has seen (what a periodic save compares)."""

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows.values())

    def get(self, row_id: int) -> Row | None:
        return self.rows.get(row_id)

    def insert(self, row: Row) -> Row:
        """Store a new row; it gets the next id unless it carries one."""
        row_id = row.get("id")
        if row_id is None:
            row_id = self.next_id
            row = {"id": row_id, **row}
        if row_id in self.rows:
            raise ValueError(f"{self.name}: duplicate id {row_id}")
        self._before_change()
        self.next_id = max(self.next_id, row_id + 1)
        last = next(reversed(self.rows), None)
        self.rows[row_id] = row
        if last is not None and row_id < last:
            self.rows = dict(sorted(self.rows.items()))
        for key, index in self._indexes.items():
            _index_add(index, row.get(key), row_id)
        return row

    def update(self, row_id: int, changes: Row) -> Row:
        row = self.rows[row_id]
        self._before_change()
        for key, index in self._indexes.items():
            if key in changes and changes[key] != row.get(key):
                _index_remove(index, row.get(key), row_id)
                _index_add(index, changes[key], row_id)
        row.update(changes)
        return row

    def delete(self, row_id: int) -> Row:
        """Remove a row for good (few things are: e.g. a product tax dropped by a PUT)."""
        self._before_change()
        row = self.rows.pop(row_id)
        for key, index in self._indexes.items():
            _index_remove(index, row.get(key), row_id)
        return row

    def is_indexed(self, key: str) -> bool:
        return key in self._indexes

    def lookup(self, key: str, value: Any) -> list[int]:
        """Ids whose `key` equals `value`, ascending (the key must be indexed)."""
        bucket = self._indexes[key].get(value)
        if bucket is None:
            return []
        return [bucket] if isinstance(bucket, int) else sorted(bucket)

    def find(self, key: str, value: Any) -> list[Row]:
        if key in self._indexes:
            return [self.rows[row_id] for row_id in self.lookup(key, value)]
        return [row for row in self.rows.values() if row.get(key) == value]

    def first(self, key: str, value: Any) -> Row | None:
        found = self.find(key, value)
        return found[0] if found else None

    def dump(self) -> list[Row]:
        return [dict(row) for row in self.rows.values()]

    def load(self, rows: Iterable[Row], next_id: int | None = None) -> None:
        """Replace the content with `rows` (ascending ids), which become the table's own: no copy is
        made, so that loading a large data set does not hold it twice."""
        self._before_change()
        self._fill(rows, next_id)

    def mark_seeded(self) -> None:
        """Take the current content as the state `reset` goes back to."""
        self._seed = None
        self._changed = False

    def reset(self) -> None:
        """Go back to the content of `mark_seeded` (nothing to do if nothing changed)."""
        if self._changed and self._seed is not None:
            rows, next_id = self._seed
            self._fill([dict(row) for row in rows], next_id)
            self._changed = False
            self.writes += 1

    def _before_change(self) -> None:
        self.writes += 1
        if self._seed is None:
            self._seed = ([dict(row) for row in self.rows.values()], self.next_id)
        self._changed = True

    def _fill(self, rows: Iterable[Row], next_id: int | None) -> None:
        self.rows = {row["id"]: row for row in rows}
        self.next_id = next_id or (max(self.rows) + 1 if self.rows else 1)
        for key in self._indexes:
            index: Index = {}
            for row_id, row in self.rows.items():
                _index_add(index, row.get(key), row_id)
            self._indexes[key] = index


def _index_add(index: Index, value: Any, row_id: int) -> None:
    bucket = index.get(value)
    if bucket is None:
        index[value] = row_id
    elif isinstance(bucket, int):
        index[value] = [bucket, row_id]
    else:
        bucket.append(row_id)


def _index_remove(index: Index, value: Any, row_id: int) -> None:
    bucket = index[value]
    if isinstance(bucket, int):
        del index[value]
        return
    bucket.remove(row_id)
    if len(bucket) == 1:
        index[value] = bucket[0]
