"""The table: indexes kept true by every write, and reset back to the seed however often."""

from __future__ import annotations

from mockbsale.store import Table


def seeded_table() -> Table:
    table = Table("variants", indexed=["code"])
    for code in ("A", "B", "C"):
        table.insert({"code": code})
    table.mark_seeded()
    return table


def test_indexes_follow_insert_update_delete() -> None:
    table = seeded_table()
    table.update(1, {"code": "B"})
    assert table.lookup("code", "B") == [1, 2] and table.lookup("code", "A") == []
    table.delete(2)
    assert table.find("code", "B") == [{"id": 1, "code": "B"}]
    assert table.insert({"code": "B"})["id"] == 4


def test_reset_restores_rows_ids_and_indexes_every_time() -> None:
    table = seeded_table()
    seed = table.dump()
    for _ in range(2):
        table.update(1, {"code": "Z"})
        table.insert({"code": "D"})
        table.delete(3)
        table.reset()
        assert table.dump() == seed
        assert table.lookup("code", "A") == [1] and table.lookup("code", "Z") == []
        assert table.insert({"code": "E"})["id"] == 4
        table.reset()


def test_reset_of_an_untouched_table_keeps_the_same_rows() -> None:
    table = seeded_table()
    rows = table.rows
    table.reset()
    assert table.rows is rows


def test_unique_and_shared_values_both_index() -> None:
    table = Table("stocks", indexed=["variantId"])
    for variant_id in (7, 7, 8):
        table.insert({"variantId": variant_id})
    assert table.lookup("variantId", 7) == [1, 2] and table.lookup("variantId", 8) == [3]
    table.update(2, {"variantId": 8})
    assert table.lookup("variantId", 7) == [1] and table.lookup("variantId", 8) == [2, 3]
    table.delete(1)
    assert table.lookup("variantId", 7) == [] and table.lookup("variantId", 9) == []
