"""A table of flat records keyed by integer id, kept in ascending id order.

Rows are stored compactly and read as plain dicts. A stored record holds the row's values but its id
(which is where the record is kept): a row with the table's usual keys (those of its first row, `id`
first) is a tuple of its values, and a row with other keys a list of its values followed by its keys
(one tuple shared by every row with those keys). A row thus costs one tuple of pointers, and no id
object. `get`, iteration, `find`, `dump` and the writes hand out a fresh `dict` made from the record
(`dict(zip(keys, (id, *values)))`, in C): the edge where renderers and the domain read it. Changing
that dict stores nothing, and a dict read before a write does not see it (read the row the write
returns): writes go through `insert`, `update` and `delete`, which keep the secondary indexes true
and save the seed before the first change. Making a dict costs about eight times copying one, so the
rows read lately stay made (`DECODED` per table, the oldest dropped first; a write drops its row) and
each read hands out a copy: a page read again, or the related rows its items expand, cost little more
than plain dicts did.

Ids are dense in practice, so records sit in a list at their id (None where there is none); an id far
past the row count (a fixture with sparse ids) turns that list into a dict. Records never change in
place, so the seed `reset` goes back to is a copy of that list or dict sharing the records, and a table
nobody wrote to since `mark_seeded` keeps no copy at all.
"""

from __future__ import annotations

from array import array
from bisect import insort
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from itertools import starmap
from typing import Any

Row = dict[str, Any]
Record = tuple[Any, ...] | list[Any]
"""The row's values but its id: a tuple (the table's usual keys) or a list ending with its keys."""
Bucket = "int | bytes | array[int]"
Index = dict[Any, Bucket]
"""Value -> the id of the one row holding it, or the ids of several, ascending and packed as 8-byte
integers: `bytes` as a bulk load leaves them, an `array` once they change. Most values (SKUs,
barcodes) are unique, and a bare id costs nothing beyond its dict entry."""
DECODED = 256
"""Rows a table keeps made as dicts (more than a page of 50 and the rows its items expand)."""
SPARSE_SLACK = 1024
"""The list of records grows to an id up to twice the row count plus this; a larger id makes it a dict."""


class Records:
    """Id -> record, in ascending id order: a list indexed by id while ids are dense, else a dict."""

    def __init__(self, by_id: list[Record | None] | dict[Any, Record] | None = None, count: int = 0) -> None:
        self.by_id: list[Record | None] | dict[Any, Record] = [] if by_id is None else by_id
        self.count = count

    def copy(self) -> Records:
        return Records(self.by_id.copy(), self.count)

    def get(self, row_id: Any) -> Record | None:
        by_id = self.by_id
        if isinstance(by_id, dict):
            return by_id.get(row_id)
        if type(row_id) is not int or row_id < 0 or row_id >= len(by_id):
            return None
        return by_id[row_id]

    def put(self, row_id: Any, record: Record) -> None:
        """Store `record` at `row_id`, replacing the one there if any."""
        by_id = self.by_id
        if self.get(row_id) is None:
            self.count += 1
        if isinstance(by_id, list):
            if type(row_id) is int and 0 <= row_id < len(by_id):
                by_id[row_id] = record
                return
            if type(row_id) is int and 0 <= row_id <= 2 * self.count + SPARSE_SLACK:
                by_id.extend([None] * (row_id - len(by_id)))
                by_id.append(record)
                return
            by_id = self.by_id = dict(self.items())
        last = next(reversed(by_id), None)
        by_id[row_id] = record
        if last is not None and row_id < last:
            self.by_id = dict(sorted(by_id.items()))

    def pop(self, row_id: Any) -> Record:
        """Remove the record at `row_id` (there is one)."""
        record = self.by_id[row_id]
        if isinstance(self.by_id, dict):
            del self.by_id[row_id]
        else:
            self.by_id[row_id] = None
        self.count -= 1
        return record

    def items(self) -> Iterator[tuple[Any, Record]]:
        if isinstance(self.by_id, dict):
            return iter(self.by_id.items())
        return ((row_id, record) for row_id, record in enumerate(self.by_id) if record is not None)

    def ids(self) -> Iterator[Any]:
        if isinstance(self.by_id, dict):
            return iter(self.by_id)
        return (row_id for row_id, record in enumerate(self.by_id) if record is not None)

    def last_id(self) -> Any:
        """The highest id (there is a record)."""
        return next(reversed(self.by_id)) if isinstance(self.by_id, dict) else len(self.by_id) - 1


class Table:
    def __init__(self, name: str, indexed: Iterable[str] = ()) -> None:
        self.name = name
        self._records = Records()
        self.next_id = 1
        self._indexes: dict[str, Index] = {key: {} for key in indexed}
        self._keys: tuple[str, ...] | None = None
        """The keys of the first row stored, `id` first: those of a record that is a tuple."""
        self._shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
        """Every other key tuple the rows have, each kept once (what the records share)."""
        self._seed: tuple[Records, int] | None = None
        """The records and next id `reset` restores; None while they are the current ones."""
        self._decoded: OrderedDict[Any, Row] = OrderedDict()
        """Id -> the dict made of its record lately (see the module's note)."""
        self.rows = RowsView(self)
        """The table as a read-only mapping id -> row."""
        self.writes = 0
        """How many changes the table has seen (what a periodic save compares)."""

    def __len__(self) -> int:
        return self._records.count

    def __iter__(self) -> Iterator[Row]:
        return starmap(self._row, self._records.items())

    def get(self, row_id: int) -> Row | None:
        record = self._records.get(row_id)
        return None if record is None else self._row(row_id, record)

    def contains(self, row_id: object) -> bool:
        return self._records.get(row_id) is not None

    def ids(self) -> Iterator[int]:
        """Every id, ascending."""
        return self._records.ids()

    def insert(self, row: Row) -> Row:
        """Store a new row; it gets the next id unless it carries one."""
        row_id = row.get("id")
        if row_id is None:
            row_id = self.next_id
        if self.contains(row_id):
            raise ValueError(f"{self.name}: duplicate id {row_id}")
        self._before_change()
        self.next_id = max(self.next_id, row_id + 1)
        record = self._record_of({"id": row_id, **row})
        self._records.put(row_id, record)
        row = self._as_row(row_id, record)
        for key, index in self._indexes.items():
            _index_add(index, row.get(key), row_id)
        return row

    def update(self, row_id: int, changes: Row) -> Row:
        record = self._records.get(row_id)
        if record is None:
            raise KeyError(row_id)
        row = self._as_row(row_id, record)
        self._before_change()
        for key, index in self._indexes.items():
            if key in changes and changes[key] != row.get(key):
                _index_remove(index, row.get(key), row_id)
                _index_add(index, changes[key], row_id)
        row.update(changes)
        self._records.put(row_id, self._record_of(row))
        self._decoded.pop(row_id, None)
        return row

    def delete(self, row_id: int) -> Row:
        """Remove a row for good (few things are: e.g. a product tax dropped by a PUT)."""
        if not self.contains(row_id):
            raise KeyError(row_id)
        self._before_change()
        row = self._as_row(row_id, self._records.pop(row_id))
        self._decoded.pop(row_id, None)
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
        if isinstance(bucket, int):
            return [bucket]
        return array("q", bucket).tolist()

    def find(self, key: str, value: Any) -> list[Row]:
        if key in self._indexes:
            by_id = self._records.by_id
            return [self._row(row_id, by_id[row_id]) for row_id in self.lookup(key, value)]  # type: ignore[arg-type]
        return [row for row in self if row.get(key) == value]

    def first(self, key: str, value: Any) -> Row | None:
        found = self.find(key, value)
        return found[0] if found else None

    def dump(self) -> list[Row]:
        """Every row, ascending, each a dict of its own (not kept made: a dump reads every row once)."""
        return list(starmap(self._as_row, self._records.items()))

    def load(self, rows: Iterable[Row], next_id: int | None = None) -> None:
        """Replace the content with `rows`, read one at a time (a large data set is never held twice)."""
        records = Records()
        for row in rows:
            records.put(row["id"], self._record_of(row))
        self._before_change()
        self._records = records
        self._decoded.clear()
        self.next_id = next_id or (records.last_id() + 1 if records.count else 1)
        self._reindex()

    def mark_seeded(self) -> None:
        """Take the current content as the state `reset` goes back to."""
        self._seed = None

    def reset(self) -> None:
        """Go back to the content of `mark_seeded` (nothing to do if nothing changed)."""
        if self._seed is not None:
            self._records, self.next_id = self._seed
            self._seed = None
            self._decoded.clear()
            self._reindex()
            self.writes += 1

    def _before_change(self) -> None:
        self.writes += 1
        if self._seed is None:
            self._seed = (self._records.copy(), self.next_id)

    def _row(self, row_id: Any, record: Record) -> Row:
        """The row as a dict of its own, copied from the one made lately if there is one."""
        decoded = self._decoded
        row = decoded.get(row_id)
        if row is None:
            row = decoded[row_id] = self._as_row(row_id, record)
            if len(decoded) > DECODED:
                decoded.popitem(last=False)
        return row.copy()

    def _as_row(self, row_id: Any, record: Record) -> Row:
        keys = self._keys if type(record) is tuple else record[-1]
        return dict(zip(keys, (row_id, *record), strict=False))  # type: ignore[arg-type]

    def _record_of(self, row: Row) -> Record:
        """The row (its id first) as a record."""
        keys = tuple(row)
        if keys[0] != "id":
            row = {"id": row["id"], **row}
            keys = tuple(row)
        values = iter(row.values())
        next(values)
        if self._keys is None:
            self._keys = keys
        if keys == self._keys:
            return tuple(values)
        return [*values, self._shapes.setdefault(keys, keys)]

    def _reindex(self) -> None:
        """Every index built anew from the records (each id one object, whichever indexes hold it)."""
        indexes: dict[str, dict[Any, Any]] = {key: {} for key in self._indexes}
        places: dict[tuple[str, ...], list[tuple[dict[Any, Any], int | None]]] = {}
        for row_id, record in self._records.items():
            keys = self._keys if type(record) is tuple else record[-1]
            place = places.get(keys)
            if place is None:
                place = places[keys] = [(index, keys.index(key) if key in keys else None)
                                        for key, index in indexes.items()]
            for index, at in place:
                value = None if at is None else row_id if at == 0 else record[at - 1]
                bucket = index.get(value)
                if bucket is None:
                    index[value] = row_id
                elif isinstance(bucket, int):
                    index[value] = [bucket, row_id]
                else:
                    bucket.append(row_id)
        for key, index in indexes.items():
            for value, bucket in index.items():
                if isinstance(bucket, list):
                    index[value] = array("q", bucket).tobytes()
            self._indexes[key] = index


class RowsView(Mapping[int, Row]):
    """`table.rows`: id -> row (a fresh dict per read), ascending."""

    def __init__(self, table: Table) -> None:
        self._table = table

    def __getitem__(self, row_id: int) -> Row:
        row = self._table.get(row_id)
        if row is None:
            raise KeyError(row_id)
        return row

    def __contains__(self, row_id: object) -> bool:
        return self._table.contains(row_id)

    def __iter__(self) -> Iterator[int]:
        return self._table.ids()

    def __len__(self) -> int:
        return len(self._table)

    def values(self) -> list[Row]:  # type: ignore[override]
        """Every row, ascending (a list, so it can be reversed)."""
        return list(self._table)


def _index_add(index: Index, value: Any, row_id: int) -> None:
    bucket = index.get(value)
    if bucket is None:
        index[value] = row_id
        return
    if isinstance(bucket, int):
        bucket = array("q", [bucket])
    elif isinstance(bucket, bytes):
        bucket = array("q", bucket)
    index[value] = bucket
    insort(bucket, row_id)


def _index_remove(index: Index, value: Any, row_id: int) -> None:
    bucket = index[value]
    if isinstance(bucket, int):
        del index[value]
        return
    if isinstance(bucket, bytes):
        bucket = index[value] = array("q", bucket)
    bucket.remove(row_id)
    if len(bucket) == 1:
        index[value] = bucket[0]
