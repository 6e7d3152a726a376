-- Parcel tracking (modules/tracking owns it): one row per parcel an order's shipment or a
-- shopper's return was sent in. The shipping module (and after-sales, for returns) calls
-- tracking.watch() in its own transaction; the provider (Kuaidi100, or the sandbox playing it)
-- is subscribed after that commits, its pushes and the polling sweep update the row.
CREATE TABLE parcels (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  -- 'delivery': the shop's parcel to the shopper; 'return': the shopper's parcel back (no messages).
  kind text NOT NULL CHECK (kind IN ('delivery', 'return')),
  -- How a delivery went out (src/domain/shipping.ts FULFILMENT_KINDS: 'express', 'same_city'); null for returns.
  fulfilment text,
  -- Our carrier code (src/domain/shipping.ts CARRIERS: 'SF', 'ZTO', …), not Kuaidi100's.
  carrier text NOT NULL,
  tracking_no text NOT NULL,
  -- The receiver's phone, last 4 digits: Kuaidi100 wants it for SF (顺丰单号必填).
  phone_tail text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'collected', 'in_transit', 'delivering', 'delivered', 'problem', 'returned')),
  -- The provider's events, newest first: [{at, text, area}].
  events jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  -- When the provider accepted the subscription; null: the sweep subscribes again.
  subscribed_at timestamptz,
  -- The last try (the sweep waits a while before the next one) and what the provider said.
  subscribe_tried_at timestamptz,
  subscribe_error text,
  -- When the provider last told us anything new (push or query).
  updated_at timestamptz,
  -- When we last asked the provider (the polling fallback's clock).
  checked_at timestamptz,
  delivered_at timestamptz,
  UNIQUE (carrier, tracking_no, order_id)
);
CREATE INDEX parcels_order_idx ON parcels (order_id);
-- Pushes name the parcel by carrier and number only.
CREATE INDEX parcels_number_idx ON parcels (tracking_no);
-- The sweep: parcels still to subscribe, and parcels not final to poll.
CREATE INDEX parcels_unsubscribed_idx ON parcels (created_at) WHERE subscribed_at IS NULL;
CREATE INDEX parcels_open_idx ON parcels (checked_at) WHERE state NOT IN ('delivered', 'returned');
