-- Payments: one row per payment attempt of an order. out_trade_no is what the platform
-- knows the attempt by; it is unique so a notify names exactly one attempt.
CREATE TABLE payments (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  provider text NOT NULL CHECK (provider IN ('wechat', 'alipay', 'sandbox')),
  out_trade_no text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount >= 0),
  -- pending -> paid | closed; paid_unpayable = money arrived for an order that can no longer
  -- be paid (closed / cancelled): it must be refunded, never lost.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed', 'paid_unpayable')),
  -- What the client needs again on a retry: WeChat prepay_id, Alipay trade_no.
  platform_ref text,
  -- The platform's own id of the settled trade (transaction_id / trade_no).
  platform_trade_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  paid_at timestamptz
);
CREATE INDEX payments_order_idx ON payments (order_id, id DESC);

-- Every notify as it arrived (audit): kept whether or not its signature checked out.
CREATE TABLE payment_notifies (
  id serial PRIMARY KEY,
  provider text NOT NULL,
  headers jsonb NOT NULL,
  body text NOT NULL,
  verified boolean NOT NULL,
  out_trade_no text,
  -- paid | duplicate | bad_signature | bad_format | unknown_order | mismatch | not_success | unpayable
  outcome text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX payment_notifies_trade_idx ON payment_notifies (out_trade_no);
