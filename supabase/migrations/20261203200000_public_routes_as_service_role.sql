-- The join pages (20261203160000) and the sliding click window (20261203190000) were written beside
-- 20261203100400_anon_calls_nothing.sql and granted their security-definer functions to anon again. Same rule for
-- them: anon (the public API key's role on Supabase) executes no definer function; the server's routes call them
-- as service_role on the admin connection.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

revoke execute on function cercle_join.resolve_page(text), cercle_join.record_view(uuid, text),
  cercle_join.attempt(uuid, text, integer, integer),
  cercle_join.sign_up(text, text, text, text, text, text, boolean[], text, text[], text, numeric, numeric, boolean,
                      text[], jsonb),
  cercle_redirect.record_click(uuid, text, text, timestamptz, integer, integer)
  from anon;
revoke usage on schema cercle_join from anon;
