"""Listening sockets for `serve` and `listen`: bound before the server starts, so that a port in
use or a bad host is a one-line error; the warning for a host the network can reach; how Ctrl+C ends them."""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uvicorn


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (0: a free port); OSError when it cannot."""
    return socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)


def reason(error: OSError) -> str:
    """Why a socket could not be bound, in a few words (`Address already in use`)."""
    text = error.strerror or str(error)
    return text.split(" (while attempting")[0]  # socket.create_server's addition


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def raise_interrupt_if_stopped_by_signal(server: uvicorn.Server) -> None:
    """Ctrl+C ends a foreground command in KeyboardInterrupt (its caller reports "stopped"). uvicorn
    re-raises the SIGINT it caught once it has shut down, but asyncio's runner may take that signal as a
    cancel of a task that is already finishing and swallow it, depending on when the handler runs."""
    if server.should_exit:
        raise KeyboardInterrupt
