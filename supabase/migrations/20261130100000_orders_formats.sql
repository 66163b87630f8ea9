-- Orders from more places than Shopify's export: WooCommerce and PrestaShop exports, any other spreadsheet read
-- through the column mapping ('csv'), and sales typed in by hand at the cellar door or a wine fair ('manual').
-- A manual sale may name its buyer without a phone or an e-mail, and carry a short note; PrestaShop's export
-- names the customer too (lib/conversions/orders.py, lib/conversions/manual_orders.py).

alter table public.order_imports drop constraint order_imports_source_check;
alter table public.order_imports add constraint order_imports_source_check
  check (source in ('shopify', 'woocommerce', 'prestashop', 'csv', 'manual'));

alter table public.orders drop constraint orders_source_check;
alter table public.orders add constraint orders_source_check
  check (source in ('shopify', 'woocommerce', 'prestashop', 'csv', 'manual'));

alter table public.orders
  add column buyer_name text check (length(buyer_name) <= 200),
  add column note text check (length(note) <= 1000);
