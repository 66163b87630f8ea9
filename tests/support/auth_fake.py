"""A local stand-in for Supabase Auth (GoTrue) speaking its HTTP API on 127.0.0.1, for tests. No internet.

It answers the endpoints the ``supabase`` Python client calls, under ``/auth/v1``:
``POST /token?grant_type=password|refresh_token``, ``POST /otp``, ``POST /verify``, ``POST /recover``,
``GET|PUT /user``, ``POST /logout``, ``POST /signup``, ``GET /settings`` and ``GET /.well-known/jwks.json``,
with GoTrue's error bodies (``{"code": "invalid_credentials", "message": ...}`` under API version 2024-01-01).
Access tokens are real ES256 JWTs (PyJWT) signed by a key published in the JWKS, with Supabase's claims
(``iss = {url}/auth/v1``, ``aud = authenticated``, ``role = authenticated``, ``sub``, ``email``, ``session_id``).
Emails are not sent: each one lands in ``outbox`` with its six-digit code and its ``token_hash``.

Use it from any test (another process, e.g. ``streamlit run``, may point SUPABASE_URL at ``fake.url``)::

    from tests.support.auth_fake import FakeSupabaseAuth

    with FakeSupabaseAuth() as fake:                      # or the ``fake_auth`` fixture below
        user_id = fake.create_user("alice@example.test", "mot-de-passe-1")
        env = {"SUPABASE_URL": fake.url, "SUPABASE_ANON_KEY": fake.anon_key}
        ...
        code = fake.last_mail("alice@example.test").code   # a code sent by /otp, /recover or /signup

A whole app signed in through the browser (Playwright): ``streamlit_with_auth(fake, database_url, log_dir)``
starts ``streamlit run app.py`` on a free port with SUPABASE_URL/SUPABASE_ANON_KEY pointing at the fake and
yields its base URL (see tests/e2e/test_signin.py); the sign-in form's fields have the keys ``auth_email``,
``auth_password`` and the button ``auth_sign_in`` (DOM classes ``st-key-auth_email`` …).

Options: ``access_ttl`` (seconds an access token lives, default 3600), ``autoconfirm`` (sign-up signs in at
once, default True), ``disable_signup`` (default False). ``fake.limit("/otp")`` makes the next call of a path
answer 429; ``fake.outage = True`` makes every call answer 503. ``fake.token_for(user_id, **claims)`` and
``fake.sign(claims, headers=...)`` issue arbitrary tokens for verification tests. Users created here exist only
in the fake: a database that is not Supabase's learns of them when they sign in to the app.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

PREFIX = "/auth/v1"
API_VERSION = "2024-01-01"


@dataclass
class FakeUser:
    id: str
    email: str
    password: str | None
    confirmed: bool
    created_at: str
    user_metadata: dict = field(default_factory=dict)
    last_sign_in_at: str | None = None


@dataclass
class Mail:
    """An email the fake would have sent: ``kind`` is magiclink, signup or recovery."""

    email: str
    kind: str
    code: str
    token_hash: str
    sent_at: float
    used: bool = False


@dataclass
class _Refresh:
    user_id: str
    session_id: str
    used: bool = False
    revoked: bool = False


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class AuthHTTPError(Exception):
    def __init__(self, status: int, code: str, message: str, extra: dict | None = None) -> None:
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}
        super().__init__(message)


class FakeSupabaseAuth:
    """GoTrue on a free port of 127.0.0.1, in a thread. ``start()``/``stop()`` or use as a context manager."""

    def __init__(self, *, anon_key: str = "fake-anon-key-not-secret", access_ttl: int = 3600,
                 autoconfirm: bool = True, disable_signup: bool = False, otp_ttl: int = 3600) -> None:
        self.anon_key = anon_key
        self.access_ttl = access_ttl
        self.autoconfirm = autoconfirm
        self.disable_signup = disable_signup
        self.otp_ttl = otp_ttl
        self.outage = False
        self.extra_keys: list[dict] = []  # more public JWKs to publish (e.g. an RSA key for RS256 tokens)
        self.users: dict[str, FakeUser] = {}
        self.outbox: list[Mail] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every call, for assertions
        self._refresh: dict[str, _Refresh] = {}
        self._revoked_sessions: set[str] = set()
        self._limits: dict[str, int] = {}
        self._lock = threading.RLock()
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.kid = uuid.uuid4().hex
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------------------------

    def start(self) -> FakeSupabaseAuth:
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-supabase-auth", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSupabaseAuth:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def issuer(self) -> str:
        return self.url + PREFIX

    # -- test controls ----------------------------------------------------------------------------------------

    def create_user(self, email: str, password: str | None = None, *, confirmed: bool = True,
                    user_id: str | None = None) -> str:
        """A user of the Auth project (what the dashboard's "Add user" does); returns its id."""
        with self._lock:
            user = FakeUser(user_id or str(uuid.uuid4()), email.strip().lower(), password, confirmed, _now_iso())
            self.users[user.id] = user
            return user.id

    def user_by_email(self, email: str) -> FakeUser | None:
        email = (email or "").strip().lower()
        with self._lock:
            return next((u for u in self.users.values() if u.email == email), None)

    def last_mail(self, email: str, kind: str | None = None) -> Mail:
        email = email.strip().lower()
        with self._lock:
            for mail in reversed(self.outbox):
                if mail.email == email and (kind is None or mail.kind == kind):
                    return mail
        raise LookupError(f"no mail to {email}")

    def limit(self, path: str, times: int = 1) -> None:
        """The next ``times`` calls of ``path`` (e.g. "/otp", "/token") answer 429."""
        with self._lock:
            self._limits[path] = self._limits.get(path, 0) + times

    def rotate_key(self) -> None:
        """A new signing key (new kid); the JWKS publishes only the new one."""
        with self._lock:
            self.private_key = ec.generate_private_key(ec.SECP256R1())
            self.kid = uuid.uuid4().hex

    def jwks(self) -> dict:
        public = jwt.algorithms.ECAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        public.update({"kid": self.kid, "alg": "ES256", "use": "sig", "key_ops": ["verify"]})
        return {"keys": [public, *self.extra_keys]}

    def sign(self, claims: dict, *, headers: dict | None = None, key=None, algorithm: str = "ES256") -> str:
        """Any token, signed by the fake's key unless ``key`` is given (for verification tests)."""
        head = {"kid": self.kid, "typ": "JWT"}
        head.update(headers or {})
        return jwt.encode(claims, key if key is not None else self.private_key, algorithm=algorithm, headers=head)

    def claims_for(self, user_id: str, *, session_id: str | None = None, ttl: int | None = None) -> dict:
        user = self.users[user_id]
        now = int(time.time())
        return {
            "iss": self.issuer, "sub": user.id, "aud": "authenticated", "exp": now + (ttl or self.access_ttl),
            "iat": now, "email": user.email, "phone": "", "role": "authenticated", "aal": "aal1",
            "app_metadata": {"provider": "email", "providers": ["email"]}, "user_metadata": user.user_metadata,
            "amr": [{"method": "password", "timestamp": now}], "session_id": session_id or str(uuid.uuid4()),
            "is_anonymous": False,
        }

    def token_for(self, user_id: str, **overrides) -> str:
        """An access token for ``user_id`` with Supabase's claims, any of them overridden."""
        claims = self.claims_for(user_id)
        claims.update(overrides)
        return self.sign({k: v for k, v in claims.items() if v is not None})

    # -- GoTrue behaviour -------------------------------------------------------------------------------------

    def user_json(self, user: FakeUser) -> dict:
        confirmed_at = user.created_at if user.confirmed else None
        return {
            "id": user.id, "aud": "authenticated", "role": "authenticated", "email": user.email, "phone": "",
            "email_confirmed_at": confirmed_at, "confirmed_at": confirmed_at, "last_sign_in_at": user.last_sign_in_at,
            "app_metadata": {"provider": "email", "providers": ["email"]}, "user_metadata": user.user_metadata,
            "identities": [], "created_at": user.created_at, "updated_at": _now_iso(), "is_anonymous": False,
        }

    def new_session(self, user: FakeUser, method: str = "password") -> dict:
        session_id = str(uuid.uuid4())
        refresh = secrets.token_urlsafe(12)
        self._refresh[refresh] = _Refresh(user.id, session_id)
        user.last_sign_in_at = _now_iso()
        claims = self.claims_for(user.id, session_id=session_id)
        claims["amr"] = [{"method": method, "timestamp": claims["iat"]}]
        return {"access_token": self.sign(claims), "token_type": "bearer", "expires_in": self.access_ttl,
                "expires_at": claims["exp"], "refresh_token": refresh, "user": self.user_json(user)}

    def _send(self, user: FakeUser, kind: str) -> Mail:
        code = f"{secrets.randbelow(10**6):06d}"
        token_hash = hashlib.sha224((user.email + code).encode()).hexdigest()
        mail = Mail(user.email, kind, code, token_hash, time.time())
        self.outbox.append(mail)
        return mail

    def _bearer_user(self, headers) -> tuple[FakeUser, dict]:
        auth = headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        try:
            claims = jwt.decode(token, self.private_key.public_key(), algorithms=["ES256"], audience="authenticated",
                                issuer=self.issuer)
        except jwt.PyJWTError:
            raise AuthHTTPError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature") from None
        if claims.get("session_id") in self._revoked_sessions:
            raise AuthHTTPError(403, "session_not_found", "Session from session_id claim in JWT does not exist")
        user = self.users.get(claims["sub"])
        if user is None:
            raise AuthHTTPError(403, "user_not_found", "User from sub claim in JWT does not exist")
        return user, claims

    def handle(self, method: str, path: str, query: dict, body: dict, headers) -> tuple[int, dict | None]:
        with self._lock:
            self.requests.append((method, path))
            if self.outage:
                raise AuthHTTPError(503, "", "upstream unavailable")
            if headers.get("apikey") != self.anon_key:
                raise AuthHTTPError(401, "no_api_key", "No API key found in request")
            if self._limits.get(path):
                self._limits[path] -= 1
                code = "over_email_send_rate_limit" if path in ("/otp", "/recover", "/signup") else \
                    "over_request_rate_limit"
                raise AuthHTTPError(429, code, "email rate limit exceeded")
            route = (method, path)
            if route == ("GET", "/.well-known/jwks.json"):
                return 200, self.jwks()
            if route == ("GET", "/settings"):
                return 200, {"external": {"email": True}, "disable_signup": self.disable_signup,
                             "mailer_autoconfirm": self.autoconfirm}
            if route == ("POST", "/token"):
                grant = query.get("grant_type")
                if grant == "password":
                    return 200, self._password_grant(body)
                if grant == "refresh_token":
                    return 200, self._refresh_grant(body)
                raise AuthHTTPError(400, "validation_failed", "unsupported_grant_type")
            if route == ("POST", "/otp"):
                return 200, self._otp(body)
            if route == ("POST", "/verify"):
                return 200, self._verify(body)
            if route == ("POST", "/recover"):
                user = self.user_by_email(body.get("email", ""))
                if user is not None:
                    self._send(user, "recovery")
                return 200, {}
            if route == ("GET", "/user"):
                return 200, self.user_json(self._bearer_user(headers)[0])
            if route == ("PUT", "/user"):
                return 200, self._update_user(body, headers)
            if route == ("POST", "/logout"):
                self._logout(query.get("scope", "global"), headers)
                return 204, None
            if route == ("POST", "/signup"):
                return 200, self._signup(body)
            raise AuthHTTPError(404, "not_found", "Not found")

    def _password_grant(self, body: dict) -> dict:
        user = self.user_by_email(body.get("email", ""))
        if user is None or user.password is None or not secrets.compare_digest(user.password,
                                                                                 str(body.get("password", ""))):
            raise AuthHTTPError(400, "invalid_credentials", "Invalid login credentials")
        if not user.confirmed:
            raise AuthHTTPError(400, "email_not_confirmed", "Email not confirmed")
        return self.new_session(user, "password")

    def _refresh_grant(self, body: dict) -> dict:
        entry = self._refresh.get(str(body.get("refresh_token", "")))
        if entry is None or entry.revoked or entry.session_id in self._revoked_sessions:
            raise AuthHTTPError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found")
        if entry.used:
            raise AuthHTTPError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
        entry.used = True
        user = self.users[entry.user_id]
        refresh = secrets.token_urlsafe(12)
        self._refresh[refresh] = _Refresh(user.id, entry.session_id)
        claims = self.claims_for(user.id, session_id=entry.session_id)
        return {"access_token": self.sign(claims), "token_type": "bearer", "expires_in": self.access_ttl,
                "expires_at": claims["exp"], "refresh_token": refresh, "user": self.user_json(user)}

    def _otp(self, body: dict) -> dict:
        email = str(body.get("email", "")).strip().lower()
        if "@" not in email:
            raise AuthHTTPError(400, "validation_failed", "Unable to validate email address: invalid format")
        user = self.user_by_email(email)
        if user is None:
            if not body.get("create_user", True) or self.disable_signup:
                raise AuthHTTPError(422, "otp_disabled", "Signups not allowed for otp")
            user = self.users[self.create_user(email, None, confirmed=False)]
        self._send(user, "magiclink")
        return {}

    def _verify(self, body: dict) -> dict:
        kind = body.get("type")
        accepted = {"email": ("magiclink", "signup"), "magiclink": ("magiclink",), "signup": ("signup",),
                    "recovery": ("recovery",), "invite": ("invite",)}.get(kind)
        if accepted is None:
            raise AuthHTTPError(400, "validation_failed", "Verify requires a verification type")
        now = time.time()
        for mail in reversed(self.outbox):
            if mail.used or mail.kind not in accepted or now - mail.sent_at > self.otp_ttl:
                continue
            if body.get("token_hash"):
                matches = secrets.compare_digest(mail.token_hash, str(body["token_hash"]))
            else:
                matches = mail.email == str(body.get("email", "")).strip().lower() and \
                    secrets.compare_digest(mail.code, str(body.get("token", "")))
            if matches:
                mail.used = True
                user = self.user_by_email(mail.email)
                user.confirmed = True
                return self.new_session(user, "otp" if kind != "recovery" else "recovery")
        raise AuthHTTPError(403, "otp_expired", "Token has expired or is invalid")

    def _update_user(self, body: dict, headers) -> dict:
        user, _claims = self._bearer_user(headers)
        if "password" in body:
            password = str(body["password"])
            if len(password) < 6:
                raise AuthHTTPError(422, "weak_password", "Password should be at least 6 characters.",
                                    {"weak_password": {"reasons": ["length"]}})
            if user.password == password:
                raise AuthHTTPError(422, "same_password",
                                    "New password should be different from the old password.")
            user.password = password
        if isinstance(body.get("data"), dict):
            user.user_metadata.update(body["data"])
        return self.user_json(user)

    def _logout(self, scope: str, headers) -> None:
        user, claims = self._bearer_user(headers)
        for entry in self._refresh.values():
            if entry.user_id != user.id:
                continue
            same = entry.session_id == claims.get("session_id")
            if scope == "global" or (scope == "local" and same) or (scope == "others" and not same):
                entry.revoked = True
        if scope in ("global", "local"):
            self._revoked_sessions.add(claims.get("session_id"))

    def _signup(self, body: dict) -> dict:
        if self.disable_signup:
            raise AuthHTTPError(422, "signup_disabled", "Signups not allowed for this instance")
        email = str(body.get("email", "")).strip().lower()
        password = str(body.get("password", ""))
        if "@" not in email:
            raise AuthHTTPError(400, "validation_failed", "Unable to validate email address: invalid format")
        if len(password) < 6:
            raise AuthHTTPError(422, "weak_password", "Password should be at least 6 characters.",
                                {"weak_password": {"reasons": ["length"]}})
        if self.user_by_email(email) is not None:
            raise AuthHTTPError(422, "user_already_exists", "User already registered")
        user = self.users[self.create_user(email, password, confirmed=self.autoconfirm)]
        if isinstance(body.get("data"), dict):
            user.user_metadata.update(body["data"])
        if self.autoconfirm:
            return self.new_session(user, "password")
        self._send(user, "signup")
        return self.user_json(user)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSupabaseAuth
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            self._reply(400, {"code": "bad_json", "message": "Could not parse request body as JSON"})
            return
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        path = parts.path
        if not path.startswith(PREFIX):
            self._reply(404, {"code": "not_found", "message": "Not found"})
            return
        try:
            status, payload = self.fake.handle(method, path[len(PREFIX):] or "/", query, body, self.headers)
        except AuthHTTPError as exc:
            if exc.status == 503:
                self._reply(503, None, raw_text=b"upstream unavailable")
                return
            self._reply(exc.status, {"code": exc.code, "message": exc.message, **exc.extra})
            return
        self._reply(status, payload)

    def _reply(self, status: int, payload: dict | None, raw_text: bytes | None = None) -> None:
        data = raw_text if raw_text is not None else (b"" if payload is None else json.dumps(payload).encode())
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if raw_text is not None else "application/json")
        self.send_header("X-Supabase-Api-Version", API_VERSION)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")


@pytest.fixture
def fake_auth():
    """A running fake Supabase Auth; its JWKS cache entry is dropped afterwards."""
    from lib.auth.tokens import forget_key_sets

    with FakeSupabaseAuth() as fake:
        yield fake
    forget_key_sets()


def app_environment(fake: FakeSupabaseAuth) -> dict[str, str]:
    """The settings that make Cercle a shared instance signing in against ``fake``."""
    return {"SUPABASE_URL": fake.url, "SUPABASE_ANON_KEY": fake.anon_key}


@contextmanager
def streamlit_with_auth(fake: FakeSupabaseAuth, database_url: str, log_dir: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port, on ``database_url``, signing in against ``fake``; yields its URL."""
    from tests.support.browser import running_streamlit

    with running_streamlit(database_url, log_dir, **app_environment(fake)) as url:
        yield url
