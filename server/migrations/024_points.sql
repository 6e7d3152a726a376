-- Points ledger and check-in (src/domain/points.ts). modules/points owns these tables; other
-- modules write points only through its creditIn / debitIn in their own transactions.

CREATE TABLE points_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One row per shopper: the balance, and the row every change locks first (FOR UPDATE), so
-- two spends at once are serialised and the CHECK is the last guard against going negative.
CREATE TABLE points_accounts (
  user_id integer PRIMARY KEY REFERENCES users(id),
  balance integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
  updated_at timestamptz NOT NULL
);

-- Every change. Earned lots (delta > 0) carry `remaining` and `expires_at`; spends take from
-- the lots expiring first. `key` makes a repeated event write once.
CREATE TABLE points_entries (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  delta integer NOT NULL CHECK (delta <> 0),
  kind text NOT NULL CHECK (kind IN ('order', 'check_in', 'review', 'referral', 'checkout', 'mall', 'expire', 'take_back', 'return', 'admin')),
  key text NOT NULL UNIQUE,
  title text NOT NULL,
  order_id integer REFERENCES orders(id),
  remaining integer CHECK (remaining >= 0),
  expires_at timestamptz,
  at timestamptz NOT NULL,
  CHECK ((delta > 0) = (remaining IS NOT NULL))
);
CREATE INDEX points_entries_user_idx ON points_entries (user_id, at DESC);
CREATE INDEX points_entries_lots_idx ON points_entries (user_id, expires_at) WHERE remaining > 0;
CREATE INDEX points_entries_expiry_idx ON points_entries (expires_at) WHERE remaining > 0;
CREATE INDEX points_entries_order_idx ON points_entries (order_id) WHERE order_id IS NOT NULL;

-- One check-in per shopper per day (Asia/Shanghai): the primary key settles two taps at once.
CREATE TABLE check_ins (
  user_id integer NOT NULL REFERENCES users(id),
  day date NOT NULL,
  streak integer NOT NULL CHECK (streak > 0),
  points integer NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (user_id, day)
);
