"""An import, all or nothing: one transaction records the import, merges its contacts and keeps its report.

Undoing an import removes the contacts it created and puts back the fields it changed (docs/promises.md 11–14).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg.types.json import Jsonb

from lib import audit
from lib.contacts.intake import Cleaned, Issue, clean_rows
from lib.contacts.store import FILLABLE, REACH, merge_contacts
from lib.db import Database, Principal
from lib.i18n import CATALOG, TranslatedError, t
from lib.segments.interests import canonicalise_records

# The columns an undo restores from the "before" snapshot, besides the fillable ones.
_RESTORED = FILLABLE + ("interests", "other_phones", "phone_e164") + REACH


class ImportRefused(TranslatedError):
    """The database refused a value the cleaning let through: the import is rolled back, nothing is stored,
    and ``message`` says so in French (never a traceback)."""

    prefix = "importreport.error."


@dataclass
class ImportReport:
    import_id: str | None
    file_name: str
    rows: int
    imported: int
    updated: int
    unchanged: int
    refused: int
    repaired: int
    suppressed: int = 0
    issues: list[Issue] = field(default_factory=list)
    merged_in_file: int = 0

    @property
    def changed_nothing(self) -> bool:
        return self.imported == 0 and self.updated == 0

    @property
    def not_imported(self) -> int:
        """Rows that added no one: nothing identified the person, or the person is on the suppression list."""
        return self.refused + self.suppressed

    def numbers_repaired(self) -> list[dict]:
        """Harmless repairs, one entry per kind: ``kind``, ``label`` (a French sentence), ``count`` and one
        example (``example`` as written, ``result`` as kept)."""
        return repaired_summary(self.issues)

    def numbers_lost(self) -> list[dict]:
        """Each number not kept: ``row``, ``column``, ``value``, ``why``, ``what_to_do`` and ``person`` (what
        became of the person: imported by email, or not imported)."""
        return lost_numbers(self.issues)

    def notes(self) -> list[Issue]:
        """The other remarks (an invalid email, an unreadable budget or date, a value far too long)."""
        return [issue for issue in self.issues if issue.kind == "note"]

    def refused_rows(self) -> list[int]:
        return [issue.row for issue in self.issues if issue.code == "row_refused"]

    def as_json(self) -> dict:
        """The CLI's ``--json``: the historical fields, then the report's own parts."""
        return {**self.counts(), "repaired": self.repaired, "suppressed": self.suppressed,
                "merged_in_file": self.merged_in_file, "not_imported": self.not_imported,
                "numbers_repaired": self.numbers_repaired(), "numbers_lost": self.numbers_lost(),
                "issues": [issue.as_dict() for issue in self.issues]}

    def counts(self) -> dict:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "refused": self.refused}


def import_rows(db: Database, principal: Principal, workspace_id: str, columns: list[str], rows: list[list[str]],
                *, file_name: str, file_format: str | None = None, mapping: dict[str, str] | None = None,
                region: str = "FR", row_numbers: list[int] | None = None, source: str = "upload",
                progress: Callable[[float], None] | None = None) -> ImportReport:
    """Cleans and merges ``rows`` in one transaction; returns the report (also stored with the import).

    ``progress`` is called with the share done, before each block written and between the merge's steps: in the
    browser it draws the bar, and it is also where Streamlit stops the run of a session whose browser went away
    (the exception it raises rolls the import back and frees the workspace's import lock at once)."""
    cleaned: Cleaned = clean_rows(columns, rows, region=region, mapping=mapping, row_numbers=row_numbers,
                                  source_label=file_name)
    if progress:
        progress(0.5)
    try:
        report = _store(db, principal, workspace_id, cleaned, rows, file_name=file_name, file_format=file_format,
                        source=source, progress=progress)
    except (psycopg.errors.ProgramLimitExceeded, psycopg.errors.StringDataRightTruncation,
            psycopg.errors.NumericValueOutOfRange, psycopg.errors.CharacterNotInRepertoire) as exc:
        # the transaction is rolled back: the workspace is as it was
        raise ImportRefused("database_refused") from exc
    if progress:
        progress(1.0)
    return report


def _store(db: Database, principal: Principal, workspace_id: str, cleaned: Cleaned, rows: list[list[str]], *,
           file_name: str, file_format: str | None, source: str,
           progress: Callable[[float], None] | None) -> ImportReport:
    with db.tenant(principal) as conn:
        import_id = conn.execute(
            "insert into public.imports (workspace_id, file_name, file_format, source, rows, created_by, "
            "created_by_email) values (%s, %s, %s, %s, %s, %s, %s) returning id::text",
            (workspace_id, file_name[:255], file_format, source, len(rows), principal.user_id, principal.email),
        ).fetchone()[0]
        # interests as the workspace's vocabulary names them; unknown spellings join the vocabulary
        canonicalise_records(conn, workspace_id, cleaned.records)
        counts = merge_contacts(conn, workspace_id, cleaned.records, import_id,
                                rows_to_name={issue.row for issue in cleaned.issues[:5000]},
                                checkpoint=(lambda: progress(0.7)) if progress else None)
        # a row the suppression list stopped keeps no line in the report (a line may quote the listed number)
        cleaned.issues = [issue for issue in cleaned.issues if issue.row not in counts.suppressed_rows]
        if progress:
            progress(0.9)
        report = ImportReport(import_id, file_name, len(rows), counts.imported, counts.updated, counts.unchanged,
                              cleaned.refused, cleaned.repaired, counts.suppressed, cleaned.issues,
                              counts.merged_in_file)
        conn.execute(
            "update public.imports set imported = %s, updated = %s, unchanged = %s, refused = %s, repaired = %s, "
            "issues = %s where id = %s",
            (report.imported, report.updated, report.unchanged, report.refused, report.repaired,
             Jsonb([{**issue.as_dict(), "contact": counts.row_contacts.get(issue.row)}
                    for issue in cleaned.issues[:5000]]), import_id),
        )
        # the activity log never names the file (a file name can name a person): the import's number does
        number = conn.execute("select number from public.imports where id = %s", (import_id,)).fetchone()[0]
        audit.record(conn, workspace_id, "import", file_number=number, source=source, import_id=import_id,
                     **report.counts())
    return report


def undo_import(db: Database, principal: Principal, workspace_id: str, import_id: str) -> dict:
    """Removes the contacts the import created and restores the fields it changed; returns the counts."""
    restore = ", ".join(f"{name} = b.{name}" for name in _RESTORED)
    with db.tenant(principal) as conn:
        status = conn.execute("select status, source from public.imports where id = %s and workspace_id = %s"
                              " for update", (import_id, workspace_id)).fetchone()
        # a join page's sign-ups are people who came themselves: never undone (the database refuses it too)
        if status is None or status[0] == "undone" or status[1] == "join_page":
            return {"removed": 0, "restored": 0}
        restored = conn.execute(
            "update public.contacts c set " + restore + ", updated_at = now() "
            "from public.import_changes ch, "
            "jsonb_populate_record(null::public.contacts, ch.before) b "
            "where ch.import_id = %s and ch.workspace_id = %s and ch.contact_id = c.id",
            (import_id, workspace_id),
        ).rowcount
        removed = conn.execute("delete from public.contacts where source_import_id = %s and workspace_id = %s",
                               (import_id, workspace_id)).rowcount
        conn.execute("delete from public.import_changes where import_id = %s", (import_id,))
        conn.execute("update public.imports set status = 'undone', undone_at = now() where id = %s", (import_id,))
        audit.record_import_undone(conn, workspace_id, import_id, removed=removed, restored=restored)
    return {"removed": removed, "restored": restored}


ISSUE_COLUMNS = ("row", "column", "value", "code", "message")
# What the downloadable list shows: French words only, never a code.
REPORT_COLUMNS = ("row", "kind", "column", "value", "message", "what_to_do")


def issue_rows(issues: list[Issue]) -> list[tuple]:
    """The issues as rows of ``ISSUE_COLUMNS`` (codes included: for the CLI and machines)."""
    return [tuple(issue.as_dict()[name] for name in ISSUE_COLUMNS) for issue in issues]


def _lost_key(issue: Issue) -> str:
    reason = issue.reason or issue.code.removeprefix("phone.")
    if issue.code == "phone.invalid_number_dropped":
        reason = "invalid_number_dropped"
    return reason if f"importreport.lost.why.{reason}" in CATALOG else "invalid"


def report_rows(issues: list[Issue]) -> list[tuple]:
    """Every remark as rows of ``REPORT_COLUMNS``, in French (the downloadable list)."""
    rows = []
    for issue in issues:
        if issue.kind == "number_lost":
            key = _lost_key(issue)
            message, todo = t(f"importreport.lost.why.{key}"), t(f"importreport.lost.todo.{key}")
        elif issue.kind == "repaired":
            message, todo = issue.message, ""
        else:
            message, todo = issue.message, t(f"importreport.todo.{issue.kind}")
        rows.append((issue.row, t(f"importreport.kind.{issue.kind}"), issue.column, issue.value, message, todo))
    return rows


def repaired_summary(issues: list[Issue]) -> list[dict]:
    """Harmless repairs collapsed by kind, most frequent first, with one example each."""
    kinds: dict[str, dict] = {}
    for issue in issues:
        if issue.kind != "repaired":
            continue
        code = issue.code.removeprefix("phone.")
        entry = kinds.get(code)
        if entry is None:
            kinds[code] = {"kind": code, "label": issue.message, "count": 1, "example": issue.value,
                           "example_row": issue.row, "result": issue.result}
        else:
            entry["count"] += 1
    return sorted(kinds.values(), key=lambda entry: -entry["count"])


def lost_numbers(issues: list[Issue]) -> list[dict]:
    """Each number that was not kept, with why and what to do, in French."""
    refused = {issue.row for issue in issues if issue.code == "row_refused"}
    lost = []
    for issue in issues:
        if issue.kind != "number_lost":
            continue
        key = _lost_key(issue)
        lost.append({"row": issue.row, "column": issue.column, "value": issue.value,
                     "why": t(f"importreport.lost.why.{key}"), "what_to_do": t(f"importreport.lost.todo.{key}"),
                     "person": t("importreport.person.refused" if issue.row in refused
                                 else "importreport.person.kept")})
    return lost


def preview(columns: list[str], rows: list[list[str]], mapping: dict[str, str], region: str,
            row_numbers: list[int] | None = None, size: int = 15) -> list[dict]:
    """The first ``size`` rows as they will be stored: cleaned phone, type, name, email and what was said."""
    sample, numbers = rows[:size], (row_numbers or list(range(2, len(rows) + 2)))[:size]
    cleaned = clean_rows(columns, sample, region=region, mapping=mapping, row_numbers=numbers)
    said: dict[int, list[str]] = {}
    kinds: dict[int, set[str]] = {}
    for issue in cleaned.issues:
        kinds.setdefault(issue.row, set()).add(issue.kind)
        if issue.kind == "number_lost":
            said.setdefault(issue.row, []).append(t("importreport.preview.lost", why=t(
                f"importreport.lost.why.{_lost_key(issue)}")))
        else:
            said.setdefault(issue.row, []).append(issue.message)
    stored = {record.row: record for record in cleaned.records}
    result = []
    for number in numbers:
        record = stored.get(number)
        result.append({
            "row": number,
            "phone_e164": record.phone_e164 if record else None,
            "phone_type": record.phone_type if record else None,
            "first_name": record.first_name if record else None,
            "last_name": record.last_name if record else None,
            "email": record.email if record else None,
            "country": record.country if record else None,
            "interests": ", ".join(record.interests) if record else None,
            "status": _status(record is None, kinds.get(number, set())),
            "notes": " · ".join(said.get(number, [])),
        })
    return result


PREVIEW_STATUSES = ("ok", "repaired", "phone_lost", "note", "refused")


def _status(refused: bool, kinds: set[str]) -> str:
    """A preview row's status: a dropped number is never called « Réparé »."""
    if refused:
        return "refused"
    if "number_lost" in kinds:
        return "phone_lost"
    if "note" in kinds:
        return "note"
    return "repaired" if "repaired" in kinds else "ok"


def status_label(status: str) -> str:
    return t(f"import.status.{status}" if status in ("ok", "repaired", "refused") else f"importreport.status.{status}")


def import_history(db: Database, principal: Principal, workspace_id: str, limit: int = 50) -> list[dict]:
    """The workspace's imports, newest first, with who ran them."""
    with db.tenant(principal) as conn:
        cursor = conn.execute(
            "select i.id::text as id, i.created_at, i.file_name, i.source, i.rows, i.imported, i.updated, "
            "i.unchanged, i.refused, i.repaired, i.status, i.undone_at, i.created_by_email as created_by "
            "from public.imports i where i.workspace_id = %s order by i.created_at desc, i.id desc limit %s",
            (workspace_id, limit))
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
