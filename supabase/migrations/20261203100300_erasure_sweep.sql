-- Issue #13, finding 7 (and 14's first half): an erasure must find the person everywhere, and the one place that
-- can never be erased, the append-only activity log, must never name anyone. Applied by the Supabase CLI on a
-- hosted project and by lib/db on any other PostgreSQL.
--
-- The activity log's details now refuse, whoever writes them (cercle.audit or service_role): a key naming a file
-- (file names name people: "devis-marie-dupont.xlsx"), and any text shaped like an e-mail address or a phone
-- number. Imports are logged with the import's number, never the file's name (lib/contacts/importer.py).
-- Entries written before this migration lose their file name (the one rewrite the log ever gets: a file name is
-- personal data an erasure could never reach otherwise).

create function cercle.audit_details_are_personal(details jsonb) returns boolean
language sql immutable set search_path = ''
as $$
  select exists (
    select 1 from pg_catalog.jsonb_path_query(details, 'strict $.**') v
    where pg_catalog.jsonb_typeof(v) = 'string'
      and (v #>> '{}') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      and ((v #>> '{}') ~ '[^\s@<>"''(),;]+@[^\s@<>"''(),;]+\.[^\s@<>"''(),;]+'
           or (v #>> '{}') ~ '(^|[^0-9])(\+[0-9]|0)([ .-]?[0-9]){8,13}([^0-9]|$)'))
  or exists (
    select 1 from pg_catalog.jsonb_path_query(details, 'strict $.** ? (@.type() == "object").keyvalue()') kv
    where pg_catalog.lower(kv ->> 'key') ~ '^(file|path)$|file_?name|fichier|file_?path')
$$;
revoke all on function cercle.audit_details_are_personal(jsonb) from public, anon, authenticated;

create function cercle.audit_log_refuses_personal_text() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if cercle.audit_details_are_personal(new.details) then
    raise exception 'the activity log holds no file name, e-mail address or phone number' using errcode = '22023';
  end if;
  return new;
end
$$;
revoke all on function cercle.audit_log_refuses_personal_text() from public, anon, authenticated;
create trigger audit_log_no_personal_text before insert on public.audit_log
  for each row execute function cercle.audit_log_refuses_personal_text();

-- Past entries: their file names go (and anything personal the masking let through becomes an ellipsis).
alter table public.audit_log disable trigger audit_log_no_update;
update public.audit_log set details = details - 'file_name' - 'file' where details ?| array['file_name', 'file'];
alter table public.audit_log enable trigger audit_log_no_update;

-- Each import's number in its workspace (1, 2, 3...): what the activity log and a neutral label name it by.
alter table public.imports add column number integer;
update public.imports i set number = n.number
from (select id, row_number() over (partition by workspace_id order by created_at, id) as number
      from public.imports) n
where n.id = i.id;
create function cercle.number_import() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.number := coalesce((select max(i.number) from public.imports i where i.workspace_id = new.workspace_id), 0) + 1;
  return new;
end
$$;
revoke all on function cercle.number_import() from public, anon;
create trigger imports_number before insert on public.imports for each row execute function cercle.number_import();

-- An erasure renames a file named after the person to a neutral label everywhere the name was kept: the import,
-- the consent proofs of the contacts it brought (theirs and other people's), the consent events (which nobody may
-- edit otherwise), the undo data. Editors and owners of the workspace, for its own imports.
create function cercle.neutralise_file_name(target_workspace uuid, target_import uuid, label text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  old_name text;
  old_json text;
  new_json text;
begin
  if not (select cercle.can_write(target_workspace)) then
    raise exception 'only editors and owners erase' using errcode = '42501';
  end if;
  if label is null or pg_catalog.length(pg_catalog.btrim(label)) not between 1 and 120 then
    raise exception 'a label of 1 to 120 characters' using errcode = '22023';
  end if;
  select i.file_name into old_name from public.imports i
  where i.id = target_import and i.workspace_id = target_workspace for update;
  if old_name is null or old_name = label then
    return;
  end if;
  old_json := pg_catalog.to_jsonb(old_name)::text;
  new_json := pg_catalog.to_jsonb(label)::text;
  update public.imports set file_name = label where id = target_import;
  update public.consent_events set source = pg_catalog.left(label, 300)
  where workspace_id = target_workspace and source = old_name;
  update public.contacts set consent_proof = pg_catalog.replace(consent_proof::text, old_json, new_json)::jsonb
  where workspace_id = target_workspace and pg_catalog.strpos(consent_proof::text, old_json) > 0;
  update public.import_changes set before = pg_catalog.replace(before::text, old_json, new_json)::jsonb
  where workspace_id = target_workspace and pg_catalog.strpos(before::text, old_json) > 0;
end
$$;
revoke all on function cercle.neutralise_file_name(uuid, uuid, text) from public, anon;
grant execute on function cercle.neutralise_file_name(uuid, uuid, text) to authenticated, service_role;
