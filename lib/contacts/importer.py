"""An import, all or nothing: one transaction records the import, merges its contacts and keeps its report.

Undoing an import removes the contacts it created and puts back the fields it changed (TRUST.md 11–14).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from psycopg.types.json import Jsonb

from lib import audit
from lib.contacts.intake import Cleaned, Issue, clean_rows
from lib.contacts.store import FILLABLE, merge_contacts
from lib.db import Database, Principal
from lib.segments.interests import canonicalise_records

# The columns an undo restores from the "before" snapshot, besides the fillable ones.
_RESTORED = FILLABLE + ("interests", "other_phones")


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

    @property
    def changed_nothing(self) -> bool:
        return self.imported == 0 and self.updated == 0

    def counts(self) -> dict:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "refused": self.refused}


def import_rows(db: Database, principal: Principal, workspace_id: str, columns: list[str], rows: list[list[str]],
                *, file_name: str, file_format: str | None = None, mapping: dict[str, str] | None = None,
                region: str = "FR", row_numbers: list[int] | None = None, source: str = "upload",
                progress: Callable[[float], None] | None = None) -> ImportReport:
    """Cleans and merges ``rows`` in one transaction; returns the report (also stored with the import)."""
    cleaned: Cleaned = clean_rows(columns, rows, region=region, mapping=mapping, row_numbers=row_numbers,
                                  source_label=file_name)
    if progress:
        progress(0.5)
    with db.tenant(principal) as conn:
        import_id = conn.execute(
            "insert into public.imports (workspace_id, file_name, file_format, source, rows, created_by, "
            "created_by_email) values (%s, %s, %s, %s, %s, %s, %s) returning id::text",
            (workspace_id, file_name[:255], file_format, source, len(rows), principal.user_id, principal.email),
        ).fetchone()[0]
        # interests as the workspace's vocabulary names them; unknown spellings join the vocabulary
        canonicalise_records(conn, workspace_id, cleaned.records)
        counts = merge_contacts(conn, workspace_id, cleaned.records, import_id,
                                rows_to_name={issue.row for issue in cleaned.issues[:5000]})
        # a row the suppression list stopped keeps no line in the report (a line may quote the listed number)
        cleaned.issues = [issue for issue in cleaned.issues if issue.row not in counts.suppressed_rows]
        if progress:
            progress(0.9)
        report = ImportReport(import_id, file_name, len(rows), counts.imported, counts.updated, counts.unchanged,
                              cleaned.refused, cleaned.repaired, counts.suppressed, cleaned.issues)
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
    if progress:
        progress(1.0)
    return report


def undo_import(db: Database, principal: Principal, workspace_id: str, import_id: str) -> dict:
    """Removes the contacts the import created and restores the fields it changed; returns the counts."""
    restore = ", ".join(f"{name} = b.{name}" for name in _RESTORED)
    with db.tenant(principal) as conn:
        status = conn.execute("select status from public.imports where id = %s and workspace_id = %s for update",
                              (import_id, workspace_id)).fetchone()
        if status is None or status[0] == "undone":
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


def issue_rows(issues: list[Issue]) -> list[tuple]:
    """The issues as rows of ``ISSUE_COLUMNS`` (for the on-screen table and the downloads)."""
    return [tuple(issue.as_dict()[name] for name in ISSUE_COLUMNS) for issue in issues]


def preview(columns: list[str], rows: list[list[str]], mapping: dict[str, str], region: str,
            row_numbers: list[int] | None = None, size: int = 15) -> list[dict]:
    """The first ``size`` rows as they will be stored: cleaned phone, type, name, email and what was said."""
    sample, numbers = rows[:size], (row_numbers or list(range(2, len(rows) + 2)))[:size]
    cleaned = clean_rows(columns, sample, region=region, mapping=mapping, row_numbers=numbers)
    said: dict[int, list[str]] = {}
    for issue in cleaned.issues:
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
            "status": "refused" if record is None else ("repaired" if said.get(number) else "ok"),
            "notes": " · ".join(said.get(number, [])),
        })
    return result


def import_history(db: Database, principal: Principal, workspace_id: str, limit: int = 50) -> list[dict]:
    """The workspace's imports, newest first, with who ran them."""
    with db.tenant(principal) as conn:
        cursor = conn.execute(
            "select i.id::text as id, i.created_at, i.file_name, i.source, i.rows, i.imported, i.updated, "
            "i.unchanged, i.refused, i.repaired, i.status, i.undone_at, i.created_by_email as created_by "
            "from public.imports i where i.workspace_id = %s order by i.created_at desc limit %s",
            (workspace_id, limit))
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
