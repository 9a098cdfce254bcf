"""Listening sockets for `serve` and `listen`: bound before the server starts, so that a port in
use or a bad host is a one-line error, and the warning for a host the network can reach."""

from __future__ import annotations

import ipaddress
import socket


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
