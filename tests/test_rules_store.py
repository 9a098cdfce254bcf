"""The table's rules through its API: ids, key order, shapes, sparse ids, indexes after a bulk load,
the rows view, the dicts it hands out, writes counted, reset."""

from __future__ import annotations

import pytest

from mockbsale.store import Table
from mockbsale.store.table import DECODED


def codes(*values: str, indexed: tuple[str, ...] = ("code",)) -> Table:
    table = Table("variants", indexed=indexed)
    for value in values:
        table.insert({"code": value, "state": 0})
    return table


def test_ids_come_from_next_id_unless_given_and_next_id_never_goes_back() -> None:
    table = codes("a")
    assert table.insert({"id": 7, "code": "b"})["id"] == 7 and table.next_id == 8
    assert table.insert({"id": 3, "code": "c"})["id"] == 3 and table.next_id == 8
    assert table.insert({"id": None, "code": "d"}) == {"id": 8, "code": "d"}
    table.delete(8)
    assert table.next_id == 9 and table.insert({"code": "e"})["id"] == 9
    assert [row["id"] for row in table] == [1, 3, 7, 9] and len(table) == 4


def test_a_duplicate_id_is_refused_and_changes_nothing() -> None:
    table = codes("a")
    writes = table.writes
    with pytest.raises(ValueError, match=r"^variants: duplicate id 1$"):
        table.insert({"id": 1, "code": "z"})
    assert table.writes == writes and table.lookup("code", "z") == [] and table.get(1) == {"id": 1, "code": "a",
                                                                                           "state": 0}


def test_rows_keep_their_key_order_with_the_id_first() -> None:
    table = Table("t")
    table.insert({"b": 1, "a": 2})
    table.insert({"z": 0, "id": 5, "y": None})
    assert [list(row) for row in table] == [["id", "b", "a"], ["id", "z", "y"]]
    assert table.get(5) == {"id": 5, "z": 0, "y": None}
    assert list(table.update(1, {"c": 3, "b": 4})) == ["id", "b", "a", "c"] and table.get(1) == {
        "id": 1, "b": 4, "a": 2, "c": 3}


def test_rows_of_other_shapes_and_a_row_of_only_its_id() -> None:
    table = Table("t", indexed=["k"])
    table.insert({})
    table.insert({"k": "x"})
    table.insert({"k": "y", "extra": [1, 2]})
    table.insert({})
    assert table.dump() == [{"id": 1}, {"id": 2, "k": "x"}, {"id": 3, "k": "y", "extra": [1, 2]}, {"id": 4}]
    assert len(table) == 4 and table.get(1) == {"id": 1} and 4 in table.rows
    assert table.lookup("k", None) == [1, 4] and table.lookup("k", "y") == [3]
    table.update(1, {"k": "y"})
    assert table.find("k", "y") == [{"id": 1, "k": "y"}, {"id": 3, "k": "y", "extra": [1, 2]}]
    table.load(table.dump())
    assert table.lookup("k", "y") == [1, 3] and table.get(3) == {"id": 3, "k": "y", "extra": [1, 2]}


def test_get_answers_none_for_any_id_it_does_not_hold() -> None:
    table = codes("a", "b")
    table.delete(1)
    for missing in (0, 1, 3, 1000, -1, "2", 2.5, None):
        assert table.get(missing) is None  # type: ignore[arg-type]
        assert missing not in table.rows
    with pytest.raises(KeyError):
        table.rows[1]
    with pytest.raises(KeyError):
        table.update(1, {"state": 1})
    with pytest.raises(KeyError):
        table.delete(1)
    assert table.rows[2] == {"id": 2, "code": "b", "state": 0} and list(table.rows) == [2] and len(table.rows) == 1


def test_sparse_ids_are_kept_in_ascending_order() -> None:
    table = codes("a")
    table.insert({"id": 10**9, "code": "far"})
    table.insert({"id": 500, "code": "mid"})
    table.insert({"code": "next"})
    assert list(table.rows) == [1, 500, 10**9, 10**9 + 1]
    assert table.get(500) == {"id": 500, "code": "mid"}
    assert table.lookup("code", "far") == [10**9] and table.get(10**9 + 1)["code"] == "next"
    table.delete(500)
    assert list(table.rows) == [1, 10**9, 10**9 + 1] and table.get(500) is None and len(table) == 3
    table.update(1, {"code": "far"})
    assert table.lookup("code", "far") == [1, 10**9]


def test_a_sparse_table_resets_and_loads() -> None:
    table = codes("a")
    table.mark_seeded()
    table.insert({"id": 10**6, "code": "far"})
    table.reset()
    assert table.dump() == [{"id": 1, "code": "a", "state": 0}] and table.next_id == 2
    table.load([{"id": 5, "code": "x"}, {"id": 10**7, "code": "y"}, {"id": 2, "code": "z"}])
    assert list(table.rows) == [2, 5, 10**7] and table.next_id == 10**7 + 1 and table.lookup("code", "z") == [2]


def test_a_bulk_load_leaves_indexes_that_follow_every_write() -> None:
    table = Table("stocks", indexed=["variantId", "officeId"])
    table.load({"id": row_id, "variantId": row_id // 3, "officeId": 1} for row_id in range(1, 10))
    assert table.lookup("variantId", 1) == [3, 4, 5] and table.lookup("officeId", 1) == list(range(1, 10))
    table.delete(4)
    assert table.lookup("variantId", 1) == [3, 5]
    table.insert({"id": 4, "variantId": 1, "officeId": 2})
    assert table.lookup("variantId", 1) == [3, 4, 5] and table.lookup("officeId", 2) == [4]
    table.update(5, {"variantId": 0})
    table.update(3, {"variantId": 0})
    assert table.lookup("variantId", 1) == [4] and table.lookup("variantId", 0) == [1, 2, 3, 5]
    table.load(table.dump())
    table.update(1, {"variantId": 2})
    assert table.lookup("variantId", 0) == [2, 3, 5] and table.lookup("variantId", 2) == [1, 6, 7, 8]
    table.delete(3)
    table.delete(5)
    assert table.lookup("variantId", 0) == [2] and table.find("variantId", 0) == [{"id": 2, "variantId": 0,
                                                                                 "officeId": 1}]
    with pytest.raises(KeyError):
        table.lookup("quantity", 1)


def test_load_reads_its_rows_after_the_table_it_replaces() -> None:
    table = codes("a", "b")
    table.load({**row, "code": row["code"].upper()} for row in table.dump())
    assert table.dump() == [{"id": 1, "code": "A", "state": 0}, {"id": 2, "code": "B", "state": 0}]
    assert table.next_id == 3 and table.lookup("code", "A") == [1] and table.lookup("code", "a") == []
    table.load([], next_id=None)
    assert len(table) == 0 and table.next_id == 1 and table.lookup("code", "A") == []
    assert table.first("code", "A") is None
    table.load([{"id": 4, "code": "x"}], next_id=10)
    assert table.next_id == 10 and table.insert({"code": "y"})["id"] == 10


def test_find_without_an_index_and_first() -> None:
    table = codes("a", "b", "a")
    table.update(2, {"state": 1})
    assert table.find("state", 0) == [{"id": 1, "code": "a", "state": 0}, {"id": 3, "code": "a", "state": 0}]
    assert table.find("missing", None) == table.dump() and table.find("state", 7) == []
    assert table.first("code", "a") == {"id": 1, "code": "a", "state": 0} and table.first("state", 1)["id"] == 2


def test_rows_handed_out_store_nothing_and_writes_are_read_at_once() -> None:
    table = codes("a", "b")
    for _ in range(2):
        held = table.get(1)
        assert held is not None
        held["code"] = "changed"
        next(iter(table))["code"] = "changed"
        table.find("code", "a")[0]["code"] = "changed"
        table.rows[1]["code"] = "changed"
    table.dump()[1]["code"] = "changed"
    assert table.dump() == [{"id": 1, "code": "a", "state": 0}, {"id": 2, "code": "b", "state": 0}]
    for row_id in range(3, DECODED + 10):
        table.insert({"code": str(row_id)})
    assert [row["code"] for row in table][:3] == ["a", "b", "3"]
    for row_id in range(1, DECODED + 10):
        assert table.get(row_id)["code"] == {1: "a", 2: "b"}.get(row_id, str(row_id))
    assert table.update(1, {"code": "x"})["code"] == "x" and table.get(1)["code"] == "x"
    assert [row["code"] for row in table.rows.values()][:1] == ["x"]
    assert table.find("code", "x")[0]["code"] == "x"
    table.delete(2)
    assert table.get(2) is None and table.find("code", "b") == []
    table.mark_seeded()
    table.update(3, {"code": "y"})
    assert table.get(3)["code"] == "y"
    table.reset()
    assert table.get(3)["code"] == "3" and table.first("code", "3")["id"] == 3
    table.load([{"id": 3, "code": "z"}])
    assert table.get(3) == {"id": 3, "code": "z"} and table.get(1) is None


def test_rows_view_reads_like_a_mapping() -> None:
    table = codes("a", "b", "c")
    table.delete(2)
    assert dict(table.rows) == {1: {"id": 1, "code": "a", "state": 0}, 3: {"id": 3, "code": "c", "state": 0}}
    assert [row["id"] for row in reversed(table.rows.values())] == [3, 1]
    assert table.rows.get(2) is None and table.rows.get(3)["code"] == "c" and list(table.rows.keys()) == [1, 3]


def test_every_change_is_counted_and_reset_counts_only_when_it_restores() -> None:
    table = codes("a")
    table.mark_seeded()
    start = table.writes
    table.reset()
    assert table.writes == start
    table.insert({"code": "b"})
    table.update(2, {"code": "c"})
    table.delete(2)
    table.load(table.dump())
    assert table.writes == start + 4
    table.reset()
    assert table.writes == start + 5
    table.reset()
    assert table.writes == start + 5


def test_reset_goes_back_to_the_last_mark_as_often_as_asked() -> None:
    table = codes("a", "b")
    table.mark_seeded()
    table.update(1, {"code": "x"})
    table.mark_seeded()
    table.delete(2)
    table.insert({"code": "c"})
    table.reset()
    assert table.dump() == [{"id": 1, "code": "x", "state": 0}, {"id": 2, "code": "b", "state": 0}]
    assert table.next_id == 3 and table.lookup("code", "x") == [1] and table.lookup("code", "c") == []
    table.update(2, {"code": "x"})
    table.reset()
    assert table.lookup("code", "x") == [1] and table.lookup("code", "b") == [2] and len(table) == 2


def test_reset_without_a_mark_goes_back_to_before_the_first_write() -> None:
    table = codes("a")
    table.reset()
    assert table.dump() == [] and table.next_id == 1 and table.lookup("code", "a") == []
    table.insert({"code": "b"})
    table.reset()
    assert table.dump() == [] and table.insert({"code": "c"})["id"] == 1


def test_an_id_of_zero_or_below_is_an_id_like_any() -> None:
    table = codes("a")
    assert table.insert({"id": 0, "code": "zero"}) == {"id": 0, "code": "zero"} and table.next_id == 2
    table.update(0, {"code": "b"})
    assert table.get(0) == {"id": 0, "code": "b"} and list(table.rows) == [0, 1] and len(table) == 2
    table.insert({"id": -1, "code": "b"})
    table.insert({"id": -5, "code": "b"})
    assert list(table.rows) == [-5, -1, 0, 1] and table.lookup("code", "b") == [-5, -1, 0]
    table.delete(-1)
    assert table.lookup("code", "b") == [-5, 0] and table.get(-1) is None and table.get(-5)["code"] == "b"
    table.load(table.dump())
    assert table.lookup("code", "b") == [-5, 0] and table.next_id == 2
    table.insert({"id": -3, "code": "b"})
    assert table.lookup("code", "b") == [-5, -3, 0]
    table.update(-5, {"code": "c"})
    assert table.lookup("code", "b") == [-3, 0] and table.lookup("code", "c") == [-5]
    table.load(table.dump())
    table.delete(0)
    assert table.lookup("code", "b") == [-3]


def test_a_key_set_to_none_is_indexed_under_none() -> None:
    table = codes("a", "b")
    table.update(1, {"code": None})
    assert table.lookup("code", None) == [1] and table.lookup("code", "a") == []
    table.update(1, {"code": None, "state": 1})
    assert table.lookup("code", None) == [1] and table.get(1) == {"id": 1, "code": None, "state": 1}


def test_loaded_rows_get_their_id_first_and_an_id_can_be_indexed() -> None:
    table = Table("t", indexed=["id", "k"])
    assert table.writes == 0 and table.is_indexed("k") and not table.is_indexed("v")
    table.load([{"k": "a", "id": 2, "v": 1}, {"v": 2, "id": 3}])
    assert [list(row) for row in table.dump()] == [["id", "k", "v"], ["id", "v"]]
    assert table.lookup("id", 3) == [3] and table.lookup("k", None) == [3] and table.next_id == 4
    table.load([{"id": 0}])
    assert table.next_id == 1 and table.dump() == [{"id": 0}] and table.lookup("id", 0) == [0]


def test_a_deleted_id_written_again_reads_its_new_row() -> None:
    table = codes("a", "b")
    assert table.get(2) == {"id": 2, "code": "b", "state": 0}
    table.delete(2)
    table.insert({"id": 2, "code": "c"})
    assert table.get(2) == {"id": 2, "code": "c"} and table.rows[2] == {"id": 2, "code": "c"}


def test_a_missing_row_is_named_by_its_id() -> None:
    table = codes("a")
    for read in (lambda: table.rows[7], lambda: table.update(7, {}), lambda: table.delete(7)):
        with pytest.raises(KeyError) as raised:
            read()
        assert raised.value.args == (7,)


def test_a_first_id_far_away_and_ids_after_it() -> None:
    table = codes(indexed=("code",))
    table.insert({"id": 10**9, "code": "far"})
    table.insert({"id": 7, "code": "near"})
    assert list(table.rows) == [7, 10**9] and table.next_id == 10**9 + 1 and len(table) == 2
