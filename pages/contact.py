"""Fiche contact: find a person, see everything Cercle holds on them, manage consents, export (access request),
record an objection (STOP), erase; purge inactive prospects (lib/contacts/rights.py)."""

import datetime as dt

import pandas as pd
import streamlit as st

from lib import clock
from lib.audit import DISPLAY_TIME_ZONE as local_zone
from lib.audit import local_time
from lib.contacts.consent import CHANNELS, GRANT_METHODS, WITHDRAW_METHODS, ConsentError, set_consent
from lib.contacts.rights import (
    OPT_OUT_REASONS,
    RETENTION_RANGE,
    erase_contact,
    load_person,
    opt_out,
    person_csv,
    person_json,
    person_xlsx,
    preview_purge,
    purge_prospects,
    record_person_export,
    retention_months,
    search_contacts,
    set_retention_months,
)
from lib.i18n import t
from lib.ui.session import context
from lib.ui.tables import show_table
from lib.ui.text import money, plain

ctx = context()
ws = ctx.workspace
can_write = ws.role in ("owner", "editor")
st.title(t("rights.title"))
st.caption(t("rights.intro"))
if not can_write:
    st.info(t("rights.viewer"), icon=":material/visibility:")


def _refused(exc: ConsentError) -> None:
    st.error(t(f"rights.error.{exc.code}", **exc.params), icon=":material/block:")


def _when(value: object) -> str:
    if isinstance(value, dt.datetime):
        return local_time(value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def _day(value: object) -> str:
    """The day of a proof's "at" (files often give only a date), in Paris time; other text as written."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(local_zone)
        return f"{value:%d/%m/%Y}"
    return _when(value)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return t("rights.yes") if value else t("rights.no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return _when(value)


def _table(rows: list[dict], key: str) -> None:
    """Rows as a read-only table (cells are shown as text, never as markdown or HTML), or « Rien. »."""
    if rows:
        show_table(pd.DataFrame(rows), hide_index=True, width="stretch", key=key)
    else:
        st.caption(t("rights.none"))


_KNOWN_METHODS = (*GRANT_METHODS, *WITHDRAW_METHODS, "import", "reverted")


def _method(code: str | None) -> str:
    """A method's name; one written by something else (an older proof) shows as written."""
    if not code:
        return ""
    return t(f"rights.method.{code}") if code in _KNOWN_METHODS else str(code)


# --- search ----------------------------------------------------------------------------------------------------
query = st.text_input(t("rights.search"), key="rights_search", max_chars=100,
                      placeholder=t("rights.search_placeholder"))
found = search_contacts(ctx.db, ctx.principal, ws.id, query) if query.strip() else []
if query.strip() and not found:
    st.info(plain(t("rights.no_match", search=query.strip())))
if found:
    ids = [f.id for f in found]
    labels = {f.id: " · ".join(p for p in (" ".join(x for x in (f.first_name, f.last_name) if x), f.phone_e164,
                                           f.email, f.city) if p) or f.id for f in found}
    if st.session_state.get("rights_contact") not in ids:
        st.session_state["rights_contact"] = ids[0]
    st.selectbox(t("rights.pick"), ids, format_func=lambda i: labels.get(i, i), key="rights_contact")
    if len(found) >= 20:
        st.caption(t("rights.many", count=len(found)))

# only someone the current search found is shown (a search that finds nobody shows nobody)
contact_id = st.session_state.get("rights_contact") if found else None
person = load_person(ctx.db, ctx.principal, ws.id, contact_id) if contact_id else None
if contact_id and person is None:
    st.info(t("rights.gone"))
if flash := st.session_state.pop("rights_flash", None):
    st.success(t(flash[0], **flash[1]), icon=":material/check:")

if person is not None:
    f = person.fields
    st.header(plain(person.display_name), divider="gray")
    if f.get("opted_out_at"):
        reason = f.get("opt_out_reason")
        st.warning(plain(t("rights.opted_out", date=_when(f["opted_out_at"]),
                           reason=t(f"rights.optout.reason.{reason}") if reason in OPT_OUT_REASONS else reason or "?")),
                   icon=":material/do_not_disturb_on:")
    if any(person.suppressed.values()):
        st.warning(t("rights.suppressed"), icon=":material/block:")

    tab_data, tab_consent, tab_links, tab_act = st.tabs(
        [t("rights.section.fields"), t("rights.section.consents"), t("rights.section.communities") + " · "
         + t("rights.section.orders"), t("rights.export.title") + " · " + t("rights.erase.title")])

    with tab_data:
        rows = [{t("rights.col.field"): t(f"rights.field.{name}"), t("rights.col.value"): _value(value)}
                for name, value in f.items() if value not in (None, "", [], {})]
        _table(rows, "rights_fields")
        st.subheader(t("rights.section.imports"))
        if person.source_import:
            st.write(plain(t("rights.imported_from", file=person.source_import["file_name"],
                             date=_when(person.source_import["created_at"]))))
        if person.imports_that_changed:
            st.caption(t("rights.completed_by"))
            _table([{t("rights.col.file"): i["file_name"], t("rights.col.when"): _when(i["created_at"]),
                     t("rights.col.by"): i["created_by_email"] or ""} for i in person.imports_that_changed],
                   "rights_imports")
        elif not person.source_import:
            st.caption(t("rights.none"))

    with tab_consent:
        state_rows = []
        for channel in CHANNELS:
            on = bool(f.get(f"consent_{channel}"))
            proof = person.consent_proof.get(channel) or {}
            state = "granted" if on else ("withdrawn" if proof.get("withdrawn") else "none")
            latest = next((e for e in person.consent_history if e.channel == channel), None)
            state_rows.append({t("rights.col.channel"): t(f"rights.channel.{channel}"),
                               t("rights.col.state"): t(f"rights.state.{state}"),
                               t("rights.col.when"): _day(proof["at"]) if proof.get("at") else "",
                               t("rights.col.method"): _method(proof.get("method")),
                               t("rights.col.source"): proof.get("source", ""),
                               t("rights.col.wording"): proof.get("wording", ""),
                               t("rights.col.by"): proof.get("by") or (latest.by_email if latest and proof else "")
                               or ""})
        show_table(pd.DataFrame(state_rows), hide_index=True, width="stretch", key="rights_consents")
        st.subheader(t("rights.section.history"))
        _table([{t("rights.col.recorded"): _when(e.recorded_at),
                 t("rights.col.channel"): t(f"rights.channel.{e.channel}"),
                 t("rights.col.state"): t("rights.state.granted" if e.granted else "rights.state.withdrawn"),
                 t("rights.col.when"): _day(e.given_at), t("rights.col.method"): _method(e.method),
                 t("rights.col.source"): e.source or "", t("rights.col.wording"): e.wording or "",
                 t("rights.col.by"): e.by_email or "", t("rights.col.import"): e.import_file or ""}
                for e in person.consent_history], "rights_history")
        st.subheader(t("rights.consent.edit"))
        if f.get("opted_out_at"):
            st.caption(t("rights.consent.opted_out"))
        action = st.radio(t("rights.consent.action"), ("grant", "withdraw"), horizontal=True,
                          format_func=lambda a: t(f"rights.consent.{a}"), key="rights_consent_action",
                          disabled=not can_write)
        with st.form("rights_consent_form"):
            channel = st.selectbox(t("rights.consent.channel"), CHANNELS, key="rights_consent_channel",
                                   format_func=lambda c: t(f"rights.channel.{c}"))
            methods = GRANT_METHODS if action == "grant" else WITHDRAW_METHODS
            method = st.selectbox(t("rights.consent.method"), methods, format_func=_method,
                                  key=f"rights_consent_method_{action}")
            source = st.text_input(t("rights.consent.source"), max_chars=200, help=t("rights.consent.source_help"),
                                   key="rights_consent_source")
            wording = st.text_input(t("rights.consent.wording"), max_chars=200, help=t("rights.consent.wording_help"),
                                    key="rights_consent_wording")
            saved = st.form_submit_button(t("rights.consent.save"), type="primary", disabled=not can_write)
        if saved:
            try:
                changed = set_consent(ctx.db, ctx.principal, ws.id, person.id, channel, action == "grant",
                                      method=method, source=source, wording=wording)
            except ConsentError as exc:
                _refused(exc)
            else:
                st.session_state["rights_flash"] = ("rights.consent.saved" if changed else "rights.consent.unchanged",
                                                    {})
                st.rerun()

    with tab_links:
        st.subheader(t("rights.section.communities"))
        _table([{t("rights.col.community"): m["community"], t("rights.col.joined"): _when(m["joined_at"]),
                 t("rights.col.source"): m["source"] or ""} for m in person.communities], "rights_communities")
        st.subheader(t("rights.section.invitations"))
        _table([{t("rights.col.community"): i["community"],
                 t("rights.col.channel"): t(f"rights.channel.{i['channel']}"),
                 t("rights.col.source"): i["link_source"], t("rights.col.prepared"): _when(i["prepared_at"]),
                 t("rights.col.opened"): _when(i["opened_at"])} for i in person.invitations], "rights_invitations")
        st.subheader(t("rights.section.orders"))
        _table([{t("rights.col.number"): o["number"], t("rights.col.when"): _when(o["created_at"]),
                 t("rights.col.amount"): money(o["amount_cents"], o["currency"]),
                 t("rights.col.sale"): _value(o["is_sale"]), t("rights.col.source"): o["source"]}
                for o in person.orders], "rights_orders")
        st.subheader(t("rights.section.snapshots"))
        _table([{t("rights.col.name"): s["name"], t("rights.col.when"): _when(s["created_at"])}
                for s in person.snapshots], "rights_snapshots")

    with tab_act:
        st.subheader(t("rights.export.title"))
        st.caption(t("rights.export.help"))
        prepared = st.session_state.get("rights_export")
        if st.button(t("rights.export.prepare"), key="rights_export_prepare", disabled=not can_write,
                     icon=":material/download:"):
            record_person_export(ctx.db, ctx.principal, ws.id, "json+csv+xlsx")
            prepared = st.session_state["rights_export"] = person.id
        if prepared == person.id and can_write:
            stem = f"donnees-personne-{clock.today():%Y%m%d}"
            left, middle, right = st.columns(3)
            left.download_button(t("rights.export.json"), person_json(person), f"{stem}.json", "application/json",
                                 key="rights_export_json")
            middle.download_button(t("rights.export.csv"), person_csv(person), f"{stem}.csv", "text/csv",
                                   key="rights_export_csv")
            right.download_button(t("rights.export.xlsx"), person_xlsx(person), f"{stem}.xlsx",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  key="rights_export_xlsx")

        st.subheader(t("rights.optout.title"))
        st.caption(t("rights.optout.help"))
        reason = st.selectbox(t("rights.optout.reason"), OPT_OUT_REASONS,
                              format_func=lambda r: t(f"rights.optout.reason.{r}"), key="rights_optout_reason",
                              disabled=not can_write)
        if st.button(t("rights.optout.button"), key="rights_optout", disabled=not can_write,
                     icon=":material/do_not_disturb_on:"):
            try:
                changed = opt_out(ctx.db, ctx.principal, ws.id, person.id, reason)
            except ConsentError as exc:
                _refused(exc)
            else:
                st.session_state["rights_flash"] = ("rights.optout.done" if changed else "rights.optout.already", {})
                st.rerun()

        st.subheader(t("rights.erase.title"))
        st.warning(t("rights.erase.help"), icon=":material/delete_forever:")
        st.info(t("rights.erase.key"), icon=":material/key:")
        expected = person.display_name
        typed = st.text_input(plain(t("rights.erase.type_name", name=expected)), max_chars=300,
                              key=f"rights_erase_typed_{person.id}", disabled=not can_write)
        sure = st.checkbox(t("rights.erase.confirm"), key=f"rights_erase_sure_{person.id}", disabled=not can_write)
        if st.button(t("rights.erase.button"), key="rights_erase", type="primary", disabled=not (can_write and sure),
                     icon=":material/delete_forever:"):
            if " ".join(typed.split()).casefold() != " ".join(expected.split()).casefold():
                st.error(t("rights.erase.mismatch"))
            else:
                try:
                    erase_contact(ctx.db, ctx.principal, ws.id, person.id)
                except ConsentError as exc:
                    _refused(exc)
                else:
                    for key in ("rights_contact", "rights_search", "rights_export"):
                        st.session_state.pop(key, None)
                    st.session_state["rights_flash"] = ("rights.erase.done", {})
                    st.rerun()

# --- purge of inactive prospects ------------------------------------------------------------------------------
st.divider()
with st.expander(t("rights.purge.title"), icon=":material/auto_delete:"):
    st.caption(t("rights.purge.help"))
    months = retention_months(ctx.db, ctx.principal, ws.id)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    new_months = left.number_input(t("rights.purge.months"), min_value=RETENTION_RANGE[0], max_value=RETENTION_RANGE[1],
                                   value=months, step=1, help=t("rights.purge.months_help"), key="rights_purge_months",
                                   disabled=ws.role != "owner")
    if right.button(t("rights.purge.save_months"), key="rights_purge_save", disabled=ws.role != "owner"):
        try:
            set_retention_months(ctx.db, ctx.principal, ws.id, int(new_months))
        except ConsentError as exc:
            _refused(exc)
        else:
            st.session_state.pop("rights_purge_preview", None)
            st.success(t("rights.purge.months_saved"))
            months = int(new_months)
    if st.button(t("rights.purge.preview"), key="rights_purge_preview_button", icon=":material/search:"):
        st.session_state["rights_purge_preview"] = preview_purge(ctx.db, ctx.principal, ws.id, months)
    preview = st.session_state.get("rights_purge_preview")
    if preview is not None and preview.months == months and preview.workspace_id == ws.id:
        if preview.count == 0:
            st.info(t("rights.purge.nobody", months=months))
        else:
            st.write(t("rights.purge.count", count=preview.count, months=months))
            st.caption(t("rights.purge.sample"))
            _table([{t("rights.col.name"): " ".join(x for x in (p.first_name, p.last_name) if x),
                     t("rights.field.phone_e164"): p.phone_e164 or "", t("rights.field.email"): p.email or "",
                     t("rights.field.city"): p.city or ""} for p in preview.sample], "rights_purge_sample")
            sure = st.checkbox(t("rights.purge.confirm", count=preview.count), key="rights_purge_sure",
                               disabled=not can_write)
            if st.button(t("rights.purge.button"), key="rights_purge", type="primary",
                         disabled=not (can_write and sure), icon=":material/auto_delete:"):
                try:
                    erased = purge_prospects(ctx.db, ctx.principal, ws.id, months, expected=preview.count)
                except ConsentError as exc:
                    st.session_state.pop("rights_purge_preview", None)
                    _refused(exc)
                else:
                    st.session_state.pop("rights_purge_preview", None)
                    st.session_state.pop("rights_purge_sure", None)
                    st.session_state["rights_flash"] = ("rights.purge.done", {"count": erased})
                    st.rerun()
