"""A workspace's team: invitations by email, roles, leaving, handing ownership over.

Roles: ``owner`` (everything: settings, members, secrets), ``editor`` (the data, not the settings nor the
members), ``viewer`` (reads only). The database enforces them (row level security and the security-definer
functions of supabase/migrations/20261130100500_team.sql); these functions call those, translate refusals
into French sentences (WorkspaceError, ``team.error.<code>``) and write the audit log in the same transaction.

An invitation is a random token given to the inviter once, as a link ``{base}/equipe?invitation=<token>``;
the database keeps only its SHA-256. It expires (seven days by default), is used once, can be revoked, and is
accepted only by a signed-in user whose email is the invited one (case does not matter). Cercle sends no
email: the inviter copies the link or opens a prepared message (``mailto:``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

import psycopg

from lib import audit
from lib.db import LOCAL_USER_ID, Database, Principal
from lib.i18n import t
from lib.workspaces import WorkspaceError

ROLES = ("owner", "editor", "viewer")
INVITABLE_ROLES = ("editor", "viewer")
DEFAULT_VALIDITY = dt.timedelta(days=7)
INVITATION_PARAM = "invitation"
TEAM_PATH = "equipe"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


@dataclass(frozen=True)
class Member:
    user_id: str
    email: str | None
    role: str
    joined_at: dt.datetime


@dataclass(frozen=True)
class Invitation:
    id: str
    email: str
    role: str
    created_at: dt.datetime
    expires_at: dt.datetime
    status: str  # pending, used, revoked, expired


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation with its token: shown once to the inviter, never stored."""

    id: str
    email: str
    role: str
    expires_at: dt.datetime
    token: str
    workspace_id: str = ""  # the workspace it opens: a page shows the link only while that workspace is open


@dataclass(frozen=True)
class InvitationPreview:
    workspace_name: str
    role: str
    status: str
    expires_at: dt.datetime


def signed_in(principal: Principal) -> bool:
    """Whether ``principal`` is a signed-in account (Supabase Auth), not the local single user."""
    return principal.user_id != LOCAL_USER_ID


def token_hash(token: str) -> str:
    """What the database keeps of a token (the same SHA-256 the database computes when one is accepted)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/{TEAM_PATH}?{INVITATION_PARAM}={token}"


def mailto_link(email: str, link: str, workspace_name: str, role: str) -> str:
    """A prepared message in the inviter's own mail program (Cercle sends nothing)."""
    subject = t("team.mail_subject", workspace=workspace_name)
    body = t("team.mail_body", workspace=workspace_name, role=role_label(role), link=link)
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def role_label(role: str) -> str:
    return t(f"team.role.{role}")


@contextmanager
def _refusals() -> Iterator[None]:
    """Turns the database's refusals into WorkspaceError."""
    try:
        yield
    except psycopg.errors.RaiseException as exc:
        if exc.diag.message_hint == "cercle" and exc.diag.message_primary:
            raise WorkspaceError(exc.diag.message_primary) from exc
        raise
    except psycopg.errors.InsufficientPrivilege as exc:
        raise WorkspaceError("owner_only") from exc


def members(db: Database, principal: Principal, workspace_id: str) -> list[Member]:
    """The workspace's members with their addresses (for its members only), owners first."""
    with db.tenant(principal) as conn:
        rows = conn.execute("select user_id::text, email, role, joined_at from cercle.workspace_team(%s)",
                            (workspace_id,)).fetchall()
    return [Member(*row) for row in rows]


def invite(db: Database, principal: Principal, workspace_id: str, email: str, role: str, *,
           valid_for: dt.timedelta = DEFAULT_VALIDITY) -> IssuedInvitation:
    """Invites ``email`` with ``role`` (owners only). Raises WorkspaceError."""
    address = (email or "").strip().lower()
    if not _EMAIL.match(address) or len(address) > 320:
        raise WorkspaceError("bad_email")
    if role not in INVITABLE_ROLES:
        raise WorkspaceError("bad_role")
    token = secrets.token_urlsafe(32)
    with _refusals(), db.tenant(principal) as conn:
        invitation_id = conn.execute("select cercle.invite_member(%s, %s, %s, %s, %s)::text",
                                     (workspace_id, address, role, token_hash(token), valid_for)).fetchone()[0]
        expires_at = conn.execute("select expires_at from public.workspace_invitations where id = %s",
                                  (invitation_id,)).fetchone()[0]
        audit.record(conn, workspace_id, "member_invited", role=role, invitation=invitation_id,
                     valid_days=round(valid_for.total_seconds() / 86400, 2))
    return IssuedInvitation(invitation_id, address, role, expires_at, token, workspace_id)


def invitations(db: Database, principal: Principal, workspace_id: str) -> list[Invitation]:
    """The workspace's invitations, newest first (owners see them; anyone else gets an empty list)."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select id::text, email, role, created_at, expires_at,"
            " case when revoked_at is not null then 'revoked' when accepted_at is not null then 'used'"
            " when expires_at <= now() then 'expired' else 'pending' end"
            " from public.workspace_invitations where workspace_id = %s order by created_at desc limit 200",
            (workspace_id,)).fetchall()
    return [Invitation(*row) for row in rows]


def revoke(db: Database, principal: Principal, invitation_id: str) -> None:
    """Cancels an invitation that was not used yet (owners only). Raises WorkspaceError."""
    with _refusals(), db.tenant(principal) as conn:
        workspace_id = conn.execute("select cercle.revoke_invitation(%s)::text", (invitation_id,)).fetchone()[0]
        audit.record(conn, workspace_id, "invitation_revoked", invitation=invitation_id)


def _checked_token(token: str | None) -> str:
    token = (token or "").strip()
    if not _TOKEN.match(token):
        raise WorkspaceError("unknown_invitation")
    return token


def preview(db: Database, principal: Principal, token: str | None) -> InvitationPreview:
    """What an invitation is for, before accepting it. Raises WorkspaceError("unknown_invitation")."""
    token = _checked_token(token)
    with db.tenant(principal) as conn:
        row = conn.execute("select workspace_name, role, status, expires_at from cercle.invitation_preview(%s)",
                           (token,)).fetchone()
    if row is None:
        raise WorkspaceError("unknown_invitation")
    return InvitationPreview(*row)


def accept(db: Database, principal: Principal, token: str | None) -> str:
    """Joins the invitation's workspace with its role; returns the workspace's id. Raises WorkspaceError."""
    token = _checked_token(token)
    if not signed_in(principal):
        raise WorkspaceError("sign_in_required")
    with _refusals(), db.tenant(principal) as conn:
        workspace_id = conn.execute("select cercle.accept_invitation(%s)::text", (token,)).fetchone()[0]
        role = conn.execute("select cercle.member_role(%s)", (workspace_id,)).fetchone()[0]
        audit.record(conn, workspace_id, "invitation_accepted", role=role)
    return workspace_id


def change_role(db: Database, principal: Principal, workspace_id: str, user_id: str, role: str) -> None:
    """Makes a member editor or viewer (owners only; owner is given by transfer). Raises WorkspaceError."""
    if role not in INVITABLE_ROLES:
        raise WorkspaceError("bad_role")
    with _refusals(), db.tenant(principal) as conn:
        previous = conn.execute("select cercle.set_member_role(%s, %s, %s)",
                                (workspace_id, user_id, role)).fetchone()[0]
        if previous != role:
            audit.record(conn, workspace_id, "role_changed", role=role, previous_role=previous)


def remove_member(db: Database, principal: Principal, workspace_id: str, user_id: str) -> None:
    """Takes someone out of the workspace (owners only). Raises WorkspaceError."""
    with _refusals(), db.tenant(principal) as conn:
        previous = conn.execute("select cercle.remove_member(%s, %s)", (workspace_id, user_id)).fetchone()[0]
        audit.record(conn, workspace_id, "member_removed", role=previous)


def leave(db: Database, principal: Principal, workspace_id: str) -> None:
    """Leaves the workspace; its last owner must transfer it first. Raises WorkspaceError."""
    with _refusals(), db.tenant(principal) as conn:
        role = conn.execute("select cercle.member_role(%s)", (workspace_id,)).fetchone()[0]
        if role is None:
            raise WorkspaceError("unknown_member")
        # written while still a member; kept only if leaving succeeds (same transaction)
        audit.record(conn, workspace_id, "member_left", role=role)
        conn.execute("select cercle.leave_workspace(%s)", (workspace_id,))


def transfer_ownership(db: Database, principal: Principal, workspace_id: str, user_id: str) -> None:
    """Makes another member the owner; the current owner becomes an editor. Raises WorkspaceError."""
    with _refusals(), db.tenant(principal) as conn:
        conn.execute("select cercle.transfer_ownership(%s, %s)", (workspace_id, user_id))
        audit.record(conn, workspace_id, "ownership_transferred")
