"""Writes that succeed whole or change nothing.

Inside `atomic()`, every insert, update and delete of an `UndoableTable` records how to undo
itself; when the block raises (Bsale's 400 or a bug of the mock), the changes are undone newest
first, so the company's state is what it was before the request, byte for byte (next ids and
folios included). The undo log lives in a context variable: each request (an asyncio task) has its
own, and a write outside any `atomic()` block (the seed, the Python API) records nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from mockbsale.store.table import Row, Table

Undo = Callable[[], None]

_undo_log: ContextVar[list[Undo] | None] = ContextVar("mockbsale_undo_log", default=None)


@contextlib.contextmanager
def atomic() -> Iterator[None]:
    """Undo every table change made inside the block if the block raises (nested blocks join the
    outer one)."""
    if _undo_log.get() is not None:
        yield
        return
    steps: list[Undo] = []
    token = _undo_log.set(steps)
    try:
        yield
    except BaseException:
        for step in reversed(steps):
            step()
        raise
    finally:
        _undo_log.reset(token)


class UndoableTable(Table):
    """A `Table` whose writes can be undone inside `atomic()` (its public API unchanged)."""

    def insert(self, row: Row) -> Row:
        next_id = self.next_id
        stored = super().insert(row)
        steps = _undo_log.get()
        if steps is not None:
            steps.append(lambda: self._undo_insert(stored["id"], next_id))
        return stored

    def update(self, row_id: int, changes: Row) -> Row:
        steps = _undo_log.get()
        before = self.get(row_id)
        if steps is not None and before is not None:
            kept = {key: before[key] for key in changes if key in before}
            added = [key for key in changes if key not in before]
            steps.append(lambda: self._undo_update(row_id, kept, added))
        return super().update(row_id, changes)

    def delete(self, row_id: int) -> Row:
        row = super().delete(row_id)
        steps = _undo_log.get()
        if steps is not None:
            steps.append(lambda: Table.insert(self, row))
        return row

    def _undo_insert(self, row_id: int, next_id: int) -> None:
        Table.delete(self, row_id)
        self.next_id = next_id

    def _undo_update(self, row_id: int, kept: Row, added: list[str]) -> None:
        row = Table.update(self, row_id, kept)
        if added:
            Table.delete(self, row_id)
            Table.insert(self, {key: value for key, value in row.items() if key not in added})
