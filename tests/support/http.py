"""Raw HTTP clients for tests and benchmarks against a real server: slow senders and one-shot requests."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit


def _address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def slow_post(base_url: str, path: str, declared: int = 1024 * 1024, first: bytes = b"{") -> socket.socket:
    """Opens a connection, sends a POST's headers declaring ``declared`` bytes and only ``first`` of them; the
    caller trickles the rest (or not) and reads the answer."""
    sock = socket.create_connection(_address(base_url), timeout=30)
    host = urlsplit(base_url).netloc
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                 f"X-Shopify-Shop-Domain: slow.myshopify.com\r\nContent-Length: {declared}\r\n\r\n".encode() + first)
    return sock


def read_status(sock: socket.socket, timeout: float = 30) -> int | None:
    """The status code of the answer on ``sock`` (None when the server closed without one)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        return None
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def get(base_url: str, path: str, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict]:
    """One GET on a new connection: status and lower-cased headers (redirects not followed)."""
    sock = socket.create_connection(_address(base_url), timeout=timeout)
    with sock:
        lines = [f"GET {path} HTTP/1.1", f"Host: {urlsplit(base_url).netloc}", "Connection: close",
                 "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    found = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return status, found
