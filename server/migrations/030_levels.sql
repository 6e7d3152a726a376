-- Member levels (会员等级, src/domain/levels.ts). modules/levels owns these tables; the growth
-- ledger is written only in the orders' and refunds' own transactions (onOrderTransition,
-- onRefundFinished), each event once by its key.

-- A member-price tier by level (金卡会员价): the promotion applies from this rank (modules/promotions writes it).
ALTER TABLE promotions ADD COLUMN min_level integer CHECK (min_level BETWEEN 0 AND 10);
ALTER TABLE promotions ADD CONSTRAINT promotions_min_level_kind CHECK (min_level IS NULL OR kind = 'member_price');

-- The ladder (one row, id 1); DEFAULT_LEVELS until the console saves one.
CREATE TABLE level_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  levels jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One row per shopper: growth so far, and the row every growth change locks first.
CREATE TABLE growth_accounts (
  user_id integer PRIMARY KEY REFERENCES users(id),
  growth integer NOT NULL DEFAULT 0 CHECK (growth >= 0),
  updated_at timestamptz NOT NULL
);

-- Every growth change; `key` makes a repeated event (a paid notify twice, a refund finishing twice) write once.
CREATE TABLE growth_entries (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  delta integer NOT NULL CHECK (delta <> 0),
  kind text NOT NULL CHECK (kind IN ('order', 'take_back')),
  key text NOT NULL UNIQUE,
  order_id integer REFERENCES orders(id),
  at timestamptz NOT NULL
);
CREATE INDEX growth_entries_order_idx ON growth_entries (order_id) WHERE order_id IS NOT NULL;

-- The shopper's birthday (MM-DD, set once) and the year its coupon was last issued: the
-- conditional update of coupon_year is what makes two sweepers issue it once.
CREATE TABLE member_birthdays (
  user_id integer PRIMARY KEY REFERENCES users(id),
  birthday text NOT NULL CHECK (birthday ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
  coupon_year integer,
  set_at timestamptz NOT NULL
);
CREATE INDEX member_birthdays_day_idx ON member_birthdays (birthday);
