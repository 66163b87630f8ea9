-- The conversions page's people counts (lib/conversions/metrics.py): contacts not opted out and those able to take
-- each phone channel with consent (one covering index), and those reachable on some channel, counted by index-only
-- scans instead of a pass over every contact.
-- The predicates are written exactly as the queries write them, so the planner can use the indexes.
-- No table, no view: nothing here holds data of its own; row level security of public.contacts applies.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

create index contacts_reach_counts_idx on public.contacts (workspace_id)
  include (reach_whatsapp, consent_whatsapp, reach_telegram, consent_telegram, reach_sms, consent_sms)
  where opted_out_at is null;

create index contacts_reach_any_idx on public.contacts (workspace_id)
  where opted_out_at is null
    and ((reach_whatsapp and consent_whatsapp) or (reach_telegram and consent_telegram)
         or (reach_sms and consent_sms) or (email is not null and consent_email));

-- Visits of each tracked link in a period, counted from the index alone.
create index link_clicks_link_time_idx on public.link_clicks (link_id, clicked_at);
