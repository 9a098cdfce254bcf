"""Running the mock: in the foreground (`mockbsale serve`) or in a thread (tests, the plugin)."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import uvicorn

from mockbsale.app import create_app
from mockbsale.config import Settings
from mockbsale.engine import Engine

T = TypeVar("T")


def uvicorn_config(engine: Engine, log_level: str = "warning", access_log: bool = False) -> uvicorn.Config:
    settings = engine.settings
    return uvicorn.Config(
        create_app(engine),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
    )


class MockServer:
    """A live mock on a (free, by default) loopback port, served by uvicorn in a thread.

    The event loop owns the state: code on other threads reaches it through `call`.
    """

    def __init__(self, settings: Settings | None = None, engine: Engine | None = None) -> None:
        if engine is None:
            settings = settings or Settings(port=0)
            engine = Engine(settings)
            engine.seed()
        self.engine = engine
        self._server = uvicorn.Server(uvicorn_config(engine))
        self._thread: threading.Thread | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.port = engine.settings.port

    @property
    def url(self) -> str:
        return f"http://{self.engine.settings.host}:{self.port}"

    def start(self) -> MockServer:
        server = self._server

        async def serve() -> None:
            self.loop = asyncio.get_running_loop()
            await server.serve()

        self._thread = threading.Thread(target=asyncio.run, args=(serve(),), name="mockbsale-server", daemon=True)
        self._thread.start()
        while not server.started:
            if not self._thread.is_alive():
                settings = self.engine.settings
                raise RuntimeError(f"mockbsale could not listen on {settings.host}:{settings.port}")
            time.sleep(0.0005)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        return self

    def call(self, fn: Callable[..., T | Awaitable[T]], *args: Any, timeout: float = 10) -> T:
        """Run `fn(*args)` on the server's event loop and return its result, awaited when it is a
        coroutine (thread-safe door: the loop owns the state)."""
        assert self.loop is not None, "server not started"

        async def run() -> T:
            result = fn(*args)
            return await result if inspect.isawaitable(result) else result

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
