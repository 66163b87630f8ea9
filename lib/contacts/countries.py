"""Country names as people type them (French and English), read as ISO 3166 alpha-2 codes."""

from __future__ import annotations

import functools
import unicodedata

import phonenumbers

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
