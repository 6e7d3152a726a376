-- Shipping (server/modules/shipping): one row per parcel of a shipped order, and the outbox of
-- what each platform must be told (WeChat upload_shipping_info, Alipay merchant.order.sync),
-- written in the same transaction as the order change and sent by the shipping worker.
CREATE TABLE shipments (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  kind text NOT NULL CHECK (kind IN ('express', 'same_city', 'virtual', 'pickup')),
  carrier text,
  tracking_no text,
  -- [{orderItemId, quantity}]: the lines in this parcel.
  items jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL
);
CREATE INDEX shipments_order_idx ON shipments (order_id, id);

CREATE TABLE shipping_uploads (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  provider text NOT NULL CHECK (provider IN ('wechat', 'alipay', 'sandbox')),
  action text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- Who holds the row while calling the platform, and until when (a crashed worker's rows come back).
  lease_owner text,
  lease_until timestamptz,
  request jsonb NOT NULL,
  response jsonb,
  last_error text,
  -- order:<id>:<action>: the same event twice enqueues one upload.
  dedupe_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX shipping_uploads_order_idx ON shipping_uploads (order_id, id);
CREATE INDEX shipping_uploads_due_idx ON shipping_uploads (next_attempt_at) WHERE status = 'pending';

-- The sandbox playing WeChat's and Alipay's shipping APIs (server/platforms/sandbox/shipping.ts):
-- every call as it would have gone out, and WeChat's order state for get_order.
CREATE TABLE sandbox_shipping_calls (
  id serial PRIMARY KEY,
  api text NOT NULL,
  -- transaction_id (WeChat) or out_biz_no (Alipay): which order the call was about.
  ref text NOT NULL,
  request jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX sandbox_shipping_calls_ref_idx ON sandbox_shipping_calls (ref, id);
CREATE TABLE sandbox_wechat_orders (
  transaction_id text PRIMARY KEY,
  order_state integer NOT NULL,
  updated_at timestamptz NOT NULL
);
