"""The interests vocabulary section: counts as a table and a chart, and the forms that rename, merge and add
or remove synonyms. The segments page shows it in a tab; every decision is a call into lib.segments.interests.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.charts import horizontal_bars
from lib.i18n import t
from lib.segments.interests import (
    InterestCount,
    InterestError,
    add_synonym,
    ensure_vocabulary,
    interest_counts,
    labels_of,
    merge_interests,
    remap_existing_contacts,
    remove_synonym,
    rename_interest,
    stray_interests,
    tidy_label,
)
from lib.ui.session import Context
from lib.ui.tables import show_table
from lib.ui.text import plain

_FLASH = "interests_flash"
_CHART_LIMIT = 25
_SHOW = {"success": st.success, "warning": st.warning, "error": st.error}


def _say(kind: str, message: str) -> None:
    """Keeps a message for the next run, which draws the updated vocabulary above it."""
    st.session_state[_FLASH] = (kind, message)


def _show_flash() -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        kind, message = flash
        _SHOW[kind](plain(message))


def _keep_valid(key: str, options: list) -> None:
    """Forgets a chooser's value that is no longer offered (renamed, merged away, changed elsewhere)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _rename(ctx: Context) -> None:
    label = st.session_state.get("interests_rename_source")
    new_label = st.session_state.get("interests_rename_label", "")
    try:
        count = rename_interest(ctx.db, ctx.principal, ctx.workspace.id, label, new_label)
    except InterestError as exc:
        _say("error", exc.message)
        return
    st.session_state["interests_rename_source"] = tidy_label(new_label)
    st.session_state["interests_rename_label"] = ""
    _say("success", t("interests.renamed", old=label, new=tidy_label(new_label), count=count))


def _merge(ctx: Context, cited: dict[str, int]) -> None:
    source = st.session_state.get("interests_merge_source")
    target = st.session_state.get("interests_merge_target")
    if source == target:
        _say("error", InterestError("merge_same").message)
        return
    # a merge rewrites contacts: nothing happens until the person ticked the confirmation
    if not st.session_state.get("interests_merge_confirm"):
        _say("warning", t("interests.merge_unconfirmed", source=source, target=target, count=cited.get(source, 0)))
        return
    try:
        count = merge_interests(ctx.db, ctx.principal, ctx.workspace.id, source, target)
    except InterestError as exc:
        _say("error", exc.message)
        return
    st.session_state.pop("interests_merge_source", None)
    st.session_state["interests_merge_confirm"] = False
    _say("success", t("interests.merged", source=source, target=target, count=count))


def _add_synonym(ctx: Context) -> None:
    label = st.session_state.get("interests_synonym_interest")
    spelling = st.session_state.get("interests_synonym_new", "")
    try:
        add_synonym(ctx.db, ctx.principal, ctx.workspace.id, label, spelling)
    except InterestError as exc:
        _say("error", exc.message)
        return
    st.session_state["interests_synonym_new"] = ""
    _say("success", t("interests.synonym_added", name=" ".join(spelling.split()), label=label))


def _remove_synonym(ctx: Context, pairs: dict[str, tuple[str, str]]) -> None:
    chosen = pairs.get(st.session_state.get("interests_synonym_remove_which"))
    if chosen is None:
        return
    label, spelling = chosen
    try:
        remove_synonym(ctx.db, ctx.principal, ctx.workspace.id, label, spelling)
    except InterestError as exc:
        _say("error", exc.message)
        return
    _say("success", t("interests.synonym_removed", name=spelling, label=label))


def _remap(ctx: Context) -> None:
    try:
        count = remap_existing_contacts(ctx.db, ctx.principal, ctx.workspace.id)
    except InterestError as exc:
        _say("error", exc.message)
        return
    _say("success", t("interests.remapped", count=count))


def _table(counts: list[InterestCount]) -> pd.DataFrame:
    return pd.DataFrame({
        t("interests.col_label"): [c.label for c in counts],
        t("interests.col_contacts"): [c.contacts for c in counts],
        t("interests.col_synonyms"): [", ".join(c.synonyms) for c in counts],
        t("interests.col_origin"): [t(f"interests.origin.{c.origin}") for c in counts],
    })


def _render_counts(counts: list[InterestCount]) -> None:
    cited = [c for c in counts if c.contacts]
    if not cited:
        st.info(t("interests.no_contacts"), icon=":material/upload_file:")
        show_table(_table(counts), hide_index=True, key="interests_table")
        return
    left, right = st.columns([3, 2])
    with left:
        show_table(_table(counts), hide_index=True, key="interests_table")
    with right:
        st.markdown("**" + t("interests.chart_title") + "**")
        chart = pd.DataFrame({"interest": [c.label for c in cited[:_CHART_LIMIT]],
                              "contacts": [c.contacts for c in cited[:_CHART_LIMIT]]})
        st.altair_chart(horizontal_bars(chart, "interest", "contacts", t("interests.col_label"),
                                        t("interests.col_contacts")), width="stretch", key="interests_chart")


def _render_strays(ctx: Context, writer: bool) -> None:
    strays = stray_interests(ctx.db, ctx.principal, ctx.workspace.id)
    if not strays:
        return
    st.warning(t("interests.stray", count=len(strays)), icon=":material/rule:")
    show_table(pd.DataFrame(strays, columns=[t("interests.stray_label"), t("interests.col_contacts")]),
                 hide_index=True, key="interests_strays")
    if writer:
        st.button(t("interests.remap"), key="interests_remap", on_click=_remap, args=(ctx,), type="primary",
                  icon=":material/auto_fix_high:")


def _render_forms(ctx: Context, counts: list[InterestCount]) -> None:
    labels = labels_of(counts)
    cited = {c.label: c.contacts for c in counts}
    pairs = {f"{spelling} → {c.label}": (c.label, spelling)
             for c in sorted(counts, key=lambda c: c.label.casefold()) for spelling in c.synonyms}
    for key, options in (("interests_rename_source", labels), ("interests_merge_source", labels),
                         ("interests_merge_target", labels), ("interests_synonym_interest", labels),
                         ("interests_synonym_remove_which", list(pairs))):
        _keep_valid(key, options)

    st.subheader(t("interests.edit"))
    rename_tab, merge_tab, synonyms_tab = st.tabs(
        [t("interests.tab_rename"), t("interests.tab_merge"), t("interests.tab_synonyms")])
    with rename_tab, st.form("interests_rename_form"):
        st.selectbox(t("interests.rename_which"), labels, key="interests_rename_source")
        st.text_input(t("interests.rename_to"), max_chars=80, help=t("interests.rename_help"),
                      key="interests_rename_label")
        st.form_submit_button(t("interests.rename_submit"), on_click=_rename, args=(ctx,), type="primary",
                              key="interests_rename_submit")
    with merge_tab, st.form("interests_merge_form"):
        st.caption(t("interests.merge_help"))
        st.selectbox(t("interests.merge_source"), labels, format_func=lambda x: f"{x} ({cited.get(x, 0)})",
                     key="interests_merge_source")
        st.selectbox(t("interests.merge_target"), labels, index=min(1, len(labels) - 1),
                     format_func=lambda x: f"{x} ({cited.get(x, 0)})", key="interests_merge_target")
        st.checkbox(t("interests.merge_confirm"), key="interests_merge_confirm")
        st.form_submit_button(t("interests.merge_submit"), on_click=_merge, args=(ctx, cited),
                              key="interests_merge_submit")
    with synonyms_tab:
        with st.form("interests_synonym_add_form"):
            st.selectbox(t("interests.synonym_interest"), labels, key="interests_synonym_interest")
            st.text_input(t("interests.synonym_new"), max_chars=80, help=t("interests.synonym_new_help"),
                          key="interests_synonym_new")
            st.form_submit_button(t("interests.synonym_add"), on_click=_add_synonym, args=(ctx,),
                                  key="interests_synonym_add")
        if not pairs:
            st.caption(t("interests.no_synonyms"))
            return
        with st.form("interests_synonym_remove_form"):
            st.selectbox(t("interests.synonym_remove_which"), list(pairs), key="interests_synonym_remove_which")
            st.form_submit_button(t("interests.synonym_remove"), on_click=_remove_synonym, args=(ctx, pairs),
                                  key="interests_synonym_remove")


def render_vocabulary(ctx: Context) -> None:
    """The workspace's interests with their counts, and (for owners and editors) the forms that change them."""
    writer = ctx.workspace.role in ("owner", "editor")
    if writer:
        ensure_vocabulary(ctx.db, ctx.principal, ctx.workspace.id)
    st.subheader(t("interests.title"))
    st.caption(t("interests.intro"))
    _show_flash()
    counts = interest_counts(ctx.db, ctx.principal, ctx.workspace.id)
    if not counts:
        st.info(t("interests.empty"), icon=":material/info:")
        return
    if not writer:
        st.info(t("interests.viewer"), icon=":material/visibility:")
    _render_counts(counts)
    _render_strays(ctx, writer)
    if writer:
        _render_forms(ctx, counts)
