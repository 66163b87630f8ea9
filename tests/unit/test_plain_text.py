"""Text from files and users is shown as written, never as markdown links, images or formatting."""

from __future__ import annotations

import pytest

from lib.ui.text import plain


@pytest.mark.parametrize("hostile", [
    "[clic](https://evil.example)", "![pixel](https://tracker.example/p.gif)", "**gras** _italique_",
    "<img src=x onerror=alert(1)>", "# titre", "`code`", ":material/warning: :smile:", "$x^2$", "a\\b",
])
def test_markdown_metacharacters_are_escaped(hostile):
    """Every markdown character is backslash-escaped; removing the escapes gives the text back."""
    shown = plain(hostile)
    assert shown.replace("\\", "").replace("\u2060", "") == hostile.replace("\\", "")
    assert "](" not in shown and "![" not in shown


def test_plain_text_is_untouched_where_markdown_has_nothing_to_do():
    """Ordinary French sentences keep their letters and spaces."""
    assert plain("Zoé Dupont à Lyon") == "Zoé Dupont à Lyon"


@pytest.mark.parametrize("address", ["https://evil.example/x", "HTTP://evil.example", "www.evil.example",
                                     "WWW.Evil.example", "ana@evil.example", "mailto:ana@evil.example"])
def test_bare_addresses_do_not_become_links(address):
    """The renderer links bare web and mail addresses: an invisible word joiner breaks each pattern it knows."""
    shown = plain(f"voir {address} ici")
    assert "://" not in shown.replace("\\", "") and "www." not in shown.lower().replace("\\", "")
    assert "@" not in shown or "\u2060@" in shown
    assert shown.replace("\\", "").replace("\u2060", "") == f"voir {address} ici"
