"""Country names as people type them (French and English), read as ISO 3166 alpha-2 codes."""

from __future__ import annotations

import functools
import unicodedata

import phonenumbers
from phonenumbers.geodata.locale import LOCALE_DATA as _LOCALE_DATA

_NAMES = {
    "france": "FR", "republique francaise": "FR", "metropole": "FR",
    "belgique": "BE", "belgium": "BE", "belgie": "BE",
    "suisse": "CH", "switzerland": "CH", "schweiz": "CH",
    "luxembourg": "LU", "allemagne": "DE", "germany": "DE", "deutschland": "DE",
    "espagne": "ES", "spain": "ES", "espana": "ES", "italie": "IT", "italy": "IT", "italia": "IT",
    "royaume-uni": "GB", "royaume uni": "GB", "angleterre": "GB", "united kingdom": "GB", "uk": "GB",
    "england": "GB", "etats-unis": "US", "etats unis": "US", "usa": "US", "united states": "US",
    "canada": "CA", "pays-bas": "NL", "pays bas": "NL", "netherlands": "NL", "hollande": "NL",
    "portugal": "PT", "monaco": "MC", "autriche": "AT", "austria": "AT", "irlande": "IE", "ireland": "IE",
    "danemark": "DK", "denmark": "DK", "suede": "SE", "sweden": "SE", "norvege": "NO", "norway": "NO",
    "japon": "JP", "japan": "JP", "chine": "CN", "china": "CN", "bresil": "BR", "brazil": "BR",
    "guadeloupe": "GP", "martinique": "MQ", "guyane": "GF", "la reunion": "RE", "reunion": "RE",
    "mayotte": "YT", "nouvelle-caledonie": "NC", "polynesie francaise": "PF",
}
_REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)
# where libphonenumber's French names drop the accent a French reader expects
_BETTER_NAMES = {("US", "fr"): "États-Unis", ("AE", "fr"): "Émirats arabes unis", ("EG", "fr"): "Égypte",
                 ("EC", "fr"): "Équateur", ("ER", "fr"): "Érythrée", ("ET", "fr"): "Éthiopie"}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


@functools.lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """``"France"``, ``"fr"``, ``"Belgique"`` → ``"FR"``, ``"FR"``, ``"BE"``; ``None`` when unknown or blank."""
    if not text or not text.strip():
        return None
    plain = _plain(text)
    if len(plain) == 2 and plain.upper() in _REGIONS:
        return plain.upper()
    return _NAMES.get(plain)


def country_name(code: str | None, language: str = "fr") -> str:
    """``"FR"`` → « France » (« France » in English too), ``"YT"`` → « Mayotte », ``"GB"`` → « Royaume-Uni » /
    « United Kingdom »: the names libphonenumber ships for each region. An unknown or missing code gives « inconnu »
    / « unknown »; a code with no name in the language keeps the code."""
    from lib.i18n import t

    if not code or code == "?":
        return t("countries.unknown", language)
    if (code.upper(), language) in _BETTER_NAMES:
        return _BETTER_NAMES[code.upper(), language]
    names = _LOCALE_DATA.get(code.upper())
    if not names:
        return code
    value, seen = names.get(language) or names.get("aa") or code, 0
    while value.startswith("*") and seen < 4:  # "*aa": the same as the name given for "aa"
        value, seen = names.get(value[1:]) or code, seen + 1
    return value if not value.startswith("*") else code


def regions_by_name(language: str = "fr") -> list[str]:
    """Every region libphonenumber knows, in the alphabetical order of its name in ``language`` (accents ignored,
    so « Émirats » sorts with the E)."""
    return sorted(_REGIONS, key=lambda code: (_plain(country_name(code, language)), code))
