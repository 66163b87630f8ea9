-- Issue #13, finding 14 (second half): five security-definer functions were executable by role anon and trusted
-- their arguments (record_click counts a click for any link id, record_update takes any bot's update,
-- webhook_secret_hash hands out a workspace's webhook secret hash). On Supabase, anon is what the public API key
-- gets. No route needs anon for them: the server calls them itself (redirects, invitations, the Telegram webhook),
-- now as service_role on its admin connection, like the shop webhooks. anon keeps no schema and no function here.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

revoke execute on function cercle_redirect.resolve_link(text), cercle_redirect.record_click(uuid, text),
  cercle_redirect.open_invitation(text) from anon;
revoke execute on function cercle_telegram.webhook_secret_hash(text),
  cercle_telegram.record_update(text, bigint, text, bigint, text, text, bigint, text, boolean, timestamptz) from anon;
grant execute on function cercle_redirect.resolve_link(text), cercle_redirect.record_click(uuid, text),
  cercle_redirect.open_invitation(text), cercle_telegram.webhook_secret_hash(text),
  cercle_telegram.record_update(text, bigint, text, bigint, text, text, bigint, text, boolean, timestamptz)
  to service_role;
revoke usage on schema cercle_redirect, cercle_telegram from anon;
