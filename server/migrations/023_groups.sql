-- Group buying (拼团), src/domain/groups.ts. modules/groups owns these tables; orders change
-- status only through orders.transitionIn, refunds go through the refunds module.

CREATE TABLE group_deals (
  id serial PRIMARY KEY,
  name text NOT NULL,
  product_id integer NOT NULL REFERENCES products(id),
  size integer NOT NULL CHECK (size BETWEEN 2 AND 10),
  hours integer NOT NULL CHECK (hours BETWEEN 1 AND 72),
  per_user_limit integer CHECK (per_user_limit > 0),
  robot_fill boolean NOT NULL DEFAULT false,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Set when the merchant ends it early: no new groups (forming ones run to their time limit).
  ended_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX group_deals_live_idx ON group_deals (ends_at) WHERE ended_at IS NULL;
CREATE INDEX group_deals_product_idx ON group_deals (product_id);

-- The deal's own stock per SKU: `sold` counts units of unpaid and paid member orders; a seat
-- freed (order ended unpaid, refunded) gives its units back. The CHECK is the last guard.
CREATE TABLE group_deal_skus (
  deal_id integer NOT NULL REFERENCES group_deals(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  price integer NOT NULL CHECK (price >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
  CHECK (sold <= stock),
  PRIMARY KEY (deal_id, sku_id)
);

CREATE TABLE deal_groups (
  id serial PRIMARY KEY,
  deal_id integer NOT NULL REFERENCES group_deals(id),
  leader_user_id integer NOT NULL REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('forming', 'succeeded', 'failed')),
  size integer NOT NULL,
  -- Open to others once the leader paid.
  opened_at timestamptz,
  expires_at timestamptz NOT NULL,
  succeeded_at timestamptz,
  failed_at timestamptz,
  robot_seats integer NOT NULL DEFAULT 0,
  -- WeChat's updatable message of this group's share card (activityid/create), until it expires.
  activity_id text,
  activity_expires_at timestamptz,
  created_at timestamptz NOT NULL
);
-- The sweeper's due list and the product page's open groups.
CREATE INDEX deal_groups_forming_idx ON deal_groups (expires_at) WHERE status = 'forming';
CREATE INDEX deal_groups_deal_idx ON deal_groups (deal_id, status);

CREATE TABLE group_members (
  id serial PRIMARY KEY,
  group_id integer NOT NULL REFERENCES deal_groups(id),
  user_id integer NOT NULL REFERENCES users(id),
  order_id integer NOT NULL UNIQUE REFERENCES orders(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  quantity integer NOT NULL CHECK (quantity > 0),
  leader boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('unpaid', 'paid', 'left', 'refunding', 'refunded')),
  -- The refund this member's failure asked for (refunds.id), so it is asked once.
  refund_id integer,
  joined_at timestamptz NOT NULL,
  paid_at timestamptz
);
-- One live seat per shopper per group (a seat left can be taken again).
CREATE UNIQUE INDEX group_members_seat_idx ON group_members (group_id, user_id) WHERE status IN ('unpaid', 'paid');
CREATE INDEX group_members_user_idx ON group_members (user_id, joined_at);

-- Units each shopper holds at the group price per deal (the per-user limit): a conditional
-- upsert takes them (`bought + q <= limit`), a freed seat gives them back. One row per
-- (deal, shopper), so two orders of one shopper in two groups of the deal queue on it.
CREATE TABLE group_deal_buyers (
  deal_id integer NOT NULL REFERENCES group_deals(id),
  user_id integer NOT NULL REFERENCES users(id),
  bought integer NOT NULL DEFAULT 0 CHECK (bought >= 0),
  PRIMARY KEY (deal_id, user_id)
);
