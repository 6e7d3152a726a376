-- Gift sending (issue 17); modules/gifts owns these tables. The gift order itself is an ordinary
-- order (orders module) placed without an address; the recipients' addresses live here.
CREATE TABLE gifts (
  id serial PRIMARY KEY,
  order_id integer NOT NULL UNIQUE REFERENCES orders(id),
  -- The share card's code (src/domain/gifts.ts GIFT_CODE_RE): unguessable, 10 of [0-9A-Za-z].
  code text NOT NULL UNIQUE,
  giver_id integer NOT NULL REFERENCES users(id),
  message text NOT NULL,
  recipients integer NOT NULL CHECK (recipients BETWEEN 1 AND 20),
  claimed integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('unpaid', 'open', 'claimed', 'expired', 'cancelled')),
  created_at timestamptz NOT NULL,
  -- Set when the order is paid: paid_at + GIFT_CLAIM_HOURS.
  expires_at timestamptz,
  -- The refund of the unclaimed shares (payments' refunds.id), once asked.
  refund_id integer,
  CHECK (claimed <= recipients)
);
CREATE INDEX gifts_open_idx ON gifts (expires_at) WHERE status = 'open';
CREATE INDEX gifts_giver_idx ON gifts (giver_id, created_at DESC);

-- One row per share claimed: (gift, share no) unique, so two recipients racing for the last
-- share can't both get it; one claim per recipient per gift.
CREATE TABLE gift_claims (
  id serial PRIMARY KEY,
  gift_id integer NOT NULL REFERENCES gifts(id),
  share_no integer NOT NULL,
  user_id integer NOT NULL REFERENCES users(id),
  -- The address snapshot the share ships to ({name, phone, region, detail}, like orders.address).
  address jsonb NOT NULL,
  at timestamptz NOT NULL,
  -- The parcel this share went out in, once shipped.
  carrier text,
  tracking_no text,
  shipped_at timestamptz,
  UNIQUE (gift_id, share_no),
  UNIQUE (gift_id, user_id)
);
