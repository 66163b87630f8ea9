"""Join pages (``/j/{code}``): a community's public sign-up form, one page per source, and what it records.

The producer's side (``create_join_page``, ``join_stats``) goes through ``db.tenant`` like every other write. The
public side (``lib.links.join_page``) runs without a user: as role ``service_role`` it only calls the security-definer
functions of schema ``cercle_join`` (migration 20261203160000_join_pages.sql), which find the workspace from the
page's code and write nowhere else.

Also here, pure: the signed form token, the form's validation and the consent wording.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

import psycopg

from lib import audit
from lib.contacts.consent import clean_text, make_proof
from lib.db import Database, Principal
from lib.i18n import t
from lib.links import LinkError, new_code
from lib.settings import base_url_or_default

CONSENT_CHANNELS = ("whatsapp", "sms", "telegram", "email")
# The consent box a community's channel asks for (an e-mail box is offered beside it on every page).
CHANNEL_CONSENT = {"whatsapp_group": "whatsapp", "whatsapp_community": "whatsapp", "telegram_group": "telegram",
                   "telegram_channel": "telegram", "sms_list": "sms"}
# Budget bands per bottle a visitor may pick: (value sent, min €, max €).
BUDGET_BANDS = (("lt15", None, 15), ("15-30", 15, 30), ("30-60", 30, 60), ("gt60", 60, None))
# The wording version recorded with each consent; change it whenever a consent sentence of join.consent.* changes.
WORDING_VERSION = "join-2026-12-03"
METHOD_LABEL = "formulaire en ligne"
TOKEN_LIFETIME = 2 * 3600  # seconds: a form left open longer is sent again with a fresh token
TOKEN_CLOCK_SKEW = 120
MAX_FIRST_NAME = 80
MAX_PHONE = 40
MAX_EMAIL = 254
MAX_INTERESTS = 30
MAX_FIELD = 200
_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class JoinPage:
    id: str
    community_id: str
    source: str
    code: str
    enabled: bool
    channels: tuple[str, ...]
    interests: tuple[str, ...]
    url: str


@dataclass(frozen=True)
class JoinStat:
    code: str
    community: str
    source: str
    views: int
    signups: int

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "community": self.community, "source": self.source, "views": self.views,
                "signups": self.signups}


def join_url(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/j/{code}"


def origin_label(source: str) -> str:
    """The name of the "import" a page's contacts come from: what the segments' « origine » condition shows."""
    return f"Page d'inscription : {source}"[:255]


def create_join_page(db: Database, principal: Principal, workspace_id: str, community_id: str, *, source: str,
                     channels: list[str] | None = None, interests: list[str] | None = None,
                     base_url: str | None = None) -> JoinPage:
    """A new join page for the community. ``channels`` defaults to the community's channel (plus e-mail).
    Raises LinkError."""
    source = " ".join((source or "").split())
    if not 1 <= len(source) <= 120:
        raise LinkError("bad_source")
    picked = [" ".join(str(i).split())[:60] for i in (interests or []) if str(i).strip()]
    picked = list(dict.fromkeys(picked))[:MAX_INTERESTS]
    with db.tenant(principal) as conn:
        found = conn.execute("select name, channel from public.communities where workspace_id = %s and id = %s",
                             (workspace_id, community_id)).fetchone()
    if found is None:
        raise LinkError("unknown_community")
    name, channel = found
    if channels is None:
        channels = [CHANNEL_CONSENT[channel]] if channel in CHANNEL_CONSENT else []
        channels.append("email")
    channels = [c for c in CONSENT_CHANNELS if c in channels]
    base = base_url_or_default(base_url)
    for attempt in range(_CODE_ATTEMPTS):
        code = new_code()
        try:
            with db.tenant(principal) as conn:
                import_id = conn.execute(
                    "insert into public.imports (workspace_id, file_name, source, created_by, created_by_email)"
                    " values (%s, %s, 'join_page', %s, %s) returning id::text",
                    (workspace_id, origin_label(source), principal.user_id, principal.email)).fetchone()[0]
                row = conn.execute(
                    "insert into public.join_pages (workspace_id, community_id, source, code, channels, interests,"
                    " import_id, created_by) values (%s, %s, %s, %s, %s, %s, %s, %s)"
                    " returning id::text, community_id::text, source, code, enabled, channels, interests",
                    (workspace_id, community_id, source, code, channels, picked, import_id, principal.user_id),
                ).fetchone()
                audit.record(conn, workspace_id, "link_created", community=name, source=source, code=code,
                             kind="join_page")
        except psycopg.errors.UniqueViolation:
            if attempt == _CODE_ATTEMPTS - 1:
                raise
            continue
        except psycopg.errors.InsufficientPrivilege as exc:
            raise LinkError("read_only") from exc
        page_id, community, page_source, page_code, enabled, page_channels, page_interests = row
        return JoinPage(page_id, community, page_source, page_code, enabled, tuple(page_channels),
                        tuple(page_interests), join_url(base, page_code))
    raise AssertionError("unreachable")


def disable_join_page(db: Database, principal: Principal, workspace_id: str, page_id: str) -> None:
    try:
        with db.tenant(principal) as conn:
            row = conn.execute("update public.join_pages set enabled = false where workspace_id = %s and id = %s"
                               " returning id", (workspace_id, page_id)).fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise LinkError("read_only") from exc
    if row is None:
        raise LinkError("unknown_link")


def join_stats(db: Database, principal: Principal, workspace_id: str) -> list[JoinStat]:
    """Every join page of the workspace with its counted views and sign-ups, most sign-ups first."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select p.code, c.name, p.source,"
            " (select count(*) from public.join_page_views v where v.page_id = p.id)::int,"
            " (select count(*) from public.join_signups s where s.page_id = p.id)::int as signups"
            " from public.join_pages p join public.communities c on c.id = p.community_id"
            " where p.workspace_id = %s order by signups desc, p.created_at, p.code",
            (workspace_id,),
        ).fetchall()
    return [JoinStat(*row) for row in rows]


# --- signed form tokens -------------------------------------------------------------------------------------------

_keys: dict[str, str] = {}
_keys_lock = threading.Lock()


def form_key(db: Database) -> str:
    """The token key: the CERCLE_JOIN_SECRET setting, else the install's random key kept in the database (made by
    the migration, read by the connecting role only), read once per process: every replica signs alike."""
    from lib.settings import setting

    with _keys_lock:
        if db.url not in _keys:
            configured = setting("CERCLE_JOIN_SECRET")
            if configured:
                _keys[db.url] = configured
            else:
                with db.admin() as conn:
                    conn.execute("insert into cercle.install_secrets (name, value) values ('join_form_key', %s)"
                                 " on conflict (name) do nothing", (secrets.token_hex(32),))
                    row = conn.execute("select value from cercle.install_secrets where name = 'join_form_key'"
                                       ).fetchone()
                _keys[db.url] = row[0]
        return _keys[db.url]


def _signature(key: str, code: str, issued: int, nonce: str) -> str:
    message = f"join\x00{code}\x00{issued}\x00{nonce}".encode()
    digest = hmac.new(key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def make_token(key: str, code: str, now: float | None = None) -> str:
    """``issued.nonce.signature``: HMAC-SHA256 over the page's code, the issue time and a random nonce."""
    issued = int(time.time() if now is None else now)
    nonce = secrets.token_urlsafe(18)
    return f"{issued}.{nonce}.{_signature(key, code, issued, nonce)}"


def check_token(key: str, code: str, token: str, now: float | None = None) -> tuple[str, str | None]:
    """``("ok", nonce)``, or ``("forged" | "expired", None)``. Checked against real time, not the clock module.
    Whether the nonce was already used is the database's business (cercle_join.sign_up)."""
    parts = (token or "").split(".")
    if len(parts) != 3 or len(token) > 200 or not parts[0].isdigit():
        return "forged", None
    issued, nonce, signature = int(parts[0]), parts[1], parts[2]
    if not 16 <= len(nonce) <= 64 or not hmac.compare_digest(signature, _signature(key, code, issued, nonce)):
        return "forged", None
    moment = time.time() if now is None else now
    if issued > moment + TOKEN_CLOCK_SKEW or moment - issued > TOKEN_LIFETIME:
        return "expired", None
    return "ok", nonce


def client_hash(key: str, client_ip: str, when: float | None = None) -> str:
    """Keyed hash of the client address alone and the hour (for the rate limits): never the IP itself."""
    bucket = int(time.time() if when is None else when) // 3600
    return hmac.new(key.encode(), f"join-client\x00{client_ip}\x00{bucket}".encode("utf-8", "replace"),
                    hashlib.sha256).hexdigest()


# --- the form -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    """What /j/{code} needs to draw itself (cercle_join.resolve_page)."""

    id: str
    enabled: bool
    community: str
    invite_url: str | None
    workspace: str
    is_alcohol: bool
    region: str
    channels: tuple[str, ...]
    interests: tuple[str, ...]
    source: str


@dataclass
class Submission:
    """A form as sent, and what it means once checked. ``errors``: catalog keys of join.error.*."""

    first_name: str = ""
    phone: str = ""
    email: str = ""
    interests: list[str] = field(default_factory=list)
    budget: str = ""
    adult: bool = False
    consents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    phone_e164: str | None = None
    phone_type: str | None = None
    phone_region: str | None = None
    reach: tuple[bool, bool, bool] = (False, False, False)
    budget_min: float | None = None
    budget_max: float | None = None
    budget_label: str | None = None


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def read_submission(form: dict[str, list[str]], page: PageInfo) -> Submission:
    """Checks every field of a posted form against the page; the fields are kept as typed for the form again."""
    sub = Submission(first_name=_one(form, "first_name"), phone=_one(form, "phone"), email=_one(form, "email"),
                     budget=_one(form, "budget"), adult=_one(form, "adult") == "yes")
    raw_interests = form.get("interests") or []
    if (len(sub.first_name) > MAX_FIRST_NAME or len(sub.phone) > MAX_PHONE or len(sub.email) > MAX_EMAIL
            or len(raw_interests) > MAX_INTERESTS or any(len(v) > MAX_FIELD for v in raw_interests)
            or len(sub.budget) > 20):
        sub.errors.append("too_long")
        sub.first_name, sub.phone = sub.first_name[:MAX_FIRST_NAME], sub.phone[:MAX_PHONE]
        sub.email, sub.budget = sub.email[:MAX_EMAIL], sub.budget[:20]
        return sub
    sub.interests = [i for i in page.interests if i in raw_interests]
    sub.consents = [c for c in page.channels if _one(form, f"consent_{c}") == "yes"]
    name = clean_text(sub.first_name, limit=MAX_FIRST_NAME)
    if not name:
        sub.errors.append("first_name")
    from lib.contacts.phones import clean_phone_cell

    if not sub.phone.strip():
        sub.errors.append("phone_missing")
    else:
        cell = clean_phone_cell(sub.phone, page.region or "FR")
        if cell.code != "ok" or cell.primary is None or not cell.primary.valid or cell.others:
            sub.errors.append("phone_invalid")
        elif not (cell.whatsapp or cell.telegram or cell.sms):
            sub.errors.append("phone_not_mobile")
        else:
            sub.phone_e164, sub.phone_type = cell.primary.e164, cell.primary.type
            sub.phone_region = cell.primary.region
            sub.reach = (cell.whatsapp, cell.telegram, cell.sms)
    email = sub.email.strip()
    if email and not _looks_like_email(email):
        sub.errors.append("email_invalid")
    if "email" in sub.consents and not email:
        sub.errors.append("email_for_consent")
    if sub.budget:
        band = next((b for b in BUDGET_BANDS if b[0] == sub.budget), None)
        if band is None:
            sub.errors.append("budget")
        else:
            sub.budget_min, sub.budget_max = band[1], band[2]
            sub.budget_label = t(f"join.budget.{band[0]}", language="fr")
    if page.is_alcohol and not sub.adult:
        sub.errors.append("adult")
    return sub


def _looks_like_email(text: str) -> bool:
    if any(ch.isspace() for ch in text) or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    return bool(local) and "." in domain.strip(".") and not domain.startswith(".") and ".." not in domain


def consent_wording(channel: str, workspace: str, language: str = "fr") -> str:
    """The exact sentence beside a consent box, as shown and stored with the proof."""
    return t(f"join.consent.{channel}", language=language, name=workspace)


def proofs_for(sub: Submission, page: PageInfo, code: str, visitor: str, at: dt.datetime,
               language: str = "fr") -> dict[str, dict]:
    """The proof of each consent ticked (lib.contacts.consent.make_proof: time, method, source, wording), with the
    page's code, the wording's version, the method in words and the keyed visitor hash: never the IP."""
    proofs = {}
    for channel in sub.consents:
        proof = make_proof(granted=True, method="form", source=f"Page d'inscription /j/{code} : {page.source}",
                           wording=consent_wording(channel, page.workspace, language), by=None, at=at)
        proofs[channel] = {**proof, "method_label": METHOD_LABEL, "wording_version": WORDING_VERSION,
                           "page": code, "visitor": visitor}
    return proofs
