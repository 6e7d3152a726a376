-- Credit (issue 7): deposit-free rental, pay after use and light membership, each a credit
-- order on the shopper's platform (Sesame credit / WeChat Pay Score). The states are the
-- machines in src/domain/credit; the server moves them with conditional UPDATEs on state.

-- Rental terms of a rental product (ProductDetail.rental). The same bounds as checkRentalTerms.
CREATE TABLE product_rentals (
  product_id integer PRIMARY KEY REFERENCES products(id),
  deposit integer NOT NULL CHECK (deposit > 0),
  daily_rate integer NOT NULL CHECK (daily_rate > 0),
  min_days integer NOT NULL CHECK (min_days >= 1),
  max_days integer NOT NULL CHECK (max_days >= min_days)
);

-- One credit order per platform order (Alipay fund authorisation / credit agreement,
-- Pay Score service order). out_order_no is ours, unique: every notify names it.
CREATE TABLE credit_orders (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('rental', 'pay_after_use', 'membership')),
  user_id integer NOT NULL REFERENCES users(id),
  state text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('wechat', 'alipay', 'sandbox')),
  -- The notify format that settles it: 'wechat' (Pay Score) or 'alipay' (Sesame; also the H5 sandbox).
  channel text NOT NULL CHECK (channel IN ('wechat', 'alipay')),
  out_order_no text NOT NULL UNIQUE,
  idempotency_key text,
  -- What a retry needs to answer the confirm again: Pay Score package / Alipay orderStr.
  confirm_ref text,
  -- The platform's ids once known: Alipay auth_no or credit agreement / biz order no; Pay Score order_id.
  auth_no text,
  agreement_no text,
  -- deposit (rental), order total (pay after use), period fee (membership); integer fen.
  amount integer NOT NULL CHECK (amount >= 0),
  waived integer CHECK (waived >= 0),
  frozen integer CHECK (frozen >= 0),
  charged integer NOT NULL DEFAULT 0 CHECK (charged >= 0),
  terms jsonb NOT NULL DEFAULT '{}',
  order_id integer UNIQUE REFERENCES orders(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  -- A charge asked of the platform and not yet confirmed (reconcile asks again).
  charge_requested_at timestamptz,
  ended_at timestamptz,
  UNIQUE (user_id, idempotency_key),
  CHECK (waived IS NULL OR frozen IS NULL OR waived + frozen = amount)
);
CREATE INDEX credit_orders_user ON credit_orders (user_id, kind, id DESC);
CREATE INDEX credit_orders_state ON credit_orders (kind, state);

-- The rental side of a rental credit order: the goods and its clock.
CREATE TABLE rentals (
  credit_order_id integer PRIMARY KEY REFERENCES credit_orders(id),
  rental_no text NOT NULL UNIQUE,
  sku_id integer NOT NULL REFERENCES skus(id),
  product_id integer NOT NULL REFERENCES products(id),
  title text NOT NULL,
  image text NOT NULL,
  specs jsonb NOT NULL,
  days integer NOT NULL CHECK (days >= 1),
  started_at timestamptz,
  due_at timestamptz,
  returned_at timestamptz,
  -- The final RentalSettlement (fee, charge, release, unfreeze...), once settling.
  settlement jsonb
);
CREATE INDEX rentals_due ON rentals (due_at) WHERE due_at IS NOT NULL;

-- Every money movement. reference names the platform operation; the UNIQUE makes a repeated
-- callback or a second server's timer write nothing.
CREATE TABLE credit_ledger (
  id serial PRIMARY KEY,
  credit_order_id integer NOT NULL REFERENCES credit_orders(id),
  kind text NOT NULL CHECK (kind IN ('deposit_waived', 'deposit_frozen', 'charge', 'unfreeze', 'release')),
  amount integer NOT NULL CHECK (amount > 0),
  reference text NOT NULL,
  at timestamptz NOT NULL,
  UNIQUE (credit_order_id, kind, reference)
);

-- Every credit callback as it arrived, verified or not (like payment_notifies).
CREATE TABLE credit_notifies (
  id serial PRIMARY KEY,
  channel text NOT NULL,
  headers jsonb NOT NULL,
  body text NOT NULL,
  verified boolean NOT NULL,
  out_order_no text,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX credit_notifies_out ON credit_notifies (out_order_no);

-- Pay after use: the order ships before payment.
ALTER TABLE orders ADD COLUMN payment_mode text NOT NULL DEFAULT 'pay_now' CHECK (payment_mode IN ('pay_now', 'pay_after_use'));
ALTER TABLE orders ADD COLUMN credit_order_id integer REFERENCES credit_orders(id);

-- Light membership on the existing table: member prices keep reading status / ends_at.
ALTER TABLE memberships ADD COLUMN period_start timestamptz;
ALTER TABLE memberships ADD COLUMN period_end timestamptz;
ALTER TABLE memberships ADD COLUMN auto_renew boolean NOT NULL DEFAULT true;
ALTER TABLE memberships ADD COLUMN credit_order_id integer REFERENCES credit_orders(id);
ALTER TABLE memberships ADD COLUMN fee integer;

CREATE TABLE membership_settlements (
  id serial PRIMARY KEY,
  credit_order_id integer NOT NULL REFERENCES credit_orders(id),
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  fee integer NOT NULL,
  savings integer NOT NULL,
  charge integer NOT NULL,
  settled_at timestamptz NOT NULL,
  UNIQUE (credit_order_id, period_start),
  CHECK (charge = LEAST(fee, savings))
);

-- Credit messages name their credit order (order_id stays null).
ALTER TABLE message_outbox ADD COLUMN credit_order_id integer REFERENCES credit_orders(id);
