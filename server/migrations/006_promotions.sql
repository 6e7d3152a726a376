-- Promotions, coupons and light membership (src/domain/promotions prices with them).
-- Every count that must not be exceeded under concurrency is also a CHECK here, so a bug
-- in the code fails a statement instead of overselling an offer or over-issuing a batch.

CREATE TABLE promotions (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('limited_time', 'member_price', 'n_for_n', 'full_reduction', 'full_discount')),
  name text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Set when an admin ends it early: it stops pricing at once.
  ended_at timestamptz,
  -- {combinesWith, priority} (src/domain/promotions/types.ts Stacking).
  stacking jsonb NOT NULL,
  -- The kind's own fields (scope, tiers, percent, count, price, perUserLimit ...), checked by
  -- the admin endpoint's schema before they get here.
  rules jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
-- The live set is read often (cached briefly): not ended, not over.
CREATE INDEX promotions_live_idx ON promotions (ends_at) WHERE ended_at IS NULL;

-- A limited-time offer's own stock per SKU: `sold` counts units sold at the offer price by
-- unpaid and paid orders; an order that ends unpaid gives its units back.
CREATE TABLE promotion_items (
  promotion_id integer NOT NULL REFERENCES promotions(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  price integer NOT NULL CHECK (price >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
  CHECK (sold <= stock),
  PRIMARY KEY (promotion_id, sku_id)
);
CREATE INDEX promotion_items_sku_idx ON promotion_items (sku_id);

-- Units each shopper bought at a limited-time offer's price, for its per-user limit.
CREATE TABLE promotion_purchases (
  promotion_id integer NOT NULL REFERENCES promotions(id),
  user_id integer NOT NULL REFERENCES users(id),
  quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  PRIMARY KEY (promotion_id, user_id)
);
CREATE INDEX promotion_purchases_user_idx ON promotion_purchases (user_id);

CREATE TABLE coupon_batches (
  id serial PRIMARY KEY,
  title text NOT NULL,
  type text NOT NULL CHECK (type IN ('amount', 'percent')),
  -- amount: fen off; percent: percent paid (90 = 9 折).
  value integer NOT NULL CHECK (value > 0),
  cap integer CHECK (cap > 0),
  threshold integer NOT NULL DEFAULT 0 CHECK (threshold >= 0),
  scope jsonb NOT NULL,
  claim_starts_at timestamptz NOT NULL,
  claim_ends_at timestamptz NOT NULL,
  -- Validity: a fixed window, or `valid_days` from the moment it is claimed.
  valid_from timestamptz,
  valid_to timestamptz,
  valid_days integer CHECK (valid_days > 0),
  total integer NOT NULL CHECK (total > 0),
  issued integer NOT NULL DEFAULT 0 CHECK (issued >= 0),
  per_user_limit integer NOT NULL DEFAULT 1 CHECK (per_user_limit > 0),
  with_other_coupons boolean NOT NULL DEFAULT true,
  combines_with jsonb NOT NULL DEFAULT '[]',
  -- Ended by an admin: no more claims; coupons already claimed stay usable until valid_to.
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (issued <= total),
  CHECK (claim_ends_at > claim_starts_at),
  CHECK ((valid_days IS NULL) = (valid_from IS NOT NULL AND valid_to IS NOT NULL AND valid_to > valid_from))
);

CREATE TABLE user_coupons (
  id serial PRIMARY KEY,
  batch_id integer NOT NULL REFERENCES coupon_batches(id),
  user_id integer NOT NULL REFERENCES users(id),
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'used')),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz NOT NULL,
  -- The order it is used on; back to NULL (and available) when that order ends unpaid.
  order_id integer REFERENCES orders(id),
  claimed_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK ((status = 'used') = (order_id IS NOT NULL))
);
-- "My coupons" by status, and the held ones every priced cart reads.
CREATE INDEX user_coupons_user_idx ON user_coupons (user_id, status, valid_to);
-- The per-user limit at claim time.
CREATE INDEX user_coupons_batch_user_idx ON user_coupons (batch_id, user_id);
CREATE INDEX user_coupons_order_idx ON user_coupons (order_id) WHERE order_id IS NOT NULL;

-- Each line's share of every discount (what the shopper paid is line_total - discount);
-- refunds split by it.
ALTER TABLE order_items ADD COLUMN discount integer NOT NULL DEFAULT 0 CHECK (discount >= 0);
-- The breakdown the order was priced with (AppliedDiscount[]), limited-time units included:
-- shown on the order, and read back when an unpaid order ends to return what it took.
ALTER TABLE orders ADD COLUMN discounts jsonb NOT NULL DEFAULT '[]';

-- Light membership: member prices apply while active. The credit issue builds on it.
CREATE TABLE memberships (
  user_id integer PRIMARY KEY REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  source text NOT NULL,
  started_at timestamptz NOT NULL,
  ends_at timestamptz
);
