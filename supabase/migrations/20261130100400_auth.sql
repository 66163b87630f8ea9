-- Sign-in on a shared instance: the activity log learns sign-outs (sign-ins are already there).
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- Adds actions to the activity log's allowed list (the audit_log_action_check constraint). The current list is
-- read from the check, whether it names its actions one literal each ('import'::text, ...) or as one array literal
-- ('{import,...}'::text[]), and written back one literal each with the new ones: a migration that teaches the
-- log new actions calls this and never drops an action another migration added.
create function cercle.allow_audit_actions(variadic new_actions text[]) returns void
language plpgsql set search_path = ''
as $$
declare
  actions text[];
begin
  select array_agg(distinct a order by a) into actions
  from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') as m,
       regexp_split_to_table(m[1], '[{},]') as a
  where c.conrelid = 'public.audit_log'::regclass and c.conname = 'audit_log_action_check' and a ~ '^[a-z_]+$';
  if actions is null or new_actions <@ actions then
    return;  -- no list to extend (every action allowed), or nothing new
  end if;
  actions := array(select distinct a from unnest(actions || new_actions) as a order by 1);
  alter table public.audit_log drop constraint if exists audit_log_action_check;
  execute format('alter table public.audit_log add constraint audit_log_action_check check (action in (%s))',
                 (select string_agg(quote_literal(a), ', ' order by a) from unnest(actions) as a));
end
$$;
revoke all on function cercle.allow_audit_actions(text[]) from public, anon, authenticated;

select cercle.allow_audit_actions('sign_out');
