"""`serve --state-file PATH`: a server's whole state kept across restarts.

The file is a data set (the fixtures format) plus what the server was told at run time: webhook
subscriptions, faults and the rate limit. It is loaded at start when it exists; it is written on
shutdown and, while serving, every `state_save_every` seconds when the state changed. Each save
writes a temporary file next to it, flushes it to disk, then renames it over the old one: a crash
(even `kill -9` in the middle of a save) leaves the previous complete file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from mockbsale.dataset.validate import DataSetError, read_data_set

if TYPE_CHECKING:
    from mockbsale.engine import Engine

log = logging.getLogger("mockbsale")

COUNTERS = ("seen", "injected")
"""A fault's counts of the requests it saw and struck: not saved (every request would change them)."""
CHANGES_TICK = 0.1
"""Seconds between two looks at the number of row changes (with `changes`)."""
TEMP_SUFFIX = ".saving"
"""Temporary files of an interrupted save end with this; the next start removes them."""


def server_settings(engine: Engine) -> dict[str, Any]:
    """What the server was told at run time: webhook subscriptions, faults, rate limit."""
    hub = engine.webhooks
    subscriptions = [subscription.to_dict() for cpn_id in engine.store.companies
                     for subscription in hub.subscriptions(cpn_id)]
    faults = engine.faults.describe()
    for kinds in faults["companies"].values():
        for fault in kinds:
            for counter in COUNTERS:
                del fault[counter]
    return {"subscriptions": subscriptions, "faults": faults, "rateLimit": engine.rate_limiter.describe()}


def restore_server(engine: Engine, document: dict[str, Any]) -> None:
    """Bring back the run-time settings saved with the data: subscriptions (ids kept), faults, rate limit."""
    server = document.get("server")
    if not isinstance(server, dict):
        return
    engine.webhooks.restore(server.get("subscriptions", []))
    faults = server.get("faults", {})
    engine.faults.reseed(faults.get("seed", engine.faults.seed))
    for cpn_id, kinds in faults.get("companies", {}).items():
        for fault in kinds:
            options = {key: value for key, value in fault.items() if key not in ("kind", *COUNTERS)}
            engine.faults.set(int(cpn_id), fault["kind"], **options)
    limit = server.get("rateLimit")
    if limit:
        engine.rate_limiter.configure(limit["limit"], limit["window"])


def write_atomically(path: Path, content: bytes) -> None:
    """Replace `path` by `content` whole or not at all: a temporary file, fsync, rename."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a power cut
        finally:
            os.close(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def remove_leftovers(path: Path) -> None:
    """Delete the temporary files of saves a crash interrupted."""
    for leftover in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


class StateFile:
    """An engine listener that saves the state to `path` on shutdown, every `state_save_every` seconds and
    after `state_save_changes` row changes (of the engine's settings; 0 turns either off)."""

    def __init__(self, engine: Engine, path: str | Path) -> None:
        self.engine = engine
        self.path = Path(path)
        self.every = engine.settings.state_save_every
        self.changes = engine.settings.state_save_changes
        self.saved: tuple[int, bytes] | None = None
        """The table writes and server settings last saved (a save with nothing new is skipped)."""
        self._task: asyncio.Task[None] | None = None

    def read(self) -> dict[str, Any] | None:
        """The saved state, checked like a data set (DataSetError), or None when there is no file yet."""
        remove_leftovers(self.path)
        return read_data_set(self.path) if self.path.exists() else None

    def restore(self, document: dict[str, Any]) -> None:
        """The saved run-time settings back (after the data is loaded); DataSetError when they are bad."""
        try:
            restore_server(self.engine, document)
        except (KeyError, TypeError, ValueError, AttributeError, LookupError) as error:
            raise DataSetError(f"{self.path}: server: {error!r}") from None

    def publish(self, company: Any, events: Any) -> None:
        """Events need nothing here: the periodic save compares the content."""

    async def start(self) -> None:
        self.saved = None
        if self.every > 0 or self.changes > 0:
            self._task = asyncio.create_task(self._save_periodically())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.save()

    async def save(self) -> bool:
        """Write the state if it changed since the last save; True when written."""
        server = server_settings(self.engine)
        marker = (self.engine.store.writes(), orjson.dumps(server))
        if marker == self.saved:
            return False
        content = orjson.dumps({**self.engine.store.dump(), "server": server})
        await asyncio.to_thread(write_atomically, self.path, content)
        self.saved = marker
        return True

    async def _save_periodically(self) -> None:
        last_save, writes = time.monotonic(), self.engine.store.writes()
        tick = CHANGES_TICK if self.changes > 0 else self.every
        while True:
            await asyncio.sleep(tick)
            due = self.every > 0 and time.monotonic() - last_save >= self.every
            if not due and not (self.changes > 0 and self.engine.store.writes() - writes >= self.changes):
                continue
            last_save, writes = time.monotonic(), self.engine.store.writes()
            try:
                await self.save()
            except OSError as error:
                log.error("cannot save the state to %s: %s", self.path, error)
