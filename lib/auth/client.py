"""One browser session's sign-in with Supabase Auth: the exchanges, their French failures, the verified user.

``AuthSession`` wraps one ``supabase`` client. The UI keeps exactly one per browser session in
``st.session_state`` (never in a module global or a ``st.cache_*``), so two people never share a client or a
token. Automatic refresh timers are off: each script run asks ``current()``, which refreshes the access token
when it is about to expire and verifies it locally (lib/auth/tokens.py) before anyone is believed.

Every failure of an exchange becomes an ``AuthFailure`` whose message is a plain catalog sentence; the raw
exception text of the Auth server never reaches the page (it is logged by code and status only).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import httpx
from supabase_auth import SyncMemoryStorage
from supabase_auth.errors import (
    AuthApiError,
    AuthError,
    AuthRetryableError,
    AuthSessionMissingError,
    AuthWeakPasswordError,
)

from lib.auth.tokens import TokenError, TokenVerifier, VerifiedUser, unverified_expiry
from lib.i18n import TranslatedError
from lib.settings import Settings
from supabase import ClientOptions, SupabaseException, create_client

log = logging.getLogger(__name__)

REFRESH_MARGIN = 60  # seconds before expiry when the access token is renewed
MIN_PASSWORD = 8
SETTINGS_TTL = 300.0

# Auth server error codes → our message codes (lib/i18n/messages/auth.py, "auth.error.<code>").
_CODES = {
    "invalid_credentials": "invalid_credentials",
    "invalid_grant": "invalid_credentials",
    "email_not_confirmed": "email_not_confirmed",
    "over_request_rate_limit": "rate_limited",
    "over_email_send_rate_limit": "rate_limited",
    "over_sms_send_rate_limit": "rate_limited",
    "otp_expired": "code_invalid",
    "otp_disabled": "no_account",
    "weak_password": "weak_password",
    "same_password": "same_password",
    "signup_disabled": "signup_disabled",
    "email_provider_disabled": "signup_disabled",
    "user_already_exists": "user_exists",
    "email_exists": "user_exists",
    "email_address_invalid": "email_invalid",
    "email_address_not_authorized": "email_invalid",
    "validation_failed": "email_invalid",
    "refresh_token_not_found": "session_expired",
    "refresh_token_already_used": "session_expired",
    "session_not_found": "session_expired",
    "session_expired": "session_expired",
    "user_not_found": "session_expired",
    "bad_jwt": "session_expired",
    "user_banned": "banned",
    "reauthentication_needed": "session_expired",
}


class AuthFailure(TranslatedError):
    """A sign-in exchange that did not succeed; ``message`` is the sentence to show."""

    prefix = "auth.error."


@dataclass(frozen=True)
class AuthConfig:
    supabase_url: str
    api_key: str
    jwt_secret: str | None
    redirect_to: str

    @classmethod
    def from_settings(cls, settings: Settings) -> AuthConfig | None:
        """The Auth configuration, or None on a local instance (no sign-in)."""
        if not settings.sign_in_required:
            return None
        return cls(settings.supabase_url, settings.supabase_key, settings.supabase_jwt_secret,
                   settings.public_base_url + "/")

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(self.supabase_url, jwt_secret=self.jwt_secret, api_key=self.api_key)

    def refuse_secret_key(self) -> None:
        """Raises AuthFailure("secret_key") when the key given as the public one is a secret key: a new
        ``sb_secret_…`` key or a legacy ``service_role`` JWT. Such a key bypasses row level security and would be
        sent with every browser session's requests; Cercle never uses it. ``sb_publishable_…`` and ``anon`` keys
        work alike."""
        if is_secret_key(self.api_key):
            raise AuthFailure("secret_key")


def is_secret_key(key: str | None) -> bool:
    """True for Supabase's secret keys: ``sb_secret_…`` or a legacy JWT whose role is ``service_role``."""
    import base64
    import json

    key = (key or "").strip()
    if key.startswith("sb_secret_"):
        return True
    parts = key.split(".")
    if len(parts) != 3:
        return False
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, TypeError):
        return False
    return isinstance(payload, dict) and payload.get("role") == "service_role"


def failure_from(exc: Exception, operation: str) -> AuthFailure:
    """The French failure for an exception raised by the supabase client (logged without its text)."""
    if isinstance(exc, AuthFailure):
        return exc
    status = getattr(exc, "status", None)
    code = getattr(exc, "code", None)
    log.warning("auth %s failed: %s status=%s code=%s", operation, type(exc).__name__, status, code)
    if isinstance(exc, TokenError):
        return AuthFailure("token_invalid")
    if isinstance(exc, AuthRetryableError | httpx.HTTPError):
        return AuthFailure("network")
    if isinstance(exc, AuthWeakPasswordError):
        return AuthFailure("weak_password", minimum=MIN_PASSWORD)
    if isinstance(exc, AuthSessionMissingError):
        return AuthFailure("session_expired")
    if isinstance(exc, AuthApiError):
        if code in _CODES:
            mapped = _CODES[code]
            return AuthFailure(mapped, minimum=MIN_PASSWORD) if mapped == "weak_password" else AuthFailure(mapped)
        if status == 429:
            return AuthFailure("rate_limited")
        if status is not None and status >= 500:
            return AuthFailure("network")
        if operation == "sign_in_password" and status == 400:
            return AuthFailure("invalid_credentials")
        if operation.startswith("verify") and status in (400, 401, 403):
            return AuthFailure("code_invalid")
        return AuthFailure("unknown")
    if isinstance(exc, AuthError):
        return AuthFailure("unknown")
    raise exc


def clean_email(email: str) -> str:
    """The address as typed, trimmed; a clear refusal when it cannot be an email address."""
    email = (email or "").strip()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 320:
        raise AuthFailure("email_invalid")
    return email


def _clean_code(code: str) -> str:
    code = "".join((code or "").split())
    if not code.isdigit() or not 6 <= len(code) <= 10:
        raise AuthFailure("code_format")
    return code


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise AuthFailure("weak_password", minimum=MIN_PASSWORD)
    return password


_public_settings: dict[str, tuple[float, dict]] = {}
_public_settings_lock = threading.Lock()


def public_auth_settings(config: AuthConfig) -> dict:
    """The Auth server's public settings (is sign-up open?), cached a few minutes process-wide: not tenant data."""
    with _public_settings_lock:
        cached = _public_settings.get(config.supabase_url)
        if cached and time.monotonic() - cached[0] < SETTINGS_TTL:
            return cached[1]
    try:
        response = httpx.get(config.supabase_url + "/auth/v1/settings", headers={"apikey": config.api_key},
                             timeout=5)
        response.raise_for_status()
        document = response.json()
        if not isinstance(document, dict):
            raise ValueError("settings is not an object")
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("cannot read the auth settings: %s", type(exc).__name__)
        return {}
    with _public_settings_lock:
        _public_settings[config.supabase_url] = (time.monotonic(), document)
    return document


def signup_allowed(config: AuthConfig) -> bool:
    document = public_auth_settings(config)
    return bool(document) and not document.get("disable_signup", True)


class AuthSession:
    """The sign-in state of ONE browser session (keep it in st.session_state, nowhere else)."""

    def __init__(self, config: AuthConfig) -> None:
        self.config = config
        try:
            self.client = create_client(
                config.supabase_url, config.api_key,
                ClientOptions(auto_refresh_token=False, persist_session=True, storage=SyncMemoryStorage()),
            )
        except SupabaseException:  # SUPABASE_URL is not an http(s) address
            log.error("SUPABASE_URL is not a valid http(s) address")
            raise AuthFailure("misconfigured") from None
        self._verifier = config.verifier()
        self._verified: tuple[str, VerifiedUser] | None = None

    # -- the exchanges ----------------------------------------------------------------------------------------

    def sign_in_with_password(self, email: str, password: str) -> VerifiedUser:
        email = clean_email(email)
        if not password:
            raise AuthFailure("password_missing")
        return self._signed_in("sign_in_password", lambda: self.client.auth.sign_in_with_password(
            {"email": email, "password": password}))

    def send_code(self, email: str, *, create_user: bool = False) -> None:
        """Emails a one-time code (and a link carrying ``token_hash``) to sign in without a password."""
        email = clean_email(email)
        self._call("send_code", lambda: self.client.auth.sign_in_with_otp(
            {"email": email, "options": {"should_create_user": create_user,
                                         "email_redirect_to": self.config.redirect_to}}))

    def verify_code(self, email: str, code: str, kind: str = "email") -> VerifiedUser:
        """Signs in with the code received by email (``kind``: email, signup or recovery)."""
        email = clean_email(email)
        code = _clean_code(code)
        return self._signed_in("verify_code", lambda: self.client.auth.verify_otp(
            {"email": email, "token": code, "type": kind}))

    def verify_link(self, token_hash: str, kind: str) -> VerifiedUser:
        """Signs in with the ``token_hash`` of an emailed link (…/?token_hash=…&type=…)."""
        if kind not in ("email", "magiclink", "signup", "recovery", "invite"):
            raise AuthFailure("link_invalid")
        token_hash = (token_hash or "").strip()
        if not token_hash or len(token_hash) > 200:
            raise AuthFailure("link_invalid")
        try:
            return self._signed_in("verify_link", lambda: self.client.auth.verify_otp(
                {"token_hash": token_hash, "type": kind}))
        except AuthFailure as failure:
            raise AuthFailure("link_invalid") if failure.code == "code_invalid" else failure from None

    def send_password_reset(self, email: str) -> None:
        email = clean_email(email)
        self._call("send_reset", lambda: self.client.auth.reset_password_for_email(
            email, {"redirect_to": self.config.redirect_to}))

    def set_password(self, password: str, confirmation: str | None = None) -> None:
        """Sets a new password for the signed-in user (after a recovery code, or from the account)."""
        _check_password(password)
        if confirmation is not None and confirmation != password:
            raise AuthFailure("password_mismatch")
        self.current()
        self._call("set_password", lambda: self.client.auth.update_user({"password": password}))

    def sign_up(self, email: str, password: str) -> VerifiedUser | None:
        """Creates an account. Returns the user when signed in at once, None when an email confirms it first."""
        email = clean_email(email)
        _check_password(password)
        response = self._call("sign_up", lambda: self.client.auth.sign_up(
            {"email": email, "password": password, "options": {"email_redirect_to": self.config.redirect_to}}))
        if response is None or response.session is None:
            return None
        return self._verify_session("sign_up")

    def sign_out(self) -> None:
        """Revokes this session at the Auth server (best effort) and forgets it here in any case."""
        try:
            self.client.auth.sign_out({"scope": "local"})
        except Exception as exc:  # network down: the local session is gone anyway, the token expires by itself
            log.warning("auth sign_out: %s", type(exc).__name__)
        self._verified = None

    # -- who is signed in -------------------------------------------------------------------------------------

    def current(self) -> VerifiedUser | None:
        """The verified signed-in user, refreshing the access token when it is about to expire.

        None when nobody is signed in. AuthFailure when a session existed but cannot continue (refresh
        refused, token invalid, Auth unreachable while the token has expired); the session is then forgotten
        unless the failure is only the network with a still-valid token.
        """
        session = self.client.auth._load_session()
        if session is None:
            self._verified = None
            return None
        now = time.time()
        expires_at = session.expires_at or unverified_expiry(session.access_token) or 0
        if expires_at - now < REFRESH_MARGIN:
            try:
                self.client.auth.refresh_session(session.refresh_token)
            except Exception as exc:
                failure = failure_from(exc, "refresh")
                if failure.code == "network" and expires_at - now > 5:
                    pass  # keep working with the still-valid token; the next run tries again
                else:
                    self._forget()
                    raise AuthFailure("network_expired" if failure.code == "network" else "session_expired") \
                        from None
        return self._verify_session("current")

    # -- internals --------------------------------------------------------------------------------------------

    def _call(self, operation: str, exchange):
        try:
            return exchange()
        except Exception as exc:
            raise failure_from(exc, operation) from None

    def _signed_in(self, operation: str, exchange) -> VerifiedUser:
        response = self._call(operation, exchange)
        if response is None or getattr(response, "session", None) is None:
            raise AuthFailure("unknown")
        return self._verify_session(operation)

    def _verify_session(self, operation: str) -> VerifiedUser:
        session = self.client.auth._load_session()
        if session is None:
            raise AuthFailure("session_expired")
        token = session.access_token
        if self._verified and self._verified[0] == token and \
                self._verified[1].claims.get("exp", 0) > time.time():
            return self._verified[1]
        try:
            user = self._verifier.verify(token)
        except TokenError as exc:
            if exc.code == "jwks_unavailable":  # Auth unreachable: nothing proven either way, the session stays
                log.warning("auth %s: the key set cannot be read", operation)
                raise AuthFailure("network") from None
            log.warning("auth %s: access token refused (%s)", operation, exc.code)
            self._forget()
            raise AuthFailure("token_invalid") from None
        self._verified = (token, user)
        return user

    def _forget(self) -> None:
        self.client.auth._remove_session()
        self._verified = None
