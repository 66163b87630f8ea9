"""Local verification of Supabase Auth access tokens: who is signed in, proven by the token's signature.

A Supabase project signs its access tokens with an asymmetric key (ES256, or RS256) whose public half is at
``{SUPABASE_URL}/auth/v1/.well-known/jwks.json``; older projects sign with HS256 and the project's JWT secret
(setting ``SUPABASE_JWT_SECRET``). ``TokenVerifier.verify`` checks the signature, the expiry, the audience
``authenticated``, the role and the issuer ``{SUPABASE_URL}/auth/v1`` before anything is believed; the issue time
(``iat``) must be there and not in the future (nor ``nbf``), and an anonymous sign-in (``is_anonymous``) is refused.

The algorithm is chosen by what is configured, never by the token alone: an HS256 token is refused unless a JWT
secret is set (so a public key can never be used as an HMAC secret), ``none`` is always refused, and an
asymmetric token must name a key (``kid``) of the project's key set whose type matches its algorithm.

The key set is public and the same for every tenant, so it is cached process-wide (ten minutes), and fetched
again when a token names a key that is not in it (a key rotation), at most once every few seconds.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass

import httpx
import jwt

from lib.db import Principal

log = logging.getLogger(__name__)

AUDIENCE = "authenticated"
ROLE = "authenticated"
ASYMMETRIC = {"ES256": "EC", "RS256": "RSA"}
JWKS_TTL = 600.0
JWKS_MIN_REFETCH = 5.0
JWKS_MAX_STALE = 3600.0  # while Auth cannot be reached, keys fetched at most this long ago stay in use
LEEWAY = 5  # seconds of clock difference tolerated on exp/iat/nbf


class TokenError(Exception):
    """A token that does not prove who is signed in. ``code`` says why (for logs and tests, not for users)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class VerifiedUser:
    user_id: str
    email: str | None
    claims: dict

    @property
    def principal(self) -> Principal:
        return Principal(self.user_id, self.email)


def issuer_of(supabase_url: str) -> str:
    return supabase_url.rstrip("/") + "/auth/v1"


class _KeySet:
    """One project's public keys, shared by every session of the process (public data, not tenant data)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.keys: dict[str, jwt.PyJWK] = {}
        self.fetched_at: float | None = None
        self.retry_after = 0.0
        self.lock = threading.Lock()

    def _fetch(self, api_key: str | None) -> None:
        headers = {"apikey": api_key} if api_key else {}
        try:
            response = httpx.get(self.url, headers=headers, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("cannot fetch the auth key set: %s", type(exc).__name__)
            raise TokenError("jwks_unavailable") from exc
        keys = {}
        for item in document.get("keys", []) if isinstance(document, dict) else []:
            try:
                key = jwt.PyJWK.from_dict(item)
            except (jwt.PyJWKError, jwt.InvalidKeyError, TypeError, ValueError):
                continue  # a key type this process cannot use (e.g. a future one) is skipped, not fatal
            if item.get("kid"):
                keys[item["kid"]] = key
        self.keys = keys
        self.fetched_at = time.monotonic()

    def key(self, kid: str, api_key: str | None) -> jwt.PyJWK:
        with self.lock:
            now = time.monotonic()
            stale = self.fetched_at is None or now - self.fetched_at > JWKS_TTL
            unknown_but_may_refetch = (kid not in self.keys and self.fetched_at is not None
                                       and now - self.fetched_at > JWKS_MIN_REFETCH)
            if self.fetched_at is not None and now < self.retry_after:
                stale = unknown_but_may_refetch = False  # a fetch just failed: not again at once
            if stale or unknown_but_may_refetch:
                try:
                    self._fetch(api_key)
                except TokenError:
                    # Auth unreachable: the public keys fetched before stay in use for a bounded time (rather than
                    # signing everybody out at the first blip); the next attempt waits JWKS_MIN_REFETCH seconds.
                    if self.fetched_at is None or now - self.fetched_at > JWKS_TTL + JWKS_MAX_STALE:
                        raise
                    log.warning("auth key set unreachable: the keys fetched before stay in use")
                    self.retry_after = now + JWKS_MIN_REFETCH
            found = self.keys.get(kid)
        if found is None:
            raise TokenError("unknown_key")
        return found


_key_sets: dict[str, _KeySet] = {}
_key_sets_lock = threading.Lock()


def _key_set(url: str) -> _KeySet:
    with _key_sets_lock:
        if url not in _key_sets:
            _key_sets[url] = _KeySet(url)
        return _key_sets[url]


def forget_key_sets() -> None:
    """Drops every cached key set (tests that restart a fake Auth server with new keys)."""
    with _key_sets_lock:
        _key_sets.clear()


class TokenVerifier:
    """Verifies access tokens of one Supabase project."""

    def __init__(self, supabase_url: str, *, jwt_secret: str | None = None, api_key: str | None = None) -> None:
        self.issuer = issuer_of(supabase_url)
        self.jwks_url = self.issuer + "/.well-known/jwks.json"
        self.jwt_secret = jwt_secret or None
        self.api_key = api_key

    def _signing_key(self, header: dict) -> tuple[object, str]:
        alg = header.get("alg")
        if alg == "HS256":
            if not self.jwt_secret:
                raise TokenError("hs256_not_configured")
            return self.jwt_secret, alg
        if alg not in ASYMMETRIC:
            raise TokenError("algorithm_refused")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise TokenError("no_key_id")
        key = _key_set(self.jwks_url).key(kid, self.api_key)
        if key.key_type != ASYMMETRIC[alg] or (key.algorithm_name and key.algorithm_name != alg):
            raise TokenError("key_algorithm_mismatch")
        return key.key, alg

    def verify(self, token: str) -> VerifiedUser:
        """The user the token proves, or TokenError."""
        if not isinstance(token, str) or token.count(".") != 2:
            raise TokenError("malformed")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed") from exc
        key, alg = self._signing_key(header)
        try:
            claims = jwt.decode(
                token, key=key, algorithms=[alg], audience=AUDIENCE, issuer=self.issuer, leeway=LEEWAY,
                options={"require": ["exp", "iat", "sub", "aud", "iss", "role"], "verify_signature": True},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenError("audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenError("issuer") from exc
        except jwt.InvalidSignatureError as exc:
            raise TokenError("signature") from exc
        except jwt.MissingRequiredClaimError as exc:
            raise TokenError("missing_claim") from exc
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise TokenError("invalid") from exc
        if claims.get("role") != ROLE:
            raise TokenError("role")
        if claims.get("is_anonymous") is not False and "is_anonymous" in claims:
            raise TokenError("anonymous")  # a Supabase anonymous sign-in: role "authenticated", but nobody
        try:
            user_id = str(uuid.UUID(str(claims["sub"])))
        except ValueError as exc:
            raise TokenError("subject") from exc
        email = claims.get("email")
        return VerifiedUser(user_id, email if isinstance(email, str) and email else None, claims)


def unverified_expiry(token: str) -> int | None:
    """The ``exp`` a token announces, read without verifying it: only to decide when to refresh it."""
    try:
        payload = jwt.decode(token, options={"verify_signature": False})
        return int(payload["exp"])
    except (jwt.PyJWTError, KeyError, TypeError, ValueError, json.JSONDecodeError):
        return None
