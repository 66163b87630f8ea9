-- The workspace's suppression key stays inside the database. With it, a member could hash every French mobile
-- number (about a billion candidates) and find who is on the suppression list, undoing what an erasure or an
-- opt-out promised. Members now read every column of a workspace but that one; the hashing the app needs is
-- done by cercle.suppression_hashes (security definer), which returns hashes, never the key.
-- A later migration that adds a column to public.workspaces must grant select on it to authenticated.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

do $$
declare
  readable text;
begin
  select string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into readable
  from pg_catalog.pg_attribute a
  where a.attrelid = 'public.workspaces'::regclass and a.attnum > 0 and not a.attisdropped
    and a.attname <> 'suppression_key';
  revoke select on public.workspaces from authenticated;
  execute format('grant select (%s) on public.workspaces to authenticated', readable);
end
$$;

-- The keyed hashes of many phones or e-mails at once (one call per import), for a workspace the caller belongs to.
create function cercle.suppression_hashes(target_workspace uuid, kind text, vals text[])
returns table (value text, key_hash text)
language sql stable security definer set search_path = ''
as $$
  select v.value, cercle.keyed_hash(w.suppression_key, kind, v.value)
  from public.workspaces w cross join pg_catalog.unnest(vals) as v(value)
  where w.id = target_workspace and (select cercle.is_member(target_workspace))
$$;
revoke all on function cercle.suppression_hashes(uuid, text, text[]) from public, anon;
grant execute on function cercle.suppression_hashes(uuid, text, text[]) to authenticated, service_role;
