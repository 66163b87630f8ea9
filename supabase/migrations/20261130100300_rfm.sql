-- Observed purchasing ability (RFM) is aggregated from the sales of each contact at count time
-- (lib/segments/rfm.py): this partial covering index lets that aggregate read only the workspace's sales
-- matched to a contact, already grouped by contact, without touching the orders table (index-only scan).
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

create index orders_rfm_idx on public.orders (workspace_id, contact_id) include (created_at, amount_cents)
  where is_sale and contact_id is not null;
