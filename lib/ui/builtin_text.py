"""Streamlit's own words in the session's language.

Streamlit 1.67 writes a few words of its own in English whatever the page's language: the file uploader's
« Upload » button and « 50MB per file • CSV, … » line, a multiselect's « Select all ». None of them can be set
through the widgets' arguments, so a small style sheet hides those words and shows the catalog's instead. Only
catalog text goes into it (never anything a user or a file wrote), each string quoted as CSS.
"""

from __future__ import annotations

import streamlit as st

from lib.i18n import get_language, t

_RULES = (
    ('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p', "builtin.upload"),
    ('[data-testid="stFileUploaderDropzoneInstructions"] span', "builtin.upload_limit"),
    ('[data-key="__select_all__"] [data-item-hl]', "builtin.select_all"),
)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: every character that could end the string, the rule or the <style>
    element is written as a CSS escape."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>\n\r' or ord(char) < 32 else char for char in text)
    return f'"{escaped}"'


def style_sheet(language: str, megabytes: int) -> str:
    """The CSS that replaces Streamlit's English words with the catalog's, for ``language``."""
    rules = []
    for selector, key in _RULES:
        text = css_string(t(key, language, megabytes=megabytes))
        rules.append(f"{selector} {{ font-size: 0 !important; }}\n"
                     f"{selector}::after {{ content: {text}; font-size: 0.875rem; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def translate_builtins() -> None:
    """Draws the style sheet for the session's language (call once per run, before the page)."""
    st.html(style_sheet(get_language(), int(st.get_option("server.maxUploadSize"))))
