"""Showing sentences that carry user or file text through Streamlit's markdown, as plain text.

Alerts (st.success, st.error...) render markdown: a contact named ``[clic](https://…)`` or ``![x](http://…)``
would otherwise become a link or load a remote image. Every markdown character is backslash-escaped, which
markdown then shows as the character itself (TRUST.md 10).
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """``text`` with every markdown metacharacter escaped, so it displays exactly as written."""
    return _MARKDOWN.sub(r"\\\1", str(text))
