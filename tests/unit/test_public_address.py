"""Which public addresses only this machine can open (links made with them would reach nobody)."""

from __future__ import annotations

import pytest

from lib.workspaces import is_loopback_address


@pytest.mark.parametrize("url", ["http://localhost:8501", "http://127.0.0.1:8501", "http://127.1.2.3",
                                 "http://[::1]:8501/", "http://0.0.0.0:8501", "https://cercle.localhost",
                                 "http://LOCALHOST"])
def test_loopback_addresses(url):
    assert is_loopback_address(url)


@pytest.mark.parametrize("url", ["https://cercle.domaine.fr", "http://192.168.1.10:8501", "https://localhost.fr",
                                 "https://10.0.0.5/cercle"])
def test_addresses_others_can_open(url):
    assert not is_loopback_address(url)
