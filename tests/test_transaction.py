"""`store.atomic()`: every insert, update and delete of a failed block is undone, byte for byte."""

from __future__ import annotations

import pytest

from mockbsale.store import atomic
from mockbsale.store.transaction import UndoableTable


def table() -> UndoableTable:
    rows = UndoableTable("rows", ["code"])
    for code in ("a", "b", "c"):
        rows.insert({"code": code, "state": 0})
    return rows


def content(rows: UndoableTable) -> tuple[list[dict[str, object]], int, list[int]]:
    return rows.dump(), rows.next_id, rows.lookup("code", "b")


def test_a_failed_block_leaves_the_table_as_it_was() -> None:
    rows = table()
    before = content(rows)
    with pytest.raises(RuntimeError), atomic():
        rows.insert({"code": "d"})
        rows.update(2, {"code": "z", "note": "added key"})
        rows.delete(1)
        rows.insert({"id": 10, "code": "b"})
        with atomic():
            rows.update(3, {"state": 1})
        raise RuntimeError("a bug after the writes")
    assert content(rows) == before
    assert [list(row) for row in rows.dump()] == [["id", "code", "state"]] * 3
    assert rows.lookup("code", "z") == [] and rows.lookup("code", "d") == []


def test_a_block_that_succeeds_keeps_its_writes_and_writes_outside_record_nothing() -> None:
    rows = table()
    with atomic():
        rows.insert({"code": "d"})
    rows.update(1, {"state": 1})
    with pytest.raises(ValueError), atomic():
        raise ValueError("refused before writing")
    assert [row["code"] for row in rows.dump()] == ["a", "b", "c", "d"]
    assert rows.get(1) == {"id": 1, "code": "a", "state": 1}
