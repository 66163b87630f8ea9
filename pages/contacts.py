"""Contacts: import a file (mapping, cleaned preview, report), see who is there, undo an import, export."""

import pandas as pd
import streamlit as st

from lib.audit import local_time, record_export
from lib.contacts.countries import regions_by_name
from lib.contacts.export import EXPORT_COLUMNS, people_header, people_rows, to_csv, to_xlsx
from lib.contacts.importer import (
    REPORT_COLUMNS,
    ImportRefused,
    import_history,
    import_rows,
    preview,
    report_rows,
    status_label,
    undo_import,
)
from lib.contacts.mapping import FIELDS, field_label, guess_mapping
from lib.contacts.queries import exportable_contacts, list_contacts
from lib.contacts.readers import ReadError, ReadLimits, describe_dialect, read_contacts_file
from lib.i18n import get_language, t
from lib.ui.session import context, keep_prepared, prepared
from lib.ui.tables import show_table
from lib.ui.text import named_country, plain

ctx = context()
st.title(t("contacts.title"))
can_write = ctx.workspace.role in ("owner", "editor")
tab_import, tab_list, tab_history = st.tabs([t("import.tab_import"), t("import.tab_list"), t("import.tab_history")])


def _read(upload, choice: tuple[str, str] | None):
    """The uploaded file read once per (file, dialect) and kept for this browser session only."""
    key = (upload.file_id, choice)
    cached = st.session_state.get("contacts_read")
    if cached and cached[0] == key:
        return cached[1]
    encoding, delimiter = choice if choice else (None, None)
    table = read_contacts_file(upload.getvalue(), upload.name, limits=ReadLimits(), encoding=encoding,
                               delimiter=delimiter)
    st.session_state["contacts_read"] = (key, table)
    return table


_NARROW = ("row", "count")
_WHOLE_TEXT_ROWS = 30  # up to this many, a table shows every sentence whole (wrapped); beyond, a scrolling grid


def _table(rows: list[dict], columns: dict[str, str], key: str) -> None:
    """A report table; the sentences (why, what to do) get the room."""
    frame = pd.DataFrame([{label: row[name] for name, label in columns.items()} for row in rows])
    if len(frame) <= _WHOLE_TEXT_ROWS:
        st.table(frame, hide_index=True)
        return
    show_table(frame, hide_index=True, width="stretch", key=key,
                 column_config={label: st.column_config.Column(label, width="small" if name in _NARROW else "medium")
                                for name, label in columns.items()})


def _show_report(report) -> None:
    st.subheader(t("import.report"))
    st.caption(t("importreport.summary", rows=report.rows, file=report.file_name))
    cols = st.columns(5)
    for col, (label, value, help_key) in zip(cols, [
            ("import.m_new", report.imported, None), ("import.m_updated", report.updated, None),
            ("import.m_unchanged", report.unchanged, None),
            ("import.m_refused", report.not_imported, "importreport.m_not_imported_help"),
            ("importreport.m_merged", report.merged_in_file, "importreport.m_merged_help")], strict=True):
        col.metric(t(label), value, help=t(help_key) if help_key else None)
    if report.changed_nothing:
        st.info(t("import.nothing_new"), icon=":material/check:")
    if report.suppressed:
        st.warning(t("import.suppressed", count=report.suppressed))
    if not report.issues:
        st.success(t("import.no_issues"))
        return
    lost = report.numbers_lost()
    if lost:
        st.warning(t("importreport.lost_title", count=len(lost)), icon=":material/phone_disabled:")
        _table(lost, {"row": t("import.col_row"), "value": t("import.col_value"), "why": t("importreport.col_why"),
                      "what_to_do": t("importreport.col_todo"), "person": t("importreport.col_person")},
               "import_numbers_lost")
    refused = report.refused_rows()
    if refused:
        st.error(t("importreport.refused_title", count=len(refused)), icon=":material/person_off:")
        st.caption(t("importreport.refused_help", rows=", ".join(map(str, refused[:50]))
                     + (" …" if len(refused) > 50 else "")))
    notes = report.notes()
    if notes:
        st.info(t("importreport.notes_title", count=len(notes)), icon=":material/edit_note:")
        _table([{"row": i.row, "column": i.column, "value": i.value, "message": i.message} for i in notes],
               {"row": t("import.col_row"), "column": t("import.col_column"), "value": t("import.col_value"),
                "message": t("import.col_message")}, "import_notes")
    repaired = report.numbers_repaired()
    if repaired:
        with st.expander(t("importreport.repaired_title", count=report.repaired), icon=":material/build:"):
            _table([{**entry, "example": f"{entry['example']} ({entry['example_row']})"} for entry in repaired],
                   {"label": t("importreport.col_repair"), "count": t("importreport.col_count"),
                    "example": t("importreport.col_example"), "result": t("importreport.col_result")},
                   "import_numbers_repaired")
    st.caption(t("import.issues", count=len(report.issues)))
    rows = report_rows(report.issues)
    headers = [t(f"import.col_{name}") if name in ("row", "column", "value", "message")
               else t(f"importreport.col_{'todo' if name == 'what_to_do' else name}") for name in REPORT_COLUMNS]
    left, right = st.columns(2)
    stem = report.file_name.rsplit(".", 1)[0]
    left.download_button(t("import.download_csv"), to_csv(headers, rows), f"{stem}-remarques.csv", "text/csv",
                         key="import_issues_csv", icon=":material/download:")
    right.download_button(t("import.download_xlsx"), to_xlsx(headers, rows, "Remarques"),
                          f"{stem}-remarques.xlsx", key="import_issues_xlsx", icon=":material/download:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _import_tab() -> None:
    if not can_write:
        st.info(t("settings.viewer"))
    upload = st.file_uploader(t("import.upload"), type=["csv", "txt", "tsv", "xlsx", "ods", "vcf", "vcard"],
                              help=t("import.upload_help"), key="contacts_upload", disabled=not can_write)
    if upload is not None:
        choice = st.session_state.get("contacts_dialect")
        try:
            table = _read(upload, choice)
        except ReadError as exc:
            st.error(plain(exc.message), icon=":material/block:")
            return  # the other tabs still show
        st.caption(t("import.read_summary", rows=len(table.rows), columns=len(table.columns),
                     format=table.format.upper()))
        if table.known_export:
            st.info(t("import.known_export", name=t(f"import.export.{table.known_export}")))
        for message in table.warning_messages():
            st.warning(plain(message))
        if not table.confident and table.alternatives:
            options = list(table.alternatives)
            st.warning(t("import.dialect_unsure"), icon=":material/help:")
            st.radio(t("import.dialect_unsure"), options, format_func=lambda o: describe_dialect(*o),
                     key="contacts_dialect", label_visibility="collapsed",
                     index=options.index(choice) if choice in options else 0)
            with st.expander(t("import.raw_preview"), expanded=True):
                show_table(table.to_frame().head(8), width="stretch")

        st.subheader(t("import.mapping"))
        st.caption(t("import.mapping_help"))
        guessed = guess_mapping(table.columns, table.known_export)
        labels = {field: field_label(field) for field in FIELDS}
        by_label = {label: field for field, label in labels.items()}
        examples = [next((row[i] for row in table.rows[:50] if i < len(row) and row[i].strip()), "")
                    for i in range(len(table.columns))]
        editor = pd.DataFrame({
            t("import.col_file"): table.columns,
            t("import.col_example"): [e[:60] for e in examples],
            t("import.col_field"): [labels[guessed.get(c, "ignore")] for c in table.columns],
        })
        edited = st.data_editor(
            editor, hide_index=True, width="stretch", key=f"contacts_mapping_{upload.file_id}",
            disabled=[t("import.col_file"), t("import.col_example")],
            column_config={t("import.col_field"): st.column_config.SelectboxColumn(
                options=list(labels.values()), required=True)},
        )
        mapping = {column: by_label.get(label, "ignore")
                   for column, label in zip(table.columns, edited[t("import.col_field")], strict=True)}
        regions = regions_by_name(get_language())
        region = st.selectbox(t("import.region"), regions, index=regions.index(ctx.workspace.default_region),
                              help=t("import.region_help"), key="contacts_region", format_func=named_country)
        if not {"phone", "email"} & set(mapping.values()):
            st.error(t("import.no_identifier"))
            return

        st.subheader(t("import.preview"))
        sample = preview(table.columns, table.rows, mapping, region, table.row_numbers)
        shown = pd.DataFrame(sample)
        shown["status"] = [status_label(s) for s in shown["status"]]
        show_table(shown, hide_index=True, width="stretch", key="contacts_preview", column_config={
            "row": t("import.col_row"), "status": t("import.col_status"), "notes": t("import.col_notes"),
            **{name: t(f"col.{name}") for name in ("phone_e164", "phone_type", "first_name", "last_name", "email",
                                                   "country", "interests")}})

        if st.button(t("import.run", rows=len(table.rows)), type="primary", key="contacts_run_import",
                     disabled=not can_write, icon=":material/upload:"):
            bar = st.progress(0.0, text=t("import.running"))
            try:
                report = import_rows(ctx.db, ctx.principal, ctx.workspace.id, table.columns, table.rows,
                                     file_name=upload.name, file_format=table.format, mapping=mapping,
                                     region=region, row_numbers=table.row_numbers,
                                     progress=lambda share: bar.progress(share, text=t("import.running")))
            except ImportRefused as exc:
                bar.empty()
                st.error(exc.message, icon=":material/block:")
                return
            bar.empty()
            st.session_state["contacts_report"] = report
        if (report := st.session_state.get("contacts_report")) and report.file_name == upload.name:
            _show_report(report)


with tab_import:
    _import_tab()

with tab_list:
    search = st.text_input(t("contacts.search"), key="contacts_search", max_chars=100)
    # everything held on one person, their consents, export and erasure: the contact's own page
    if st.button(t("rights.open"), key="contacts_open_record", icon=":material/person:"):
        st.session_state["rights_search"] = search.strip()
        st.switch_page("pages/contact.py")
    frame, total = list_contacts(ctx.db, ctx.principal, ctx.workspace.id, search)
    if total == 0 and not search.strip():
        st.write(t("contacts.none"))
    elif total == 0:
        st.write(plain(t("contacts.no_match", search=search)))
    else:
        st.caption(t("contacts.count", shown=len(frame), total=total))
        show_table(frame, hide_index=True, width="stretch", key="contacts_table",
                     column_config={name: st.column_config.Column(t(f"col.{name}")) for name in frame.columns})
        with st.expander(t("import.export"), icon=":material/download:"):
            st.caption(t("import.export_help"))
            if st.button(t("import.export"), key="contacts_prepare_export"):
                rows = exportable_contacts(ctx.db, ctx.principal, ctx.workspace.id, EXPORT_COLUMNS)
                keep_prepared("contacts_export", ctx.workspace.id, rows)
                record_export(ctx.db, ctx.principal, ctx.workspace.id, rows=len(rows))
            if (rows := prepared("contacts_export", ctx.workspace.id)) is not None:
                left, right = st.columns(2)
                header, body = people_header(EXPORT_COLUMNS), people_rows(rows)
                left.download_button(t("import.export_csv"), to_csv(header, body),
                                     f"contacts-{ctx.workspace.slug}.csv", "text/csv", key="contacts_export_csv")
                right.download_button(t("import.export_xlsx"), to_xlsx(header, body),
                                      f"contacts-{ctx.workspace.slug}.xlsx", key="contacts_export_xlsx",
                                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

with tab_history:
    history = import_history(ctx.db, ctx.principal, ctx.workspace.id)
    if not history:
        st.write(t("import.history_empty"))
    else:
        table_rows = [{
            t("import.h_when"): local_time(item["created_at"]),  # Paris time, as on the audit page
            t("import.h_file"): item["file_name"],
            t("import.h_who"): item["created_by"] or "",
            t("import.m_rows"): item["rows"], t("import.m_new"): item["imported"],
            t("import.m_updated"): item["updated"], t("import.m_unchanged"): item["unchanged"],
            t("import.m_refused"): item["refused"],
            t("import.h_status"): t("import.h_undone") if item["status"] == "undone" else t("import.h_done"),
        } for item in history]
        show_table(pd.DataFrame(table_rows), hide_index=True, width="stretch", key="contacts_history")
        undoable = [item for item in history if item["status"] != "undone"]
        if undoable and can_write:
            names = {item["id"]: f"{local_time(item['created_at'])} · {item['file_name']}" for item in undoable}
            if st.session_state.get("contacts_undo_newest") != undoable[0]["id"]:  # a new import: offer it first
                st.session_state["contacts_undo_newest"] = undoable[0]["id"]
                st.session_state.pop("contacts_undo_pick", None)
            picked = st.selectbox(t("import.undo_pick"), list(names), format_func=names.get, key="contacts_undo_pick")
            sure = st.checkbox(t("import.undo_confirm"), key="contacts_undo_confirm")
            if st.button(t("import.undo"), disabled=not sure, key="contacts_undo", icon=":material/undo:"):
                result = undo_import(ctx.db, ctx.principal, ctx.workspace.id, picked)
                st.session_state.pop("contacts_undo_confirm", None)
                st.success(t("import.undone", **result))
