"""Segments: build an audience without code, save it, see who is in it and how segments overlap."""

import json

import pandas as pd
import streamlit as st

from lib import clock
from lib.audit import local_time, record_export
from lib.charts import heatmap, horizontal_bars
from lib.contacts.export import EXPORT_COLUMNS, people_header, people_rows, to_csv, to_xlsx
from lib.contacts.importer import import_history
from lib.contacts.queries import overview
from lib.i18n import t
from lib.links.communities import list_communities
from lib.segments import composition
from lib.segments.builder import CHANNELS, BuilderForm, from_document, to_document
from lib.segments.interests import interest_counts
from lib.segments.rfm import (
    ASLEEP_AFTER_DAYS,
    BIG_SPENDER_CENTS,
    LOYAL_SALES,
    NEW_WITHIN_DAYS,
    QUINTILE_MIN_BUYERS,
    RFM_TIER_NAMES,
    rfm_summary,
)
from lib.segments.rules import (
    FRENCH_DEPARTMENTS,
    MAX_DAYS,
    MAX_ORDERS,
    MAX_SPENT_EUR,
    TIER_NAMES,
    RuleError,
    count_members,
    describe,
    member_rows,
    overlap_counts,
    rfm_tier_label,
    sample_members,
    tier_label,
    validate_rules,
)
from lib.segments.store import (
    SegmentError,
    delete_segment,
    duplicate_segment,
    freeze_segment,
    list_segments,
    list_snapshots,
    rename_segment,
    save_segment,
)
from lib.ui.interests import render_vocabulary
from lib.ui.session import context, keep_prepared, prepared
from lib.ui.tables import show_table
from lib.ui.text import named_country, plain

ctx = context()
st.title(t("segments.title"))
can_write = ctx.workspace.role in ("owner", "editor")
total = overview(ctx.db, ctx.principal, ctx.workspace.id).contacts
tab_build, tab_saved, tab_composition, tab_interests = st.tabs(
    [t("segpage.tab_build"), t("segpage.tab_saved"), t("segpage.tab_composition"), t("segpage.tab_interests")])

FORM_KEYS = {"mode": "segment_mode", "interests": "segment_interests", "interests_op": "segment_interests_op",
             "budget_min": "segment_budget_min", "budget_max": "segment_budget_max", "tiers": "segment_tiers",
             "channels": "segment_channels", "countries": "segment_countries", "departments": "segment_departments",
             "imports": "segment_imports", "added_after": "segment_added_after", "consents": "segment_consents",
             "in_zone": "segment_in_zone", "adult": "segment_adult", "communities": "segment_communities",
             "communities_op": "segment_communities_op", "rfm_tiers": "segment_rfm_tiers",
             "recency_min": "segment_recency_min", "recency_max": "segment_recency_max",
             "orders_min": "segment_orders_min", "orders_max": "segment_orders_max",
             "spent_min": "segment_spent_min", "spent_max": "segment_spent_max"}


PENDING_LOAD = "segment_pending_load"  # rules to put in the builder at the top of the next run
OPENED = "segment_opened"  # the name of the saved segment just opened, to say where it went
BUILDER_FOR = "segment_builder_workspace"  # the workspace id the builder's choices were made in


def _load_into_builder(document: dict, segment_id: str | None, name: str, text: str | None = None) -> None:
    """Puts a rule document into every builder widget (or its advanced editor), and the name field.

    Streamlit refuses a new value for a widget already drawn in the current run, so this runs only before the
    builder is drawn: from a button's callback, or at the top of the page for a pending load (see ``_request``).
    Every widget gets a value, the blank one included: a key merely removed keeps showing its old choice in the
    browser, which sends it back with the next click (« Repartir de zéro » then saved the old rules)."""
    form = from_document(document)
    shown = form or BuilderForm()
    for name_, key in FORM_KEYS.items():
        st.session_state[key] = getattr(shown, name_)
    st.session_state["segment_advanced_doc"] = None if form else document
    st.session_state["segment_advanced_text"] = (
        text if text is not None else json.dumps(document, ensure_ascii=False, indent=2))
    st.session_state["segment_editing"] = segment_id
    st.session_state["segment_name"] = name


def _request(document: dict, segment_id: str | None, name: str) -> None:
    """Loads ``document`` into the builder at the start of the next run (the widgets of this one are drawn)."""
    st.session_state[PENDING_LOAD] = (document, segment_id, name)
    st.rerun()


def _reset_builder() -> None:
    _load_into_builder({"all": []}, None, "", text="")


def _form_from_widgets() -> BuilderForm:
    values = {name: st.session_state.get(key) for name, key in FORM_KEYS.items()}
    form = BuilderForm()
    for name, value in values.items():
        if value not in (None, [], ""):
            setattr(form, name, value)
    return form


def _current_document() -> dict:
    return st.session_state.get("segment_advanced_doc") or to_document(_form_from_widgets())


def _render_rfm(summary) -> None:
    """Observed purchasing ability: tiers and figures from orders, or why there is nothing to choose yet."""
    st.markdown("**" + t("segpage.rfm") + "**", help=t("segpage.rfm_help"))
    if not summary.orders:
        st.info(t("segpage.rfm_no_orders"), icon=":material/receipt_long:")
        return
    if not summary.buyers:
        st.info(t("segpage.rfm_no_buyers", orders=summary.orders, sales=summary.sales), icon=":material/link_off:")
        return
    mode = "quintiles" if summary.quintiles else "fixed"
    st.caption(t(f"segpage.rfm_mode.{mode}", buyers=summary.buyers, sales=summary.sales, limit=QUINTILE_MIN_BUYERS))
    st.multiselect(t("segpage.rfm_tiers"), list(RFM_TIER_NAMES), key="segment_rfm_tiers",
                   format_func=lambda n: t("segpage.rfm_tier_option", tier=rfm_tier_label(n),
                                           count=summary.tiers.get(n, 0)),
                   placeholder=t("segpage.choose"))
    a, b = st.columns(2)
    a.number_input(t("segpage.recency_min"), min_value=0, max_value=MAX_DAYS, step=30, value=None,
                   key="segment_recency_min", help=t("segpage.recency_help"))
    b.number_input(t("segpage.recency_max"), min_value=0, max_value=MAX_DAYS, step=30, value=None,
                   key="segment_recency_max", help=t("segpage.recency_help"))
    a.number_input(t("segpage.orders_min"), min_value=0, max_value=MAX_ORDERS, step=1, value=None,
                   key="segment_orders_min")
    b.number_input(t("segpage.orders_max"), min_value=0, max_value=MAX_ORDERS, step=1, value=None,
                   key="segment_orders_max")
    a.number_input(t("segpage.spent_min"), min_value=0.0, max_value=float(MAX_SPENT_EUR), step=50.0, value=None,
                   key="segment_spent_min")
    b.number_input(t("segpage.spent_max"), min_value=0.0, max_value=float(MAX_SPENT_EUR), step=50.0, value=None,
                   key="segment_spent_max")
    with st.expander(t("segpage.rfm_how")):
        thresholds = {"asleep": ASLEEP_AFTER_DAYS, "new": NEW_WITHIN_DAYS, "big": BIG_SPENDER_CENTS // 100,
                      "loyal": LOYAL_SALES, "limit": QUINTILE_MIN_BUYERS}
        st.markdown(t("segpage.rfm_definitions.common", **thresholds))
        st.markdown(t(f"segpage.rfm_definitions.{mode}", **thresholds))
        st.caption(t("segpage.rfm_definitions.other", **thresholds))


# The builder's choices belong to a workspace (its imports, communities, the segment being edited): another
# workspace starts from a blank builder.
if st.session_state.get(BUILDER_FOR) not in (None, ctx.workspace.id):
    _reset_builder()
st.session_state[BUILDER_FOR] = ctx.workspace.id
# A segment opened from « Mes segments », or rules taken from the advanced editor, on the previous run: into the
# builder now, before any of its widgets is drawn.
if (pending := st.session_state.pop(PENDING_LOAD, None)) is not None:
    _load_into_builder(*pending)

with tab_build:
    st.caption(t("segpage.intro"))
    vocabulary = [item.label for item in interest_counts(ctx.db, ctx.principal, ctx.workspace.id) if item.contacts]
    imports = {item["id"]: f"{local_time(item['created_at'])} · {item['file_name']}"
               for item in import_history(ctx.db, ctx.principal, ctx.workspace.id) if item["status"] != "undone"}
    community_names = {c.id: c.name for c in list_communities(ctx.db, ctx.principal, ctx.workspace.id)}
    observed = rfm_summary(ctx.db, ctx.principal, ctx.workspace.id, contacts=total)
    editing = st.session_state.get("segment_editing")
    if editing and st.session_state.get("segment_name"):
        st.info(plain(t("segpage.editing", name=st.session_state["segment_name"])), icon=":material/edit:")

    left, right = st.columns([3, 2], gap="large")
    with left:
        advanced = st.session_state.get("segment_advanced_doc")
        if advanced:
            st.warning(t("segpage.advanced_active"))
        else:
            st.radio(t("segpage.mode"), ["all", "any"], format_func=lambda m: t(f"segpage.mode.{m}"),
                     horizontal=True, key="segment_mode")
            with st.container(border=True):
                st.markdown("**" + t("segpage.interests") + "**")
                a, b = st.columns([1, 2])
                a.selectbox(t("segpage.interests"), ["any_of", "all_of", "none_of"], key="segment_interests_op",
                            format_func=lambda o: t(f"segpage.interests_op.{o}"), label_visibility="collapsed")
                b.multiselect(t("segpage.interests"), vocabulary, key="segment_interests",
                              label_visibility="collapsed", placeholder=t("segpage.choose"))
            with st.container(border=True):
                st.markdown("**" + t("segpage.budget") + "**", help=t("segpage.budget_help"))
                a, b, c = st.columns([1, 1, 2])
                a.number_input(t("segpage.budget_min"), min_value=0.0, max_value=10000.0, step=5.0, value=None,
                               key="segment_budget_min")
                b.number_input(t("segpage.budget_max"), min_value=0.0, max_value=10000.0, step=5.0, value=None,
                               key="segment_budget_max")
                c.multiselect(t("segpage.tiers"), [n for n in TIER_NAMES if n != "inconnu"], key="segment_tiers",
                              format_func=tier_label, placeholder=t("segpage.choose"))
            with st.container(border=True, key="segment_rfm_box"):
                _render_rfm(observed)
            with st.container(border=True):
                st.multiselect(t("segpage.reach"), list(CHANNELS), key="segment_channels",
                               format_func=lambda c: t(f"segments.channel_name.{c}"), help=t("segpage.reach_help"),
                               placeholder=t("segpage.choose"))
                with st.expander(t("segpage.reach_parts")):
                    st.multiselect(t("segpage.consents"), list(CHANNELS), key="segment_consents",
                                   format_func=lambda c: t(f"segments.channel_name.{c}"),
                                   placeholder=t("segpage.choose"))
                    a, b = st.columns(2)
                    a.selectbox(t("segpage.zone"), [None, True, False], key="segment_in_zone",
                                format_func=lambda v: t(f"segpage.zone.{v}"))
                    b.selectbox(t("segpage.age"), [None, True, False, "unknown"], key="segment_adult",
                                format_func=lambda v: t(f"segpage.age.{v}"))
            with st.container(border=True):
                st.markdown("**" + t("segpage.where") + "**")
                a, b = st.columns(2)
                a.multiselect(t("segpage.countries"), ["FR", "BE", "CH", "LU", "DE", "GB", "IT", "ES", "NL", "US",
                                                       "GP", "MQ", "RE"], key="segment_countries",
                              accept_new_options=True, placeholder=t("segpage.choose"), format_func=named_country)
                b.multiselect(t("segpage.departments"), FRENCH_DEPARTMENTS, key="segment_departments",
                              placeholder=t("segpage.choose"))
            with st.container(border=True):
                st.markdown("**" + t("segpage.origin") + "**")
                a, b = st.columns(2)
                a.multiselect(t("segpage.imports"), list(imports), format_func=imports.get, key="segment_imports",
                              placeholder=t("segpage.choose"))
                b.date_input(t("segpage.added_after"), value=None, max_value=clock.today(), key="segment_added_after",
                             format="DD/MM/YYYY")
                if community_names:
                    a, b = st.columns([1, 2])
                    a.selectbox(t("segpage.communities"), ["in", "not_in"], key="segment_communities_op",
                                format_func=lambda o: t(f"segpage.communities_op.{o}"))
                    b.multiselect(t("segpage.communities"), list(community_names), key="segment_communities",
                                  format_func=community_names.get, placeholder=t("segpage.choose"),
                                  label_visibility="hidden")
        with st.expander(t("segpage.advanced"), expanded=bool(advanced)):
            st.caption(t("segpage.advanced_help"))
            text = st.text_area(t("segpage.advanced"), key="segment_advanced_text", height=180,
                                label_visibility="collapsed",
                                placeholder=json.dumps(_current_document(), ensure_ascii=False))
            if st.button(t("segpage.use_advanced"), key="segment_use_advanced"):
                try:
                    document = validate_rules(json.loads(text)).to_document()
                except json.JSONDecodeError as exc:
                    st.error(plain(t("segpage.bad_json", error=exc.msg)))
                except RuleError as exc:
                    st.error(plain(exc.message))
                else:
                    _request(document, editing, st.session_state.get("segment_name", ""))
        st.button(t("segpage.reset"), key="segment_reset", on_click=_reset_builder, icon=":material/restart_alt:")

    with right:
        document = _current_document()
        try:
            ruleset = validate_rules(document)
        except RuleError as exc:
            st.error(plain(exc.message))
            st.stop()
        members = count_members(ctx.db, ctx.principal, ctx.workspace.id, ruleset)
        st.metric(t("segpage.count"), f"{members:,}".replace(",", " "), border=True,
                  help=t("segpage.of_total", total=f"{total:,}".replace(",", " ")))
        st.caption(t("segpage.of_total", total=f"{total:,}".replace(",", " ")))
        st.markdown("**" + t("segpage.sentence") + "**")
        with st.container(border=True, key="segment_sentence"):
            st.text(describe(ruleset, labels={**imports, **community_names}))
        if total == 0:
            st.info(t("segpage.empty_workspace"))
        elif members == 0:
            st.info(t("segpage.nobody"))
        if can_write:
            name = st.text_input(t("segpage.name"), key="segment_name", max_chars=120)
            a, b = st.columns(2)
            save = a.button(t("segpage.save"), type="primary", key="segment_save", icon=":material/save:")
            save_new = b.button(t("segpage.save_as_new"), key="segment_save_new", disabled=not editing)
            if save or save_new:
                if not name.strip():
                    st.error(t("segpage.name_required"))
                else:
                    try:
                        saved = save_segment(ctx.db, ctx.principal, ctx.workspace.id, name, ruleset,
                                             segment_id=None if save_new else editing)
                    except SegmentError as exc:
                        st.error(plain(exc.message))
                    else:
                        st.session_state["segment_editing"] = saved.id
                        st.success(plain(t("segpage.saved", name=saved.name)))
    if members:
        st.markdown("**" + t("segpage.sample") + "**")
        sample = pd.DataFrame(sample_members(ctx.db, ctx.principal, ctx.workspace.id, ruleset, limit=15))
        sample["interests"] = sample["interests"].map(lambda items: ", ".join(items or []))
        shown = ["first_name", "last_name", "phone_e164", "email", "city", "department", "interests", "budget_raw"]
        show_table(sample[shown], hide_index=True, width="stretch", key="segment_sample",
                     column_config={c: t(f"col.{c}") if c != "department" else t("segpage.chart_department")
                                    for c in shown})

with tab_saved:
    segments = list_segments(ctx.db, ctx.principal, ctx.workspace.id)
    if not segments:
        st.info(t("segpage.none_saved"))
    else:
        show_table(pd.DataFrame([{
            t("segpage.col_name"): s.name, t("segpage.col_members"): s.members,
            t("segpage.col_sentence"): describe(s.rules), t("segpage.col_updated"): local_time(s.updated_at),
        } for s in segments]), hide_index=True, width="stretch", key="segment_list")
        by_id = {s.id: s for s in segments}
        picked_id = st.selectbox(t("segpage.pick"), list(by_id), format_func=lambda i: by_id[i].name,
                                 key="segment_pick")
        picked = by_id[picked_id]
        a, b, c = st.columns(3)
        if a.button(t("segpage.open"), key="segment_open", icon=":material/edit:"):
            st.session_state[OPENED] = picked.name
            _request(picked.rules.to_document(), picked.id, picked.name)
        if opened := st.session_state.pop(OPENED, None):
            st.success(plain(t("journey.segment_opened", name=opened)), icon=":material/edit:")
        if can_write:
            if b.button(t("segpage.duplicate"), key="segment_duplicate", icon=":material/content_copy:"):
                duplicate_segment(ctx.db, ctx.principal, ctx.workspace.id, picked.id)
                st.rerun()
            if c.button(t("segpage.freeze"), key="segment_freeze", help=t("segpage.freeze_help"),
                        icon=":material/ac_unit:"):
                snapshot = freeze_segment(ctx.db, ctx.principal, ctx.workspace.id, picked.id)
                st.success(t("segpage.frozen", count=snapshot.member_count))
            with st.form("segment_rename_form", border=False):
                new_name = st.text_input(t("segpage.rename_to"), value=picked.name, key="segment_rename_to")
                if st.form_submit_button(t("segpage.rename")):
                    try:
                        rename_segment(ctx.db, ctx.principal, ctx.workspace.id, picked.id, new_name)
                        st.rerun()
                    except SegmentError as exc:
                        st.error(plain(exc.message))
            sure = st.checkbox(t("segpage.delete_confirm"), key="segment_delete_confirm")
            if st.button(t("segpage.delete"), disabled=not sure, key="segment_delete", icon=":material/delete:"):
                delete_segment(ctx.db, ctx.principal, ctx.workspace.id, picked.id)
                st.session_state.pop("segment_delete_confirm", None)
                st.rerun()
        if st.button(t("segpage.prepare_export"), key="segment_prepare_export", icon=":material/download:"):
            rows = member_rows(ctx.db, ctx.principal, ctx.workspace.id, picked.rules, EXPORT_COLUMNS)
            keep_prepared("segment_export", ctx.workspace.id, (picked.id, rows))
            record_export(ctx.db, ctx.principal, ctx.workspace.id, rows=len(rows), segment=picked.name)
        export = prepared("segment_export", ctx.workspace.id)
        if export and export[0] == picked.id:
            a, b = st.columns(2)
            header, body = people_header(EXPORT_COLUMNS), people_rows(export[1])
            a.download_button(t("segpage.export_csv"), to_csv(header, body), f"{picked.name}.csv",
                              "text/csv", key="segment_export_csv")
            b.download_button(t("segpage.export_xlsx"), to_xlsx(header, body), f"{picked.name}.xlsx",
                              key="segment_export_xlsx",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        snapshots = list_snapshots(ctx.db, ctx.principal, ctx.workspace.id)
        if snapshots:
            st.markdown("**" + t("segpage.snapshots") + "**")
            show_table(pd.DataFrame([{t("segpage.col_name"): s.name, t("segpage.col_members"): s.member_count,
                                        t("segpage.col_updated"): local_time(s.created_at)}
                                       for s in snapshots]), hide_index=True, width="stretch")

with tab_composition:
    saved = {s.id: s for s in list_segments(ctx.db, ctx.principal, ctx.workspace.id, with_counts=False)}
    scope = st.selectbox(t("segpage.scope"), [None, *saved], key="segment_scope",
                         format_func=lambda i: t("segpage.scope_all") if i is None else saved[i].name)
    rules = saved[scope].rules if scope else {"all": []}
    tiers = composition.interests_by_tier(ctx.db, ctx.principal, ctx.workspace.id, rules)
    if not tiers.empty:
        st.subheader(t("segpage.heatmap"))
        tiers["tier"] = tiers["tier"].map(tier_label)
        st.altair_chart(heatmap(tiers, "tier", "interest", "contacts", t("segpage.chart_tier"),
                                t("segpage.chart_interest"), t("segpage.chart_contacts"),
                                x_order=[tier_label(n) for n in TIER_NAMES]), width="stretch")
    a, b = st.columns(2)
    with a:
        st.subheader(t("segpage.departments_chart"))
        departments = composition.by_department(ctx.db, ctx.principal, ctx.workspace.id, rules)
        if not departments.empty:
            st.altair_chart(horizontal_bars(departments, "department", "contacts", t("segpage.chart_department"),
                                            t("segpage.chart_contacts")), width="stretch")
    with b:
        st.subheader(t("segpage.channels_chart"))
        channels = composition.by_channel(ctx.db, ctx.principal, ctx.workspace.id, rules)
        channels["channel"] = channels["channel"].map(lambda c: t(f"segments.channel_name.{c}"))
        st.altair_chart(horizontal_bars(channels, "channel", "contacts", t("segpage.chart_channel"),
                                        t("segpage.chart_contacts")), width="stretch")
    if observed.buyers:
        st.subheader(t("segpage.rfm_chart"))
        buyers = composition.by_rfm_tier(ctx.db, ctx.principal, ctx.workspace.id, rules)
        buyers["tier"] = buyers["tier"].map(rfm_tier_label)
        st.altair_chart(horizontal_bars(buyers, "tier", "contacts", t("segpage.rfm_tiers"),
                                        t("segpage.chart_contacts")), width="stretch")
    st.subheader(t("segpage.overlap"))
    if len(saved) < 2:
        st.info(t("segpage.overlap_need"))
    else:
        chosen = st.multiselect(t("segpage.overlap_pick"), list(saved), max_selections=3, key="segment_overlap",
                                format_func=lambda i: saved[i].name, default=list(saved)[:2])
        if len(chosen) >= 2:
            counts = overlap_counts(ctx.db, ctx.principal, ctx.workspace.id, [saved[i].rules for i in chosen])
            frame = pd.DataFrame([{"combo": " ∩ ".join(saved[chosen[i]].name for i in combo), "contacts": n}
                                  for combo, n in counts.items()])
            st.altair_chart(horizontal_bars(frame, "combo", "contacts", t("segpage.overlap_combo"),
                                            t("segpage.chart_contacts")), width="stretch")

with tab_interests:
    render_vocabulary(ctx)
