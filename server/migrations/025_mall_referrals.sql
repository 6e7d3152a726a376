-- The points mall (modules/mall) and referral rewards (modules/referrals), src/domain/points.ts.

CREATE TABLE mall_items (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('coupon', 'product', 'gift')),
  title text NOT NULL,
  image text NOT NULL,
  points integer NOT NULL CHECK (points > 0),
  price integer NOT NULL DEFAULT 0 CHECK (price >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  redeemed integer NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
  per_user_limit integer CHECK (per_user_limit > 0),
  coupon_batch_id integer REFERENCES coupon_batches(id),
  sku_id integer REFERENCES skus(id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  CHECK (redeemed <= stock),
  CHECK ((kind = 'coupon') = (coupon_batch_id IS NOT NULL)),
  CHECK ((kind = 'coupon') = (sku_id IS NULL))
);

CREATE TABLE mall_redemptions (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES mall_items(id),
  user_id integer NOT NULL REFERENCES users(id),
  idempotency_key text NOT NULL,
  points integer NOT NULL,
  price integer NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'awaiting_payment', 'cancelled')),
  order_id integer REFERENCES orders(id),
  user_coupon_id integer,
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX mall_redemptions_user_idx ON mall_redemptions (user_id, item_id);
CREATE UNIQUE INDEX mall_redemptions_order_idx ON mall_redemptions (order_id) WHERE order_id IS NOT NULL;

-- A shopper's invite code (?invite=), made on first ask.
CREATE TABLE invite_codes (
  user_id integer PRIMARY KEY REFERENCES users(id),
  code text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

-- One row per invited friend: the first inviter wins; rewarded once per friend.
CREATE TABLE referrals (
  friend_id integer PRIMARY KEY REFERENCES users(id),
  inviter_id integer NOT NULL REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('invited', 'ordered', 'rewarded', 'void')),
  order_id integer REFERENCES orders(id),
  invited_at timestamptz NOT NULL,
  ordered_at timestamptz,
  rewarded_at timestamptz,
  CHECK (friend_id <> inviter_id)
);
CREATE INDEX referrals_inviter_idx ON referrals (inviter_id, invited_at);
CREATE INDEX referrals_due_idx ON referrals (ordered_at) WHERE status = 'ordered';
