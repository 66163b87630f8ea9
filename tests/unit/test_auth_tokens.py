"""Access tokens are believed only when their signature, expiry, audience, role and issuer check out."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from lib.auth.tokens import TokenError, TokenVerifier, unverified_expiry
from tests.support.auth_fake import fake_auth  # noqa: F401 - the fixture


@pytest.fixture
def user_id(fake_auth) -> str:  # noqa: F811
    return fake_auth.create_user("vigneronne@example.test", "motdepasse-1")


@pytest.fixture
def verifier(fake_auth) -> TokenVerifier:  # noqa: F811
    return TokenVerifier(fake_auth.url, api_key=fake_auth.anon_key)


def _refused(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(TokenError) as caught:
        verifier.verify(token)
    return caught.value.code


def test_valid_es256_token_gives_the_user(fake_auth, verifier, user_id):  # noqa: F811
    """A token signed by the project's published key proves its subject and email."""
    verified = verifier.verify(fake_auth.token_for(user_id))
    assert verified.user_id == user_id
    assert verified.email == "vigneronne@example.test"
    assert verified.principal.claims()["sub"] == user_id


def test_expired_token_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """An access token past its expiry (beyond a few seconds of clock leeway) proves nothing."""
    now = int(time.time())
    assert _refused(verifier, fake_auth.token_for(user_id, exp=now - 60, iat=now - 3660)) == "expired"


def test_token_signed_by_another_key_with_the_same_kid_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """A forger who copies the key id but not the private key fails the signature check."""
    forger = ec.generate_private_key(ec.SECP256R1())
    token = fake_auth.sign(fake_auth.claims_for(user_id), key=forger)
    assert _refused(verifier, token) == "signature"


def test_tampered_payload_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """Changing the subject of a genuine token breaks its signature."""
    header, _payload, signature = fake_auth.token_for(user_id).split(".")
    other = fake_auth.sign(fake_auth.claims_for(user_id) | {"sub": str(uuid.uuid4())}).split(".")[1]
    assert _refused(verifier, f"{header}.{other}.{signature}") == "signature"


@pytest.mark.parametrize(("claim", "value", "code"), [
    ("aud", "anon", "audience"),
    ("aud", "service_role", "audience"),
    ("iss", "https://evil.example/auth/v1", "issuer"),
    ("role", "anon", "role"),
    ("role", "service_role", "role"),
    ("sub", "not-a-uuid", "subject"),
])
def test_wrong_claims_are_refused(fake_auth, verifier, user_id, claim, value, code):  # noqa: F811
    """Audience, issuer, role and subject must be exactly those of a signed-in user of this project."""
    assert _refused(verifier, fake_auth.token_for(user_id, **{claim: value})) == code


@pytest.mark.parametrize("missing", ["exp", "aud", "iss", "role", "sub"])
def test_missing_claims_are_refused(fake_auth, verifier, user_id, missing):  # noqa: F811
    claims = fake_auth.claims_for(user_id)
    del claims[missing]
    assert _refused(verifier, fake_auth.sign(claims)) == "missing_claim"


def test_alg_none_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """An unsigned token (alg "none") is never accepted, whatever it claims."""
    token = jwt.encode(fake_auth.claims_for(user_id), key=None, algorithm="none", headers={"kid": fake_auth.kid})
    assert _refused(verifier, token) == "algorithm_refused"


def test_hs256_signed_with_the_public_key_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """Key confusion: an HMAC token keyed with the published public key is refused (no secret configured)."""
    public_pem = fake_auth.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    import hashlib
    import hmac

    header = jwt.utils.base64url_encode(b'{"alg":"HS256","typ":"JWT","kid":"%s"}' % fake_auth.kid.encode())
    payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(fake_auth.claims_for(user_id)).encode())
    signing_input = header + b"." + payload
    signature = jwt.utils.base64url_encode(hmac.new(public_pem, signing_input, hashlib.sha256).digest())
    token = (signing_input + b"." + signature).decode()
    assert _refused(verifier, token) == "hs256_not_configured"
    with_secret = TokenVerifier(fake_auth.url, jwt_secret="a-legacy-project-secret-of-32-chars!")
    assert _refused(with_secret, token) == "signature"


def test_hs256_with_the_configured_secret_is_accepted(fake_auth, user_id):  # noqa: F811
    """A legacy project (SUPABASE_JWT_SECRET) signs with HS256; such tokens verify with that secret only."""
    secret = "a-legacy-project-secret-of-32-chars!"
    claims = fake_auth.claims_for(user_id)
    verifier = TokenVerifier(fake_auth.url, jwt_secret=secret)
    assert verifier.verify(jwt.encode(claims, secret, algorithm="HS256")).user_id == user_id
    assert _refused(verifier, jwt.encode(claims, "another-secret-of-thirty-two-chars!!", algorithm="HS256")) == \
        "signature"


def test_rs256_key_from_the_key_set_is_accepted_and_type_must_match(fake_auth, verifier, user_id):  # noqa: F811
    """An RSA key of the set verifies RS256; an ES256 token naming that RSA key is refused."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key(), as_dict=True) | {"kid": "rsa-1", "alg": "RS256"}
    fake_auth.extra_keys.append(public)
    claims = fake_auth.claims_for(user_id)
    token = fake_auth.sign(claims, key=private, algorithm="RS256", headers={"kid": "rsa-1"})
    assert verifier.verify(token).user_id == user_id
    mismatched = fake_auth.sign(claims, headers={"kid": "rsa-1"})
    assert _refused(verifier, mismatched) == "key_algorithm_mismatch"


def test_rotated_key_is_fetched_again_on_unknown_kid(fake_auth, verifier, user_id, monkeypatch):  # noqa: F811
    """After a key rotation the key set is fetched again for the new kid; an unknown kid stays refused."""
    import lib.auth.tokens as tokens

    assert verifier.verify(fake_auth.token_for(user_id)).user_id == user_id
    fetches = sum(1 for call in fake_auth.requests if call[1] == "/.well-known/jwks.json")
    assert fetches == 1
    monkeypatch.setattr(tokens, "JWKS_MIN_REFETCH", 0.0)
    fake_auth.rotate_key()
    assert verifier.verify(fake_auth.token_for(user_id)).user_id == user_id
    assert sum(1 for call in fake_auth.requests if call[1] == "/.well-known/jwks.json") == 2
    assert _refused(verifier, fake_auth.sign(fake_auth.claims_for(user_id), headers={"kid": "nobody"})) == \
        "unknown_key"


def test_unknown_kid_does_not_hammer_the_key_set(fake_auth, verifier, user_id):  # noqa: F811
    """Forged key ids right after a fetch are refused without fetching the key set again each time."""
    verifier.verify(fake_auth.token_for(user_id))
    for n in range(5):
        _refused(verifier, fake_auth.sign(fake_auth.claims_for(user_id), headers={"kid": f"forged-{n}"}))
    assert sum(1 for call in fake_auth.requests if call[1] == "/.well-known/jwks.json") == 1


@pytest.mark.parametrize("token", ["", "abc", "a.b", "a.b.c", "x" * 50])
def test_malformed_tokens_are_refused(verifier, token):
    with pytest.raises(TokenError):
        verifier.verify(token)


def test_unverified_expiry_reads_exp_only(fake_auth, user_id):  # noqa: F811
    token = fake_auth.token_for(user_id, exp=1234567890)
    assert unverified_expiry(token) == 1234567890
    assert unverified_expiry("not a token") is None


def test_anonymous_sign_in_token_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """Supabase's anonymous sign-ins carry role "authenticated" too; they prove nobody and open nothing here."""
    assert _refused(verifier, fake_auth.token_for(user_id, is_anonymous=True)) == "anonymous"


def test_token_without_issue_time_or_issued_in_the_future_is_refused(fake_auth, verifier, user_id):  # noqa: F811
    """Supabase always stamps ``iat``: a token without it, or issued an hour from now, was not made by it."""
    claims = fake_auth.claims_for(user_id)
    del claims["iat"]
    assert _refused(verifier, fake_auth.sign(claims)) == "missing_claim"
    now = int(time.time())
    assert _refused(verifier, fake_auth.token_for(user_id, iat=now + 3600, exp=now + 7200)) == "invalid"
    assert _refused(verifier, fake_auth.token_for(user_id, nbf=now + 3600, exp=now + 7200)) == "invalid"


def test_key_set_outage_keeps_the_keys_already_fetched(fake_auth, verifier, user_id, monkeypatch):  # noqa: F811
    """The key set expires after ten minutes; if Auth cannot be reached then, the public keys fetched before stay
    in use (for a bounded time) instead of signing everybody out; a key id never seen is still refused."""
    import lib.auth.tokens as tokens

    assert verifier.verify(fake_auth.token_for(user_id)).user_id == user_id
    monkeypatch.setattr(tokens, "JWKS_TTL", 0.0)
    monkeypatch.setattr(tokens, "JWKS_MIN_REFETCH", 0.0)
    fake_auth.outage = True
    assert verifier.verify(fake_auth.token_for(user_id)).user_id == user_id
    assert _refused(verifier, fake_auth.sign(fake_auth.claims_for(user_id), headers={"kid": "nobody"})) == \
        "unknown_key"
    monkeypatch.setattr(tokens, "JWKS_MAX_STALE", 0.0)
    assert _refused(verifier, fake_auth.token_for(user_id)) == "jwks_unavailable"
