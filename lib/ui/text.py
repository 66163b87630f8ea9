"""Showing sentences that carry user or file text through Streamlit's markdown, as plain text.

Alerts (st.success, st.error...) render markdown: a contact named ``[clic](https://…)`` or ``![x](http://…)``
would otherwise become a link or load a remote image. Every markdown character is backslash-escaped, which
markdown then shows as the character itself (docs/promises.md 10).
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# Escaping does not stop the renderer's autolinks (bare https://…, www.…, name@domain): an invisible word joiner
# after the scheme's colon, after "www" and before "@" keeps such text a plain string.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
_JOINER = "\u2060"


def plain(text: object) -> str:
    """``text`` with every markdown metacharacter escaped, so it displays exactly as written (never a link)."""
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub(_JOINER, str(text)))


def money(cents: int, currency: str | None = "EUR", language: str | None = None) -> str:
    """« 1 234,50 € » in French, "€1,234.50" in English; another currency is written with its ISO code."""
    from lib.i18n import get_language

    amount = cents / 100
    symbol = "€" if (currency or "EUR") == "EUR" else None
    if (language or get_language()) == "fr":
        text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
        return f"{text} {symbol or currency}"
    return f"{symbol or (currency + ' ')}{amount:,.2f}"


def named_country(code: str) -> str:
    """« France (FR) », « Royaume-Uni (GB) » in a picker, in the session's language; a typed value stays as typed."""
    from lib.contacts.countries import country_name
    from lib.i18n import get_language

    name = country_name(code, get_language())
    return f"{name} ({code})" if name != code and code else code
