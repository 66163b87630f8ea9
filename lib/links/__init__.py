"""Tracked invite links: short codes, the shapes of each channel's invite links, destinations and UTM tags.

Pure functions only (no database): ``lib.links.communities`` stores communities and links, and
``lib.links.redirects`` serves ``/r/{code}``. The SQL check constraints of ``20261129190000_links.sql`` mirror
``INVITE_SHAPES``, ``CODE_PATTERN`` and ``check_destination``.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from lib.i18n import TranslatedError

# 56 characters: digits without 0 and 1, letters without I, O, l and o, so a code read aloud or copied from a
# printed neck-tag cannot be mistaken for another.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
# 56**10 is about 3.0e17 (58 bits): guessing a live code by trying is hopeless at any request rate we allow.
CODE_LENGTH = 10
CODE_PATTERN = re.compile(f"^[{CODE_ALPHABET}]{{8,32}}$")

CHANNELS = ("whatsapp_group", "whatsapp_community", "telegram_group", "telegram_channel", "facebook_group",
            "instagram_channel", "signal_group", "sms_list")

_WHATSAPP = r"^https://chat\.whatsapp\.com/(invite/)?[A-Za-z0-9_-]{10,64}/?$"
_TELEGRAM = r"^https://(t|telegram)\.me/(\+[A-Za-z0-9_-]{8,64}|joinchat/[A-Za-z0-9_-]{8,64}|[A-Za-z][A-Za-z0-9_]{4,31})/?$"
# The invite link each channel's links look like (None: the channel has no invite link).
INVITE_SHAPES: dict[str, re.Pattern | None] = {
    "whatsapp_group": re.compile(_WHATSAPP),
    "whatsapp_community": re.compile(_WHATSAPP),
    "telegram_group": re.compile(_TELEGRAM),
    "telegram_channel": re.compile(_TELEGRAM),
    "facebook_group": re.compile(r"^https://(www\.|m\.|web\.)?facebook\.com/groups/[A-Za-z0-9._-]{1,100}/?$"),
    "instagram_channel": re.compile(r"^https://(ig\.me/j/|(www\.)?instagram\.com/channel/)[A-Za-z0-9_-]{4,64}/?$"),
    "signal_group": re.compile(r"^https://signal\.group/#[A-Za-z0-9_%=+-]{8,}$"),
    "sms_list": None,
}
# An example of each shape, for error messages.
INVITE_EXAMPLES = {
    "whatsapp_group": "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
    "whatsapp_community": "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
    "telegram_group": "https://t.me/+AbCdEfGhIjKl",
    "telegram_channel": "https://t.me/+AbCdEfGhIjKl",
    "facebook_group": "https://www.facebook.com/groups/mon.domaine",
    "instagram_channel": "https://ig.me/j/AbCdEfGh",
    "signal_group": "https://signal.group/#CjQKIAbCdEfGh",
    "sms_list": "",
}
MAX_DESTINATION_LENGTH = 2048
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class LinkError(TranslatedError, ValueError):
    """A refusal whose ``message`` is the catalog sentence ``links.error.<code>`` (lib/i18n/messages/links.py)."""

    prefix = "links.error."


def new_code(length: int = CODE_LENGTH) -> str:
    """A fresh random code from ``CODE_ALPHABET`` (``secrets``: unpredictable, unlike ``random``)."""
    if length < 8:
        raise ValueError("codes are at least 8 characters long")
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def is_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text))


def check_destination(url: str) -> str:
    """``url`` stripped, if a browser may be sent there: http(s), a host, no credentials, spaces or control
    characters. Raises LinkError("bad_url") otherwise (javascript:, ftp:, data:, //host, https:///x...)."""
    text = (url or "").strip()
    if not text or len(text) > MAX_DESTINATION_LENGTH or _CONTROL.search(text):
        raise LinkError("bad_url", url=text[:80])
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as exc:
        raise LinkError("bad_url", url=text[:80]) from exc
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc or "\\" in text:
        raise LinkError("bad_url", url=text[:80])
    if text.isascii():
        return text
    # Non-ASCII goes into a Location header as stored: the host in IDNA, the rest percent-encoded (UTF-8).
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise LinkError("bad_url", url=text[:80]) from exc
    netloc = ascii_host if parts.port is None else f"{ascii_host}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, *(_NON_ASCII.sub(lambda m: quote(m.group()), piece)
                                               for piece in (parts.path, parts.query, parts.fragment))))


def check_invite_url(channel: str, url: str | None) -> str | None:
    """The invite link of a ``channel`` community, checked against the channel's shape (None when empty)."""
    if channel not in INVITE_SHAPES:
        raise LinkError("bad_channel", channel=channel)
    text = (url or "").strip()
    if not text:
        return None
    shape = INVITE_SHAPES[channel]
    if shape is None:
        raise LinkError("no_invite_for_channel")
    if not shape.match(text):
        raise LinkError("bad_invite_url", url=text[:80], example=INVITE_EXAMPLES[channel])
    return text


def guess_channel(url: str) -> str | None:
    """The channel whose invite links look like ``url`` (the first of CHANNELS that matches), else None."""
    text = (url or "").strip()
    for channel in CHANNELS:
        shape = INVITE_SHAPES[channel]
        if shape is not None and shape.match(text):
            return channel
    return None


def utm_value(text: str) -> str:
    """A UTM value analytics tools group well: lower-case ASCII words joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "cercle"


def with_utm(url: str, *, source: str, medium: str, campaign: str, content: str | None = None) -> str:
    """``url`` with utm_source/utm_medium/utm_campaign (and utm_content, the link's code, when given) added;
    UTM values already in the URL are kept."""
    parts = urlsplit(check_destination(url))
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    tags = [("utm_source", utm_value(source)), ("utm_medium", utm_value(medium)), ("utm_campaign", utm_value(campaign))]
    if content:
        tags.append(("utm_content", content))  # a link code, case-sensitive: kept exactly
    for key, value in tags:
        if key not in present:
            query.append((key, value))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def short_url(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/r/{code}"
