-- When an order was shipped and received (confirmed by the shopper, WeChat's confirm component or
-- the auto-confirm timer). Set by the orders module in the same statement as the transition
-- (transitionIn), like paid_at: the auto-confirm sweep reads shipped_at, and the after-sales
-- window (src/domain/after-sales.ts) and everything waiting for it (commission, referral rewards)
-- read received_at.
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE orders ADD COLUMN received_at timestamptz;
UPDATE orders o SET shipped_at = e.at
FROM (SELECT order_id, min(at) AS at FROM order_events WHERE status = 'shipped' GROUP BY order_id) e
WHERE e.order_id = o.id;
UPDATE orders o SET received_at = e.at
FROM (SELECT order_id, min(at) AS at FROM order_events WHERE status = 'completed' GROUP BY order_id) e
WHERE e.order_id = o.id;
-- The auto-confirm sweep: shipped orders, oldest shipment first.
CREATE INDEX orders_shipped_at_idx ON orders (shipped_at) WHERE status = 'shipped';
