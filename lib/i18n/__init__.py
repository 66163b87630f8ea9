"""French-first user-facing text.

Every sentence a marketer reads comes from a catalog in ``lib/i18n/messages/``: one module per
domain, each exporting ``MESSAGES = {key: {"fr": ..., "en": ...}}``. ``t(key, **params)`` picks the
language of the current unit of work (a context variable the UI sets per browser session).
"""

from __future__ import annotations

import contextvars
import importlib
import pkgutil
import re
import string

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("cercle_language", default=DEFAULT_LANGUAGE)


def _load_catalog() -> dict[str, dict[str, str]]:
    from lib.i18n import messages

    catalog: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in catalog:
                raise RuntimeError(f"message key defined twice: {key} ({info.name})")
            catalog[key] = texts
    return catalog


CATALOG = _load_catalog()


def set_language(language: str) -> None:
    """Sets the language for the current context (a browser session's script run, a CLI call)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def get_language() -> str:
    return _language.get()


def t(key: str, language: str | None = None, **params: object) -> str:
    """The sentence for ``key`` in the current language, with ``{placeholders}`` filled in.

    An unknown key returns the key itself, so a missing translation shows up plainly instead of crashing.
    """
    texts = CATALOG.get(key)
    if texts is None:
        return key
    language = language or _language.get()
    text = texts.get(language) or texts[DEFAULT_LANGUAGE]
    if not params:
        return text
    return _PLURAL.sub(lambda found: _plural_form(found, params, language), text).format(**params)


# « {count} {count|client|clients} »: the word agrees with the number. French keeps 0 and 1 singular
# (« 0 client », « 1 client »), English only 1 (« 0 buyers », « 1 buyer »).
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plural_form(found: re.Match, params: dict, language: str) -> str:
    name, singular, plural = found.groups()
    try:
        number = abs(float(str(params[name]).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
                           .replace(",", ".")))
    except (KeyError, ValueError):
        return plural
    one = number < 2 if language == "fr" else number == 1
    return (singular if one else plural).replace("{", "{{").replace("}", "}}")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a catalog sentence expects (used by the catalog's own tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(_PLURAL.sub(r"{\1}", text)) if name}


class TranslatedError(Exception):
    """A refusal whose ``message`` is the catalog sentence ``<prefix><code>`` filled with ``params``.

    ``str()`` gives the same sentence in the current language (French for logs and the CLI by default).
    """

    prefix = ""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return t(f"{self.prefix}{self.code}", **self.params)

    def __str__(self) -> str:
        return self.message
