-- Deleting a manual sale (cellar door, fair) entered by mistake is written in the activity log, with its number
-- and amount only. Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.
select cercle.allow_audit_actions('order_deleted');
