"""The sign-in screen of a shared instance: password, code by email, forgotten password, account creation.

Each form calls one exchange of lib/auth; a failure shows its catalog sentence, never the server's text. The
screen is the only page the navigation offers until the session holds a verified user.
"""

from __future__ import annotations

import streamlit as st

from lib.auth import AuthFailure, AuthSession, signup_allowed
from lib.i18n import t
from lib.ui import session as ui_session

CODE_EMAIL = "auth_code_sent_to"      # address a sign-in code was sent to
RESET_EMAIL = "auth_reset_sent_to"    # address a recovery code was sent to
SIGNUP_EMAIL = "auth_signup_sent_to"  # address a sign-up confirmation code was sent to


def _error(failure: AuthFailure) -> None:
    st.error(failure.message, icon=":material/error:")


def _password_tab(session: AuthSession) -> None:
    with st.form("auth_password_form", border=False):
        email = st.text_input(t("auth.email"), key="auth_email", autocomplete="email")
        password = st.text_input(t("auth.password"), type="password", key="auth_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary", key="auth_sign_in")
    if submitted:
        try:
            user = session.sign_in_with_password(email, password)
        except AuthFailure as failure:
            _error(failure)
            return
        ui_session.signed_in(user, "password")
        st.rerun()


def _code_tab(session: AuthSession, *, create_user: bool) -> None:
    sent_to = st.session_state.get(CODE_EMAIL)
    if not sent_to:
        st.caption(t("auth.code_help"))
        with st.form("auth_code_request_form", border=False):
            email = st.text_input(t("auth.email"), key="auth_code_email", autocomplete="email")
            submitted = st.form_submit_button(t("auth.send_code"), key="auth_send_code")
        if submitted:
            try:
                session.send_code(email, create_user=create_user)
            except AuthFailure as failure:
                _error(failure)
                return
            st.session_state[CODE_EMAIL] = email.strip()
            st.rerun()
        return
    st.info(t("auth.code_sent"), icon=":material/mail:")
    with st.form("auth_code_verify_form", border=False):
        code = st.text_input(t("auth.code"), key="auth_code", max_chars=10, autocomplete="one-time-code")
        submitted = st.form_submit_button(t("auth.verify_code"), type="primary", key="auth_verify_code")
    if submitted:
        try:
            user = session.verify_code(sent_to, code, "email")
        except AuthFailure as failure:
            _error(failure)
            return
        st.session_state.pop(CODE_EMAIL, None)
        ui_session.signed_in(user, "code")
        st.rerun()
    if st.button(t("auth.other_address"), key="auth_code_restart"):
        st.session_state.pop(CODE_EMAIL, None)
        st.rerun()


def _reset_tab(session: AuthSession) -> None:
    sent_to = st.session_state.get(RESET_EMAIL)
    if not sent_to:
        st.caption(t("auth.reset_help"))
        with st.form("auth_reset_request_form", border=False):
            email = st.text_input(t("auth.email"), key="auth_reset_email", autocomplete="email")
            submitted = st.form_submit_button(t("auth.send_reset"), key="auth_send_reset")
        if submitted:
            try:
                session.send_password_reset(email)
            except AuthFailure as failure:
                _error(failure)
                return
            st.session_state[RESET_EMAIL] = email.strip()
            st.rerun()
        return
    st.info(t("auth.reset_sent"), icon=":material/mail:")
    with st.form("auth_reset_verify_form", border=False):
        code = st.text_input(t("auth.code"), key="auth_reset_code", max_chars=10, autocomplete="one-time-code")
        submitted = st.form_submit_button(t("auth.verify_code"), type="primary", key="auth_verify_reset")
    if submitted:
        try:
            user = session.verify_code(sent_to, code, "recovery")
        except AuthFailure as failure:
            _error(failure)
            return
        st.session_state.pop(RESET_EMAIL, None)
        ui_session.signed_in(user, "recovery", recovery=True)
        st.rerun()
    if st.button(t("auth.other_address"), key="auth_reset_restart"):
        st.session_state.pop(RESET_EMAIL, None)
        st.rerun()


def _signup_tab(session: AuthSession) -> None:
    sent_to = st.session_state.get(SIGNUP_EMAIL)
    if not sent_to:
        with st.form("auth_signup_form", border=False):
            email = st.text_input(t("auth.email"), key="auth_signup_email", autocomplete="email")
            password = st.text_input(t("auth.password"), type="password", key="auth_signup_password",
                                     autocomplete="new-password")
            confirmation = st.text_input(t("auth.password_confirm"), type="password", key="auth_signup_confirm",
                                         autocomplete="new-password")
            submitted = st.form_submit_button(t("auth.sign_up"), key="auth_sign_up")
        if submitted:
            if password != confirmation:
                _error(AuthFailure("password_mismatch"))
                return
            try:
                user = session.sign_up(email, password)
            except AuthFailure as failure:
                _error(failure)
                return
            if user is not None:
                ui_session.signed_in(user, "signup")
            else:
                st.session_state[SIGNUP_EMAIL] = email.strip()
            st.rerun()
        return
    st.info(t("auth.sign_up_sent"), icon=":material/mail:")
    with st.form("auth_signup_verify_form", border=False):
        code = st.text_input(t("auth.code"), key="auth_signup_code", max_chars=10, autocomplete="one-time-code")
        submitted = st.form_submit_button(t("auth.verify_code"), type="primary", key="auth_verify_signup")
    if submitted:
        try:
            user = session.verify_code(sent_to, code, "signup")
        except AuthFailure as failure:
            _error(failure)
            return
        st.session_state.pop(SIGNUP_EMAIL, None)
        ui_session.signed_in(user, "signup")
        st.rerun()


def new_password_form(session: AuthSession) -> None:
    """After a recovery code: the new password, before any page."""
    st.title(t("auth.new_password_title"))
    with st.form("auth_new_password_form", border=False):
        password = st.text_input(t("auth.new_password"), type="password", key="auth_new_password",
                                 autocomplete="new-password")
        confirmation = st.text_input(t("auth.password_confirm"), type="password", key="auth_new_password_confirm",
                                     autocomplete="new-password")
        submitted = st.form_submit_button(t("auth.save_password"), type="primary", key="auth_save_password")
    if submitted:
        try:
            session.set_password(password, confirmation)
        except AuthFailure as failure:
            _error(failure)
            return
        st.session_state.pop(ui_session.AUTH_RECOVERY, None)
        st.toast(t("auth.password_saved"), icon=":material/check:")
        st.rerun()


def render() -> None:
    """The whole sign-in screen (or the new-password form after a recovery code)."""
    config = ui_session.auth_config()
    if config is None:  # a local instance has no sign-in: nothing to show here
        st.stop()
    try:
        config.refuse_secret_key()
        session = ui_session.auth_session(config)
    except AuthFailure as failure:
        _error(failure)
        st.stop()
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        if st.session_state.get(ui_session.AUTH_RECOVERY):
            new_password_form(session)
        else:
            _screen(config, session)


def _screen(config, session: AuthSession) -> None:
    st.title(t("auth.title"))
    st.caption(t("auth.intro"))
    notice = st.session_state.get(ui_session.AUTH_NOTICE)
    if notice == "auth.signed_out":
        st.info(t(notice), icon=":material/logout:")
    elif notice:
        st.warning(t(notice), icon=":material/warning:")
    open_signup = signup_allowed(config)
    labels = [t("auth.tab.password"), t("auth.tab.code"), t("auth.tab.reset")]
    if open_signup:
        labels.append(t("auth.tab.signup"))
    tabs = st.tabs(labels)
    with tabs[0]:
        _password_tab(session)
    with tabs[1]:
        _code_tab(session, create_user=open_signup)
    with tabs[2]:
        _reset_tab(session)
    if open_signup:
        with tabs[3]:
            _signup_tab(session)
