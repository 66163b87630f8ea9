"""The one error type the app shows when the database cannot serve: a code and a French sentence."""

from __future__ import annotations

from lib.i18n import TranslatedError, t


class DatabaseUnavailable(TranslatedError, RuntimeError):
    """The database cannot be used; ``message`` says why in the user's language, without internals."""

    prefix = "db."

    def __str__(self) -> str:
        # logs are read by the operator: always French, whatever the session's language
        return t(f"db.{self.code}", language="fr", **self.params)
