-- Refunds: one row per refund of a paid attempt. out_refund_no is what the platform knows the
-- refund by (WeChat out_refund_no, Alipay out_request_no); retrying with the same number
-- never refunds twice on either platform.
CREATE TABLE refunds (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  payment_id integer NOT NULL REFERENCES payments(id),
  out_refund_no text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount > 0),
  -- order: the merchant refunds lines of an order; unpayable: money that arrived for an order
  -- that could no longer take it (closed, cancelled, paid twice) goes back on its own.
  kind text NOT NULL CHECK (kind IN ('order', 'unpayable')),
  -- [{skuId, quantity, amount}]: the units this refund returns (empty for unpayable).
  lines jsonb NOT NULL DEFAULT '[]',
  restock boolean NOT NULL,
  -- The refund returns everything still paid on the order: success moves it to refunded.
  closes_order boolean NOT NULL,
  reason text NOT NULL,
  -- pending -> succeeded | failed; a failed refund is retried with the same out_refund_no.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  failure text,
  platform_refund_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  succeeded_at timestamptz
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);
CREATE INDEX refunds_open_idx ON refunds (status, updated_at) WHERE status <> 'succeeded';

-- Units and fen spoken for by refunds (succeeded, pending or failed-and-to-be-retried; a
-- refund is never abandoned): the next refund plans from what is left.
ALTER TABLE order_items ADD COLUMN refunded_quantity integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN refunded_total integer NOT NULL DEFAULT 0;
