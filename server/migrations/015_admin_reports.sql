-- The console's order search and the dashboard (modules/orders admin queries, modules/reports).

-- When an order was paid. Sales are counted by payment time, and reading it from the 'paid'
-- timeline entry would join order_events for every dashboard number: the orders module sets it
-- in the same statement as the 'pay' transition (transitionIn), so it can't drift from the timeline.
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
UPDATE orders o SET paid_at = e.at
FROM (SELECT order_id, min(at) AS at FROM order_events WHERE status = 'paid' GROUP BY order_id) e
WHERE e.order_id = o.id;
-- Where the order was placed (the shopper's platform: weapp, alipay, h5), written with the order.
-- A user never changes platform, so this is a copy, kept on the order so that sales by platform
-- need no join to users over every paid order of the range (a third of the 30-day answer's time).
ALTER TABLE orders ADD COLUMN platform text;
UPDATE orders o SET platform = u.platform FROM users u WHERE u.id = o.user_id;

-- The dashboard's range scans: paid orders by payment time, with what its sums and its join to
-- the lines need, so both read the index alone (index-only scans once vacuumed; EXPLAIN in
-- bench/dashboard.ts: without `id` here the top-products query scanned all of orders).
CREATE INDEX orders_paid_at_idx ON orders (paid_at) INCLUDE (id, platform, total, status) WHERE paid_at IS NOT NULL;
-- Top products: the paid orders' lines by order, with the columns summed (index-only too). It
-- replaces order_items_order_idx (001), which it covers for every lookup by order: with both, the
-- planner took the narrower one and read the table for each line.
CREATE INDEX order_items_report_idx ON order_items (order_id) INCLUDE (product_id, quantity, line_total, discount);
DROP INDEX order_items_order_idx;

-- The admin order list: newest first, by status, by date (created_at, shop time), by order
-- number prefix (text_pattern_ops: LIKE 'prefix%' whatever the database collation), and by the
-- receiver's phone in the address snapshot.
CREATE INDEX orders_status_id_idx ON orders (status, id DESC);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX orders_order_no_prefix_idx ON orders (order_no text_pattern_ops);
CREATE INDEX orders_phone_idx ON orders ((address->>'phone')) WHERE address IS NOT NULL;

-- Refunds by the day their money went back; new shoppers by sign-up day; low stock.
CREATE INDEX refunds_succeeded_idx ON refunds (succeeded_at) INCLUDE (amount, kind) WHERE status = 'succeeded';
CREATE INDEX users_created_idx ON users (created_at);
CREATE INDEX skus_stock_idx ON skus (stock);

-- Usage of a coupon batch (claimed, used) in the admin list.
CREATE INDEX user_coupons_batch_status_idx ON user_coupons (batch_id, status);
