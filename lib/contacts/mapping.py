"""Which Cercle field each column of an uploaded file holds, guessed from its header.

Headers are compared without accents, case or punctuation ("Tél.", "TEL", "tél" are one word), in French
and English, with the exact names of the exports ``readers`` recognises. The guess is a starting point
for the page where the user edits the mapping; ``FIELD_LABELS`` names the fields there.

Several columns may hold a phone number (mobile, landline, "Phone 2 - Value"): all of them map to
``phone`` and the importer combines them, the first being the primary number. Every other field takes
the first column that matches; later ones are ``ignore``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping

from lib.i18n import t

FIELDS = (
    "phone",
    "first_name",
    "last_name",
    "full_name",
    "email",
    "city",
    "postal_code",
    "country",
    "interests",
    "budget",
    "birth_date",
    "adult",
    "consent_whatsapp",
    "consent_sms",
    "consent_telegram",
    "consent_email",
    "notes",
    "ignore",
)
MULTI_COLUMN_FIELDS = frozenset({"phone"})


class _FieldLabels(Mapping[str, str]):
    """Field → its name in the current language, looked up when read (the language is per session)."""

    def __getitem__(self, field: str) -> str:
        if field not in FIELDS:
            raise KeyError(field)
        return t(f"readers.field.{field}")

    def __iter__(self) -> Iterator[str]:
        return iter(FIELDS)

    def __len__(self) -> int:
        return len(FIELDS)


FIELD_LABELS: Mapping[str, str] = _FieldLabels()


def field_label(field: str, language: str | None = None) -> str:
    """The name of ``field`` in ``language`` (default: the session's)."""
    return t(f"readers.field.{field}", language)


def normalise_header(header: str) -> str:
    """Lower case, no accents, punctuation as spaces: ``"Tél. portable"`` → ``"tel portable"``."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("æ", "ae").replace("°", " ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


# Exact headers of the exports the readers recognise, where the general rules would guess wrong or not at all.
_EXPORT_HEADERS: dict[str, dict[str, str]] = {
    "google_csv": {
        "name": "full_name",
        "labels": "interests",
        "group membership": "interests",
        "notes": "notes",
        "birthday": "birth_date",
    },
    "outlook_csv": {"categories": "interests", "notes": "notes", "birthday": "birth_date"},
    "shopify_customers": {
        "accepts marketing": "consent_email",
        "accepts email marketing": "consent_email",
        "accepts sms marketing": "consent_sms",
        "tags": "interests",
        "note": "notes",
        "default address country code": "country",
        "total spent": "ignore",
    },
}

_CONSENT_WORDS = (
    "consentement",
    "consent",
    "opt in",
    "optin",
    "opt",
    "accepts",
    "accepte",
    "accept",
    "accord",
    "autorise",
    "autorisation",
    "ok",
    "rgpd",
    "gdpr",
    "inscrit",
    "inscription",
    "abonne",
    "subscribed",
    "marketing",
)
_CHANNELS = (
    ("consent_whatsapp", ("whatsapp", "whats app", "wa")),
    ("consent_telegram", ("telegram",)),
    ("consent_sms", ("sms", "texto", "textos")),
    ("consent_email", ("email", "e mail", "mail", "courriel", "newsletter", "emailing")),
)
_PHONE_WORDS = (
    "telephone",
    "telephones",
    "tel",
    "tele",
    "phone",
    "portable",
    "mobile",
    "mobil",
    "gsm",
    "cell",
    "cellulaire",
    "cellphone",
    "mobilephone",
    "telefon",
    "telefono",
)
_NOT_A_PHONE = (
    "fax",
    "pager",
    "telex",
    "tty",
    "assistant",
    "label",
    "type",
    "yomi",
    "radio",
    "callback",
    "isdn",
)
_NOT_A_NAME = ("yomi", "phonetic", "phonetique", "middle", "additional", "file as", "prefix", "suffix")
# Each rule: field, phrases of which one must appear as whole words, phrases none of which may appear.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "birth_date",
        (
            "date de naissance",
            "naissance",
            "birthday",
            "birth date",
            "date of birth",
            "dob",
            "anniversaire",
            "ne le",
            "nee le",
            "ne e le",
            "birthdate",
        ),
        (),
    ),
    ("budget", ("budget",), ()),
    ("adult", ("majeur", "majeure", "18 ans", "18", "plus de 18 ans", "age confirme", "adult", "over 18",
               "18 and over"), ()),
    (
        "full_name",
        (
            "nom complet",
            "full name",
            "nom prenom",
            "prenom nom",
            "nom et prenom",
            "prenom et nom",
            "nom prenoms",
            "nom du contact",
            "display name",
            "nom client",
            "nom du client",
            "nom affiche",
        ),
        (*_NOT_A_NAME, "email", "e mail"),
    ),
    ("first_name", ("prenom", "prenoms", "first name", "firstname", "given name", "forename"), _NOT_A_NAME),
    (
        "last_name",
        (
            "nom de famille",
            "last name",
            "lastname",
            "family name",
            "surname",
            "nom de naissance",
            "nom d usage",
        ),
        _NOT_A_NAME,
    ),
    (
        "email",
        ("email", "e mail", "mail", "courriel", "adresse electronique", "adresse de messagerie", "emails"),
        _NOT_A_PHONE,
    ),
    ("phone", _PHONE_WORDS, _NOT_A_PHONE),
    (
        "postal_code",
        ("code postal", "cp", "zip", "zip code", "zipcode", "postal code", "postcode", "code post", "postal"),
        (),
    ),
    ("city", ("ville", "city", "commune", "localite", "locality", "town"), ()),
    ("country", ("pays", "country", "country code", "country region", "code pays"), ()),
    (
        "interests",
        (
            "centres d interet",
            "centre d interet",
            "centres d interets",
            "interets",
            "interet",
            "gouts",
            "gout",
            "preferences",
            "preference",
            "interests",
            "interest",
            "tags",
            "tag",
            "categories",
            "categorie",
            "category",
            "etiquettes",
            "labels",
            "group membership",
        ),
        (),
    ),
    (
        "notes",
        (
            "notes",
            "note",
            "remarques",
            "remarque",
            "commentaire",
            "commentaires",
            "comments",
            "comment",
            "observations",
            "observation",
            "memo",
        ),
        (),
    ),
)
_EXACT: dict[str, str] = {
    "nom": "last_name",
    "name": "full_name",
    "client": "full_name",
    "numero": "phone",
    "numero de telephone": "phone",
    "whatsapp": "consent_whatsapp",
    "sms": "consent_sms",
    "telegram": "consent_telegram",
    "newsletter": "consent_email",
}


def _has(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def guess_field(header: str, known_export: str | None = None) -> str:
    """The field a column with this header most likely holds, or ``"ignore"``."""
    text = normalise_header(header)
    if not text:
        return "ignore"
    exact = _EXPORT_HEADERS.get(known_export or "", {}).get(text) or _EXACT.get(text)
    if exact:
        return exact
    consent = _consent_field(text)
    if consent:
        return consent
    # "Numéro WhatsApp", "N° Telegram" hold numbers; "Numéro client", "N° commande" do not.
    if (_has(text, "numero") or _has(text, "n")) and any(
        _has(text, w) for w in ("whatsapp", "telegram", "sms")
    ):
        return "phone"
    for field, wanted, unwanted in _RULES:
        if any(_has(text, phrase) for phrase in wanted) and not any(
            _has(text, phrase) for phrase in unwanted
        ):
            return field
    return "ignore"


def _consent_field(text: str) -> str | None:
    """A consent column names a channel and a consent word ("Accepts SMS Marketing", "Opt-in WhatsApp")."""
    if not any(_has(text, word) for word in _CONSENT_WORDS):
        return None
    for field, channels in _CHANNELS:
        if any(_has(text, channel) for channel in channels):
            if field == "consent_email" and not _consent_only(text):
                return None  # "E-mail address" is an address, even with "marketing" in a longer header
            return field
    return None


def _consent_only(text: str) -> bool:
    return not any(_has(text, word) for word in ("address", "adresse", "value", "valeur"))


def guess_mapping(columns: list[str], known_export: str | None = None) -> dict[str, str]:
    """Column → field for every column, in the columns' order.

    Every column matching ``phone`` maps to it (the importer combines them, the first being the primary
    number); any other field goes to the first matching column and later ones get ``"ignore"``.
    A bare consent header ("Opt-in", "Consentement") names no channel and stays ``"ignore"``: which
    channel someone agreed to is for the user to say, not to guess.
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        field = guess_field(column, known_export)
        if field in taken and field not in MULTI_COLUMN_FIELDS:
            field = "ignore"
        if field != "ignore":
            taken.add(field)
        mapping[column] = field
    return mapping
