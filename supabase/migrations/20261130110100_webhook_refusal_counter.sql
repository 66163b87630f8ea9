-- Review of the shop webhooks (issue 6). Applied by the Supabase CLI on a hosted project and by lib/db on any other
-- PostgreSQL; replaces one function of 20261130100100_shop_webhooks.sql, same signature and rights.
--
-- A refused signature is counted on the connection's row. Anyone who knows a shop's address (public) can send
-- refused deliveries as fast as they like: each count must never wait for the row's lock (another refusal being
-- counted, the owner saving the settings), or a flood of refusals would queue every worker thread behind it.
-- A count that would wait is skipped: the figure is "at least", which is all the settings page says of it.
create or replace function cercle_shop_hooks.note_rejected(hook_workspace uuid, hook_platform text)
returns void
language sql volatile security definer set search_path = ''
as $$
  update public.shop_webhooks h set rejected = h.rejected + 1, last_rejected_at = pg_catalog.now()
  from (select l.workspace_id, l.platform from public.shop_webhooks l
        where l.workspace_id = hook_workspace and l.platform = hook_platform
        for update skip locked) free
  where h.workspace_id = free.workspace_id and h.platform = free.platform
$$;

revoke all on function cercle_shop_hooks.note_rejected(uuid, text) from public, anon, authenticated;
grant execute on function cercle_shop_hooks.note_rejected(uuid, text) to service_role;
