"""The one error type the app shows when the database cannot serve: a code and a French sentence."""

from __future__ import annotations

from lib.i18n import t


class DatabaseUnavailable(RuntimeError):
    """The database cannot be used; ``message`` says why in the user's language, without internals."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return t(f"db.{self.code}", **self.params)

    def __str__(self) -> str:
        return t(f"db.{self.code}", language="fr", **self.params)
