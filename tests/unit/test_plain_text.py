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
    assert shown.replace("\\", "") == hostile.replace("\\", "")
    assert "](" not in shown and "![" not in shown


def test_plain_text_is_untouched_where_markdown_has_nothing_to_do():
    """Ordinary French sentences keep their letters and spaces."""
    assert plain("Zoé Dupont à Lyon") == "Zoé Dupont à Lyon"
