"""Invitation messages and the one-click links that open them, ready for the marketer to send one by one.

Nothing here sends anything: Cercle builds the text and a ``wa.me`` / ``sms:`` / ``t.me`` link, and the
marketer opens each link on their own phone (how small producers stay within WhatsApp's rules).

Every rendered message says who sends it and how to stop (CNIL), and carries the Loi Evin health warning
when the workspace sells alcohol.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlencode

from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, TranslatedError, t

PLACEHOLDERS = ("prenom", "lien", "domaine")
# The same three fields under their English names, so an English template reads {first_name}, {link}, {estate}.
ALIASES = {"first_name": "prenom", "link": "lien", "estate": "domaine"}
FIELD_NAMES = {"fr": PLACEHOLDERS, "en": tuple(ALIASES)}
DEFAULT_TEMPLATE_KEY = "invitations.template.default"

# E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_WHITESPACE = re.compile(r"\s+")


class InvitationError(TranslatedError, ValueError):
    """A message or link that cannot be built; ``message`` says why in the user's language."""

    prefix = "invitations.error."


def default_template(language: str = DEFAULT_LANGUAGE) -> str:
    """The catalog's invitation template in ``language`` ("fr" or "en"), with its ``{placeholders}`` unfilled."""
    return t(DEFAULT_TEMPLATE_KEY, language=_language(language))


def template_fields(template: str) -> list[str]:
    """The placeholders ``template`` uses, in order, by their French names (``{first_name}``, ``{link}`` and
    ``{estate}`` are the same fields under their English names); refuses unknown ones and lone braces.

    ``{prenom!r}``, ``{lien:>9}``, ``{lien.x}`` or ``{}`` count as unknown: only the bare names are filled.
    """
    fields = []
    for _literal, name, spec, conversion in _parse(template):
        if name is None:
            continue
        field = ALIASES.get(name, name)
        if field not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            english = name in ALIASES or any(alias in template for alias in ALIASES)
            raise InvitationError("unknown_placeholder", placeholder=shown,
                                  allowed=", ".join("{" + p + "}" for p in FIELD_NAMES["en" if english else "fr"]))
        fields.append(field)
    return fields


def render_message(template: str, *, prenom: str | None, lien: str, domaine: str, alcohol: bool,
                   language: str = DEFAULT_LANGUAGE) -> str:
    """The finished invitation text: ``template`` filled in, then the sender, the health warning and STOP.

    - Values are inserted once and never read as template text, so ``{lien}`` typed in a first name stays
      as typed. Line breaks and runs of spaces in values become one space.
    - No first name: the field is left out along with the space before it ("Bonjour {prenom}," gives
      "Bonjour,").
    - The estate's name is added as a signature when the template does not use ``{domaine}``.
    - ``alcohol``: the Loi Evin warning follows the text (always in French, the legal wording).
    - The STOP line closes every message, in ``language``.

    Raises ``InvitationError`` for an unknown placeholder, a lone brace, no estate name or a link that is
    not an http(s) address.
    """
    language = _language(language)
    fields = template_fields(template)
    values = {"prenom": _one_line(prenom), "lien": (lien or "").strip(), "domaine": _one_line(domaine)}
    if not values["domaine"]:
        raise InvitationError("no_sender")
    if not re.fullmatch(r"https?://\S+", values["lien"]):
        raise InvitationError("bad_link", link=values["lien"])

    parts: list[str] = []
    for literal, name, _spec, _conversion in _parse(template):
        parts.append(literal)
        if name is None:
            continue
        name = ALIASES.get(name, name)
        if name == "prenom" and not values["prenom"]:
            # "Bonjour {prenom}, ..." without a name reads "Bonjour, ..."
            parts[-1] = parts[-1].rstrip(" \u00a0")
            continue
        parts.append(values[name])
    body = "".join(parts).strip()

    closing = []
    if "domaine" not in fields:
        closing.append(t("invitations.signature", language=language, domaine=values["domaine"]))
    if alcohol:
        closing.append(t("invitations.health_warning", language=language))
    closing.append(t("invitations.stop_line", language=language))
    return body + "\n\n" + "\n".join(closing)


def whatsapp_link(e164: str, text: str) -> str:
    """``https://wa.me/<digits>?text=<text>``: opens a one-to-one WhatsApp chat with ``text`` prefilled.

    ``e164`` is an international number such as ``+33612345678`` (refused otherwise); the text is
    percent-encoded as UTF-8, spaces as ``%20``.
    """
    return f"https://wa.me/{_digits(e164)}?text={quote(text, safe='')}"


def sms_link(e164: str, text: str) -> str:
    """``sms:<+number>?body=<text>``: opens the phone's SMS app with ``text`` prefilled.

    The ``?body=`` form is the standard one (RFC 5724) that Android and current iPhones (iOS 8 and later)
    both read; the old iPhone-only ``&body=`` form is not produced.
    """
    _digits(e164)
    return f"sms:{e164}?body={quote(text, safe='')}"


def telegram_share_link(url: str, text: str) -> str:
    """``https://t.me/share/url?url=<url>&text=<text>``: opens Telegram's share sheet with both prefilled."""
    return "https://t.me/share/url?" + urlencode({"url": url, "text": text}, quote_via=quote, safe="")


def _digits(e164: str) -> str:
    if not isinstance(e164, str) or not _E164.fullmatch(e164):
        raise InvitationError("not_e164", number=e164)
    return e164[1:]


def _parse(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(template))
    except ValueError:
        raise InvitationError("bad_braces", example="{prenom}") from None


def _one_line(value: str | None) -> str:
    return _WHITESPACE.sub(" ", value or "").strip()


def _language(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
