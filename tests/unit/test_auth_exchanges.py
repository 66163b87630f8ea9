"""Each sign-in exchange of lib/auth against a local fake of Supabase Auth: success, and plain French failures."""

from __future__ import annotations

import socket

import pytest

from lib.auth import AuthConfig, AuthFailure, AuthSession
from lib.auth.client import signup_allowed
from lib.i18n import t
from tests.support.auth_fake import FakeSupabaseAuth, fake_auth  # noqa: F401 - the fixture

EMAIL = "vigneron@example.test"
PASSWORD = "motdepasse-1"


def _session(fake: FakeSupabaseAuth, **overrides) -> AuthSession:
    values = {"supabase_url": fake.url, "api_key": fake.anon_key, "jwt_secret": None,
              "redirect_to": "http://127.0.0.1:8501/"} | overrides
    return AuthSession(AuthConfig(**values))


def _failure(call, *args, **kwargs) -> AuthFailure:
    with pytest.raises(AuthFailure) as caught:
        call(*args, **kwargs)
    return caught.value


def test_password_sign_in_gives_the_verified_user(fake_auth):  # noqa: F811
    """Right email and password: the session holds a verified user with the Auth project's id."""
    user_id = fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    user = session.sign_in_with_password(" Vigneron@Example.test ", PASSWORD)
    assert (user.user_id, user.email) == (user_id, EMAIL)
    assert session.current() == user


def test_wrong_password_says_so_in_french_without_server_text(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    failure = _failure(session.sign_in_with_password, EMAIL, "pas-le-bon")
    assert failure.code == "invalid_credentials"
    assert failure.message == "Adresse e-mail ou mot de passe incorrect."
    assert "Invalid login" not in str(failure)
    assert session.current() is None


def test_unconfirmed_email_is_explained(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD, confirmed=False)
    failure = _failure(_session(fake_auth).sign_in_with_password, EMAIL, PASSWORD)
    assert failure.code == "email_not_confirmed"
    assert "pas encore confirmée" in failure.message


def test_rate_limit_is_explained(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD)
    fake_auth.limit("/token")
    failure = _failure(_session(fake_auth).sign_in_with_password, EMAIL, PASSWORD)
    assert failure.code == "rate_limited"
    assert "Patientez" in failure.message


def test_auth_server_unreachable_is_explained():
    """Nothing listens on the port: a plain sentence about the sign-in service, no exception text."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session = AuthSession(AuthConfig(f"http://127.0.0.1:{port}", "key", None, "http://127.0.0.1:8501/"))
    failure = _failure(session.sign_in_with_password, EMAIL, PASSWORD)
    assert failure.code == "network"
    assert failure.message.startswith("Le service de connexion ne répond pas")


def test_auth_server_outage_is_explained(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD)
    fake_auth.outage = True
    assert _failure(_session(fake_auth).sign_in_with_password, EMAIL, PASSWORD).code == "network"


def test_bad_email_is_refused_before_any_call(fake_auth):  # noqa: F811
    session = _session(fake_auth)
    assert _failure(session.sign_in_with_password, "pas une adresse", PASSWORD).code == "email_invalid"
    assert _failure(session.send_code, "sans-arobase").code == "email_invalid"
    assert fake_auth.requests == []


def test_code_by_email_signs_in(fake_auth):  # noqa: F811
    """/otp sends a six-digit code; /verify with it signs in; the same code cannot be used twice."""
    user_id = fake_auth.create_user(EMAIL, None)
    session = _session(fake_auth)
    session.send_code(EMAIL)
    code = fake_auth.last_mail(EMAIL).code
    assert session.verify_code(EMAIL, f" {code[:3]} {code[3:]} ").user_id == user_id
    other = _session(fake_auth)
    assert _failure(other.verify_code, EMAIL, code).code == "code_invalid"


def test_wrong_or_malformed_code_is_refused(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, None)
    session = _session(fake_auth)
    session.send_code(EMAIL)
    good = fake_auth.last_mail(EMAIL).code
    wrong = f"{(int(good) + 1) % 10**6:06d}"
    assert _failure(session.verify_code, EMAIL, wrong).code == "code_invalid"
    assert _failure(session.verify_code, EMAIL, "abc").code == "code_format"
    assert session.current() is None


def test_code_for_unknown_address_when_sign_up_is_closed(fake_auth):  # noqa: F811
    failure = _failure(_session(fake_auth).send_code, "inconnu@example.test", create_user=False)
    assert failure.code == "no_account"
    assert fake_auth.user_by_email("inconnu@example.test") is None


def test_emailed_link_token_hash_signs_in(fake_auth):  # noqa: F811
    """The link's token_hash (a query parameter the app can read) is verified with /verify."""
    user_id = fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    session.send_code(EMAIL)
    token_hash = fake_auth.last_mail(EMAIL).token_hash
    assert session.verify_link(token_hash, "email").user_id == user_id
    assert _failure(_session(fake_auth).verify_link, token_hash, "email").code == "link_invalid"
    assert _failure(_session(fake_auth).verify_link, token_hash, "sms").code == "link_invalid"


def test_password_reset_then_new_password(fake_auth):  # noqa: F811
    """/recover emails a code; verifying it (type recovery) signs in; PUT /user sets the new password."""
    fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    session.send_password_reset(EMAIL)
    mail = fake_auth.last_mail(EMAIL, "recovery")
    session.verify_code(EMAIL, mail.code, "recovery")
    assert _failure(session.set_password, "court").code == "weak_password"
    assert _failure(session.set_password, "nouveau-mdp-2", "autre-chose").code == "password_mismatch"
    assert _failure(session.set_password, PASSWORD, PASSWORD).code == "same_password"
    session.set_password("nouveau-mdp-2", "nouveau-mdp-2")
    assert _session(fake_auth).sign_in_with_password(EMAIL, "nouveau-mdp-2").email == EMAIL
    assert _failure(_session(fake_auth).sign_in_with_password, EMAIL, PASSWORD).code == "invalid_credentials"


def test_reset_for_unknown_address_reveals_nothing(fake_auth):  # noqa: F811
    _session(fake_auth).send_password_reset("personne@example.test")
    assert fake_auth.outbox == []


def test_sign_up_when_open_signs_in_at_once(fake_auth):  # noqa: F811
    session = _session(fake_auth)
    assert signup_allowed(session.config)
    user = session.sign_up("nouvelle@example.test", "un-bon-mot-de-passe")
    assert user is not None and user.email == "nouvelle@example.test"
    assert _failure(_session(fake_auth).sign_up, "nouvelle@example.test", "un-bon-mot-de-passe").code == \
        "user_exists"


def test_sign_up_with_confirmation_code():
    with FakeSupabaseAuth(autoconfirm=False) as fake:
        session = _session(fake)
        assert session.sign_up("nouvelle@example.test", "un-bon-mot-de-passe") is None
        assert session.current() is None
        code = fake.last_mail("nouvelle@example.test", "signup").code
        assert session.verify_code("nouvelle@example.test", code, "signup").email == "nouvelle@example.test"


def test_sign_up_closed():
    with FakeSupabaseAuth(disable_signup=True) as fake:
        session = _session(fake)
        assert not signup_allowed(session.config)
        failure = _failure(session.sign_up, "nouvelle@example.test", "un-bon-mot-de-passe")
        assert failure.code == "signup_disabled"
        assert fake.user_by_email("nouvelle@example.test") is None


def test_short_password_refused_before_sign_up(fake_auth):  # noqa: F811
    failure = _failure(_session(fake_auth).sign_up, "nouvelle@example.test", "court")
    assert failure.message == t("auth.error.weak_password", "fr", minimum=8)
    assert fake_auth.user_by_email("nouvelle@example.test") is None


def test_access_token_about_to_expire_is_refreshed():
    """With a token living 30 s (under the 60 s margin), current() refreshes it and verifies the new one."""
    with FakeSupabaseAuth(access_ttl=30) as fake:
        user_id = fake.create_user(EMAIL, PASSWORD)
        session = _session(fake)
        session.sign_in_with_password(EMAIL, PASSWORD)
        first = session.client.auth._load_session().access_token
        assert session.current().user_id == user_id
        second = session.client.auth._load_session().access_token
        assert second != first
        assert fake.requests.count(("POST", "/token")) == 2  # the password grant, then one refresh


def test_refused_refresh_means_signed_out_with_a_sentence():
    """The refresh token was revoked elsewhere (sign-out everywhere): back to sign-in, « session expirée »."""
    with FakeSupabaseAuth(access_ttl=30) as fake:
        fake.create_user(EMAIL, PASSWORD)
        session = _session(fake)
        session.sign_in_with_password(EMAIL, PASSWORD)
        for entry in fake._refresh.values():
            entry.revoked = True
        failure = _failure(session.current)
        assert failure.code == "session_expired"
        assert failure.message == "Votre session a expiré. Reconnectez-vous pour continuer."
        assert session.current() is None


def test_refresh_while_auth_is_down_keeps_a_still_valid_token():
    with FakeSupabaseAuth(access_ttl=30) as fake:
        user_id = fake.create_user(EMAIL, PASSWORD)
        session = _session(fake)
        session.sign_in_with_password(EMAIL, PASSWORD)
        fake.outage = True
        assert session.current().user_id == user_id


def test_sign_out_revokes_the_refresh_token(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    session.sign_in_with_password(EMAIL, PASSWORD)
    refresh = session.client.auth._load_session().refresh_token
    session.sign_out()
    assert session.current() is None
    assert ("POST", "/logout") in fake_auth.requests
    assert fake_auth._refresh[refresh].revoked


def test_sign_out_while_auth_is_down_still_forgets_the_session(fake_auth):  # noqa: F811
    fake_auth.create_user(EMAIL, PASSWORD)
    session = _session(fake_auth)
    session.sign_in_with_password(EMAIL, PASSWORD)
    fake_auth.outage = True
    session.sign_out()
    assert session.current() is None


def test_two_sessions_never_share_a_user(fake_auth):  # noqa: F811
    """Two browser sessions = two AuthSessions: signing one in or out leaves the other as it was."""
    alice = fake_auth.create_user("alice@example.test", PASSWORD)
    bruno = fake_auth.create_user("bruno@example.test", PASSWORD)
    first, second = _session(fake_auth), _session(fake_auth)
    first.sign_in_with_password("alice@example.test", PASSWORD)
    assert second.current() is None
    second.sign_in_with_password("bruno@example.test", PASSWORD)
    assert (first.current().user_id, second.current().user_id) == (alice, bruno)
    first.sign_out()
    assert first.current() is None and second.current().user_id == bruno
    assert first.client is not second.client


def test_token_from_another_project_is_refused(fake_auth):  # noqa: F811
    """A session whose tokens are signed by another Auth server (other keys, other issuer) is not believed."""
    fake_auth.create_user(EMAIL, PASSWORD)
    with FakeSupabaseAuth() as other:
        session = _session(fake_auth)
        session._verifier = _session(other)._verifier
        failure = _failure(session.sign_in_with_password, EMAIL, PASSWORD)
        assert failure.code == "token_invalid"
        assert session.current() is None


@pytest.mark.parametrize("code", ["invalid_credentials", "email_not_confirmed", "rate_limited", "code_invalid",
                                  "code_format", "link_invalid", "no_account", "same_password", "password_missing",
                                  "password_mismatch", "signup_disabled", "user_exists", "email_invalid",
                                  "session_expired", "network", "network_expired", "banned", "token_invalid",
                                  "misconfigured", "unknown"])
def test_every_failure_has_french_and_english_sentences(code):
    failure = AuthFailure(code)
    assert t(f"auth.error.{code}", "fr") != f"auth.error.{code}"
    assert t(f"auth.error.{code}", "en") != t(f"auth.error.{code}", "fr")
    assert failure.message


def test_key_set_unreachable_before_any_fetch_keeps_the_session(monkeypatch):
    """Auth's key set cannot be read (this process never fetched it): the page says the network is at fault, and
    the session is kept, so the person is signed in again as soon as Auth answers (not sent back to the form)."""
    from lib.auth.tokens import forget_key_sets

    with FakeSupabaseAuth() as fake:
        user_id = fake.create_user(EMAIL, PASSWORD)
        session = _session(fake)
        session.sign_in_with_password(EMAIL, PASSWORD)
        forget_key_sets()
        session._verified = None
        fake.outage = True
        assert _failure(session.current).code == "network"
        fake.outage = False
        assert session.current().user_id == user_id
    forget_key_sets()
