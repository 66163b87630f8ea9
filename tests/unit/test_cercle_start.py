"""`python3 cercle.py`: this machine only by default, and a port is free only if nobody answers on it."""

from __future__ import annotations

import socket

import pytest

import cercle


@pytest.fixture
def launched(monkeypatch):
    commands: list[list[str]] = []
    monkeypatch.setattr(cercle, "ensure_environment", lambda _requirements: None)
    monkeypatch.setattr(cercle.subprocess, "call", lambda command, **_kw: commands.append(command) or 0)
    monkeypatch.setattr(cercle, "port_free", lambda _port, _host="127.0.0.1": True)
    monkeypatch.delenv("CERCLE_HOST", raising=False)
    return commands


def _address(command: list[str]) -> str:
    return command[command.index("--server.address") + 1]


def test_cercle_listens_on_this_machine_only_by_default(launched):
    assert cercle.start([]) == 0
    assert _address(launched[0]) == "127.0.0.1"


def test_cercle_listens_on_the_network_only_when_told(launched, monkeypatch, capsys):
    monkeypatch.setattr(cercle, "_sign_in_configured", lambda: False)
    cercle.start(["--host", "0.0.0.0", "--port", "8600"])
    assert _address(launched[0]) == "0.0.0.0" and launched[0][launched[0].index("--server.port") + 1] == "8600"
    assert "sans connexion configurée" in capsys.readouterr().out
    monkeypatch.setenv("CERCLE_HOST", "0.0.0.0")
    cercle.start([])
    assert _address(launched[1]) == "0.0.0.0"


def _listener(family: int, address: str) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.bind((address, 0))
    sock.listen()
    return sock


def test_a_port_taken_on_this_machine_is_not_free():
    with _listener(socket.AF_INET, "127.0.0.1") as taken:
        assert not cercle.port_free(taken.getsockname()[1])
    with _listener(socket.AF_INET, "0.0.0.0") as taken:
        assert not cercle.port_free(taken.getsockname()[1])


def test_a_port_answered_on_ipv6_loopback_is_not_free():
    # http://localhost may reach ::1 first: another program there would answer in Cercle's place
    try:
        taken = _listener(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with taken:
        assert not cercle.port_free(taken.getsockname()[1])
