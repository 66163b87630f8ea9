"""Per-browser-session context: database, who is working, which workspace, which language.

Nothing here is a global cache of tenant data: the database pool is process-wide (it holds no rows),
everything read for a workspace is read per script run under that user's claims.

Who is working: on a local instance (no Supabase settings) the one local user, without a login screen. On a
shared instance (SUPABASE_URL and the public key set) the user whose access token this browser session holds,
verified locally at each run (lib/auth); their claims are what every unit of work runs under. The supabase
client of the session lives in ``st.session_state`` only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from lib import audit
from lib.auth import AuthConfig, AuthFailure, AuthSession, VerifiedUser
from lib.auth.accounts import ensure_account
from lib.db import LOCAL_USER, Database, DatabaseUnavailable, Principal, get_database
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, get_language, set_language, t
from lib.settings import load_settings
from lib.workspaces import LOCAL_WORKSPACE_SLUG, Workspace, ensure_workspace, list_workspaces

log = logging.getLogger(__name__)

AUTH_SESSION = "auth_session"        # the AuthSession (one supabase client) of this browser session
AUTH_NOTICE = "auth_notice"          # a catalog key to show on the sign-in screen (expired, signed out…)
AUTH_RECOVERY = "auth_recovery"      # signed in by a recovery code: choose a new password before anything else
AUTH_PENDING = "auth_signin_method"  # a sign-in not yet written in the activity log (password, code, link…)
AUTH_ACCOUNT = "auth_account_synced"  # user id whose auth.users row was checked in this session
AUTH_USER = "auth_user_id"           # the user the page states of this browser session belong to

SIGNED_OUT, RECOVERY, ONBOARDING, SIGNED_IN, LOCAL = "signed_out", "recovery", "onboarding", "signed_in", "local"


@dataclass(frozen=True)
class Context:
    db: Database
    principal: Principal
    workspace: Workspace
    workspaces: list[Workspace]


# The workspace and the language this browser session chose live under plain keys that no widget owns.
# The sidebar's pickers have keys of their own and copy their value over when changed: a widget drawn by a page
# (the workspace picker, drawn by context()) gets another element id on every page in Streamlit 1.67 (the page's
# script hash is part of it), so a value held only by that widget was dropped at each page change.
WORKSPACE = "workspace"
LANGUAGE = "language"
WORKSPACE_PICKER = "workspace_picker"
LANGUAGE_PICKER = "language_picker"
# ...and in the address (?ws=<slug>&lang=en), rewritten at each run, so a reload opens the same workspace in the
# same language. Read only when the session holds no choice yet; a workspace the user is not a member of is
# ignored (the default one opens), an unknown language too.
URL_WORKSPACE = "ws"
URL_LANGUAGE = "lang"


def _keep_in_url(param: str, value: str | None) -> None:
    """Puts ``param=value`` in the page's address (or removes it for None), leaving other parameters alone."""
    params = st.query_params
    if value is None:
        if param in params:
            del params[param]
    elif params.get(param) != value:
        params[param] = value


def apply_language() -> str:
    """Sets this run's language from the session (French unless the user chose otherwise); a new session (a
    reload) takes it back from the address."""
    language = st.session_state.get(LANGUAGE)
    if language not in LANGUAGES:
        asked = st.query_params.get(URL_LANGUAGE)
        language = asked if asked in LANGUAGES else DEFAULT_LANGUAGE
        st.session_state[LANGUAGE] = language
    set_language(language)
    _keep_in_url(URL_LANGUAGE, None if language == DEFAULT_LANGUAGE else language)
    return get_language()


def _language_picked() -> None:
    st.session_state[LANGUAGE] = st.session_state[LANGUAGE_PICKER]


def language_switch() -> None:
    labels = {"fr": "Français", "en": "English"}
    st.session_state[LANGUAGE_PICKER] = st.session_state.get(LANGUAGE, DEFAULT_LANGUAGE)
    st.sidebar.selectbox(t("ui.language"), LANGUAGES, format_func=labels.get, key=LANGUAGE_PICKER,
                         on_change=_language_picked)


def database_or_stop() -> Database:
    """The database, or a French explanation in the page (and the log) and nothing else."""
    try:
        return get_database()
    except DatabaseUnavailable as exc:
        log.error("database unavailable: %s", exc)
        st.error(exc.message, icon=":material/database:")
        st.caption(t("ui.db_help"))
        st.stop()
        raise  # st.stop() raises; this line only satisfies type checkers


# -- sign-in ------------------------------------------------------------------------------------------------------

def auth_config() -> AuthConfig | None:
    """Supabase Auth settings, or None on a local instance."""
    return AuthConfig.from_settings(load_settings())


def auth_session(config: AuthConfig) -> AuthSession:
    """This browser session's own AuthSession (created on first use, never shared with another session)."""
    current = st.session_state.get(AUTH_SESSION)
    if not isinstance(current, AuthSession) or current.config != config:
        current = AuthSession(config)
        st.session_state[AUTH_SESSION] = current
    return current


def signed_in(user: VerifiedUser, method: str, *, recovery: bool = False) -> None:
    """After a successful exchange: remembers to log the sign-in, and whether a new password is due first."""
    st.session_state[AUTH_PENDING] = method
    st.session_state.pop(AUTH_NOTICE, None)
    if recovery:
        st.session_state[AUTH_RECOVERY] = True
    log.info("signed in (%s)", method)


def _arrived_by_link(session: AuthSession) -> None:
    """An emailed link (…/?token_hash=…&type=…) signs the session in; the parameters are removed at once."""
    params = st.query_params
    token_hash, kind = params.get("token_hash"), params.get("type")
    if not token_hash:
        return
    for key in ("token_hash", "type", "next"):
        params.pop(key, None)
    try:
        user = session.verify_link(token_hash, kind or "email")
    except AuthFailure as failure:
        st.session_state[AUTH_NOTICE] = f"auth.error.{failure.code}"
        return
    signed_in(user, "link", recovery=kind == "recovery")


def _forget_page_states() -> None:
    """Drops every page's state (searches, chosen workspace, previews, prepared exports, issued invitations...):
    only the sign-in machinery (``auth_*`` keys) and the language stay."""
    for key in list(st.session_state.keys()):
        if key != LANGUAGE and not str(key).startswith("auth_"):
            del st.session_state[key]


def _follow_identity(user: VerifiedUser | None) -> VerifiedUser | None:
    """When the session's user changes — their session expired or was refused, or an emailed link signed someone
    else in — what the previous user's pages held is forgotten before anything is drawn for the next one."""
    previous = st.session_state.get(AUTH_USER)
    now = user.user_id if user is not None else None
    if previous is not None and previous != now:
        log.info("the signed-in user changed: page states forgotten")
        _forget_page_states()
    st.session_state[AUTH_USER] = now
    return user


def current_user() -> VerifiedUser | None:
    """The verified user of this browser session on a shared instance (None: nobody signed in)."""
    config = auth_config()
    if config is None:
        return None
    try:
        session = auth_session(config)
        _arrived_by_link(session)
        return _follow_identity(session.current())
    except AuthFailure as failure:
        st.session_state[AUTH_NOTICE] = f"auth.error.{failure.code}"
        st.session_state.pop(AUTH_RECOVERY, None)
        return _follow_identity(None)


def current_principal() -> Principal | None:
    """Who this run works for: the local user, the verified signed-in user, or None (sign-in needed)."""
    if auth_config() is None:
        return LOCAL_USER
    user = current_user()
    return user.principal if user else None


def _sync_account(db: Database, user: VerifiedUser) -> None:
    if st.session_state.get(AUTH_ACCOUNT) != (user.user_id, user.email):
        ensure_account(db, user)
        st.session_state[AUTH_ACCOUNT] = (user.user_id, user.email)


def _record_sign_in(db: Database, principal: Principal, workspaces: list[Workspace]) -> None:
    """Writes the pending sign-in in the activity log of each of the user's workspaces (no address in it)."""
    method = st.session_state.get(AUTH_PENDING)
    if not method or not workspaces:
        return
    try:
        with db.tenant(principal) as conn:
            for workspace in workspaces:
                audit.record(conn, workspace.id, "sign_in", method=method)
    except Exception:  # the log must never lock someone out; the failure is in the server log
        log.exception("could not record a sign-in")
    st.session_state.pop(AUTH_PENDING, None)


def access() -> str:
    """Where this browser session stands: local, signed_out, recovery, onboarding or signed_in."""
    if auth_config() is None:
        return LOCAL
    user = current_user()
    if user is None:
        return SIGNED_OUT
    if st.session_state.get(AUTH_RECOVERY):
        return RECOVERY
    db = database_or_stop()
    _sync_account(db, user)
    workspaces = list_workspaces(db, user.principal)
    if not workspaces:
        return ONBOARDING
    _record_sign_in(db, user.principal, workspaces)
    return SIGNED_IN


def sign_out() -> None:
    """Logs the sign-out, revokes the session at the Auth server, and forgets everything this session held."""
    config = auth_config()
    session = st.session_state.get(AUTH_SESSION)
    if config is not None and isinstance(session, AuthSession):
        try:
            user = session.current()
        except AuthFailure:
            user = None
        if user is not None:
            try:
                db = get_database()
                workspaces = list_workspaces(db, user.principal)
                with db.tenant(user.principal) as conn:
                    for workspace in workspaces:
                        audit.record(conn, workspace.id, "sign_out")
            except Exception:  # never keep someone signed in because the log could not be written
                log.exception("could not record a sign-out")
        session.sign_out()
    language = st.session_state.get(LANGUAGE)
    # Every key goes: page states may hold what the signed-out user was looking at; the address forgets the
    # workspace too (the language stays).
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    _keep_in_url(URL_WORKSPACE, None)
    if language:
        st.session_state[LANGUAGE] = language
    st.session_state[AUTH_NOTICE] = "auth.signed_out"


def account_sidebar() -> None:
    """On a shared instance: who is signed in, and the sign-out button, in the sidebar (nothing locally)."""
    from lib.ui.text import plain

    if auth_config() is None:
        return
    user = current_user()
    if user is None:
        return
    if user.email:
        st.sidebar.caption(plain(t("auth.signed_in_as", email=user.email)))
    st.sidebar.button(t("auth.sign_out"), key="auth_sign_out", icon=":material/logout:", on_click=sign_out)


def gate_pages(app_paths: list[str]) -> list[st.Page] | None:
    """The page to show while the app's pages are not open to this session, or None when they are.

    Signed out (or after a recovery code): the sign-in screen. Signed in without any workspace: "Créer mon
    espace". The other pages are then not part of the navigation at all, so none of them runs. The same screen
    also answers at each of the app's own addresses (``app_paths``, hidden): a link to one of them — a team
    invitation to /equipe?invitation=… — opens the sign-in there instead of Streamlit's English « Page not found »,
    keeps its parameters, and once signed in the same address is the app's page (a page's identity is its path).
    """
    state = access()
    if state in (LOCAL, SIGNED_IN):
        return None
    if state in (ONBOARDING, RECOVERY):
        account_sidebar()  # signed in: the way out stays at hand
    if state == ONBOARDING:
        script, title, icon, path = ("pages/onboarding.py", t("auth.nav.onboarding"), ":material/domain_add:",
                                     "bienvenue")
    else:
        script, title, icon, path = "pages/signin.py", t("auth.nav.signin"), ":material/login:", "connexion"
    gate = st.Page(script, title=title, icon=icon, url_path=path, default=True)
    return [gate, *(st.Page(script, title=title, icon=icon, url_path=other) for other in app_paths if other != path)]


# -- the page context ---------------------------------------------------------------------------------------------

def context() -> Context:
    """Everything a page needs to read or write the current workspace, in the session's language.

    The language is applied here too, not only by app.py: a page can be run without app.py's main() around it
    (AppTest's switch_page does), and must still speak the session's language."""
    apply_language()
    db = database_or_stop()
    principal = current_principal()
    if principal is None:
        # A page reached without a verified sign-in (the navigation would not offer it): show nothing of it.
        st.warning(t("auth.required"), icon=":material/lock:")
        st.stop()
    workspaces = list_workspaces(db, principal)
    if not workspaces:
        if principal != LOCAL_USER:
            st.info(t("auth.onboarding.intro"), icon=":material/domain_add:")
            st.stop()
        workspaces = [ensure_workspace(db, principal, LOCAL_WORKSPACE_SLUG, t("ui.default_workspace_name"))]
    slugs = [w.slug for w in workspaces]
    chosen = st.session_state.get(WORKSPACE)
    if chosen not in slugs:
        asked = st.query_params.get(URL_WORKSPACE)
        chosen = asked if asked in slugs else slugs[0]
        st.session_state[WORKSPACE] = chosen
    if len(workspaces) > 1:
        names = {w.slug: w.name for w in workspaces}
        st.session_state[WORKSPACE_PICKER] = chosen
        st.sidebar.selectbox(t("ui.workspace"), slugs, format_func=names.get, key=WORKSPACE_PICKER,
                             on_change=_workspace_picked)
    _keep_in_url(URL_WORKSPACE, chosen)
    current = next(w for w in workspaces if w.slug == chosen)
    _drop_prepared_of_other_workspaces(current.id)
    return Context(db, principal, current, workspaces)


# What a page prepared from one workspace's data and keeps for the next runs: exports ready to download, an
# import's report with its rows, a read file and its parsed orders, a purge preview, an issued invitation, a
# chosen person. None of it may be offered under another workspace (docs/promises.md 29): all of it is dropped as
# soon as the session's workspace changes, and the downloads are kept with their workspace's id (``keep_prepared``).
PREPARED_KEYS = ("contacts_export", "contacts_report", "contacts_read", "segment_export", "rights_export",
                 "rights_purge_preview", "orders_read", "orders_parsed", "team_issued")
PREPARED_FOR = "prepared_for_workspace"  # the workspace id the kept states above belong to


def _drop_prepared_of_other_workspaces(workspace_id: str) -> None:
    if st.session_state.get(PREPARED_FOR) not in (None, workspace_id):
        for key in PREPARED_KEYS:
            st.session_state.pop(key, None)
        log.info("workspace changed: prepared exports and previews dropped")
    st.session_state[PREPARED_FOR] = workspace_id


def keep_prepared(key: str, workspace_id: str, value: object) -> None:
    """Keeps ``value`` (an export's rows...) for the next runs, for workspace ``workspace_id`` only."""
    st.session_state[key] = (workspace_id, value)


def prepared(key: str, workspace_id: str):
    """What ``keep_prepared`` kept under ``key`` for this workspace, or None (nothing, or another workspace's)."""
    kept = st.session_state.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == workspace_id:
        return kept[1]
    return None


def _workspace_picked() -> None:
    switch_workspace(st.session_state[WORKSPACE_PICKER])


def switch_workspace(slug: str) -> None:
    st.session_state[WORKSPACE] = slug
