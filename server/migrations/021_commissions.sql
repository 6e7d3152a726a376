-- Commission and withdrawals (issue 17); modules/promoters owns commissions and commission_entries,
-- modules/withdrawals owns withdrawals, the sandbox gateway sandbox_transfers.

-- One row per (order line, level): what was accrued, reversed by refunds and released after the
-- after-sales window (src/domain/promoters.ts; released + reversed + pending = accrued). The
-- unique key makes a repeated paid event (notify, query, two servers) accrue once.
CREATE TABLE commissions (
  id bigserial PRIMARY KEY,
  promoter_id integer NOT NULL REFERENCES promoters(id),
  order_id integer NOT NULL REFERENCES orders(id),
  order_item_id integer NOT NULL REFERENCES order_items(id),
  level smallint NOT NULL CHECK (level IN (1, 2)),
  rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 5000),
  base integer NOT NULL CHECK (base >= 0),
  accrued integer NOT NULL CHECK (accrued >= 0),
  refunded_base integer NOT NULL DEFAULT 0 CHECK (refunded_base >= 0 AND refunded_base <= base),
  reversed integer NOT NULL DEFAULT 0 CHECK (reversed >= 0),
  released integer NOT NULL DEFAULT 0 CHECK (released >= 0),
  created_at timestamptz NOT NULL,
  released_at timestamptz,
  CHECK (reversed + released <= accrued),
  UNIQUE (order_item_id, level)
);
CREATE INDEX commissions_promoter_idx ON commissions (promoter_id, created_at DESC);
CREATE INDEX commissions_pending_idx ON commissions (order_id) WHERE released = 0 AND released_at IS NULL;

-- Every move of a commission line, so a repeated refund notify can't reverse twice: the key is
-- (kind, ref) with ref the refund id (reverse) or the order id (release).
CREATE TABLE commission_entries (
  id bigserial PRIMARY KEY,
  commission_id bigint NOT NULL REFERENCES commissions(id),
  kind text NOT NULL CHECK (kind IN ('accrue', 'reverse', 'release')),
  ref text NOT NULL,
  amount integer NOT NULL CHECK (amount >= 0),
  at timestamptz NOT NULL,
  UNIQUE (commission_id, kind, ref)
);

CREATE TABLE withdrawals (
  id serial PRIMARY KEY,
  promoter_id integer NOT NULL REFERENCES promoters(id),
  -- The shopper's idempotency key: the same key twice is one withdrawal.
  idempotency_key text NOT NULL,
  -- Ours to the platform (out_bill_no / out_biz_no): unique, 5–32 of [0-9A-Za-z].
  out_bill_no text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount > 0),
  channel text NOT NULL CHECK (channel IN ('wechat', 'alipay', 'sandbox')),
  open_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('reviewing', 'processing', 'waiting_confirm', 'succeeded', 'failed', 'rejected')),
  platform_bill_no text,
  package_info text,
  failure text,
  reviewed_by text,
  -- When the platform first answered for it: a processing row without it is sent again (same out_bill_no).
  submitted_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (promoter_id, idempotency_key)
);
CREATE INDEX withdrawals_status_idx ON withdrawals (status, created_at);
CREATE INDEX withdrawals_promoter_idx ON withdrawals (promoter_id, created_at DESC);

-- The sandbox playing WeChat's and Alipay's transfer side (bills it was asked for and their state).
CREATE TABLE sandbox_transfers (
  out_bill_no text PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('wechat', 'alipay')),
  amount integer NOT NULL,
  open_id text NOT NULL,
  state text NOT NULL,
  bill_no text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
