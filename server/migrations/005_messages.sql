-- Subscription messages: what each shopper allowed per template, and an outbox of sends.

-- The quota ledger, one row per (user, template). WeChat and Alipay one-time subscriptions
-- allow one send per accept: accept adds one, a send spends one, WeChat's errcode 43101
-- (no quota left on WeChat's side) sets it to zero. last_choice remembers reject / ban.
CREATE TABLE message_quota (
  user_id integer NOT NULL REFERENCES users(id),
  template_id text NOT NULL,
  remaining integer NOT NULL DEFAULT 0 CHECK (remaining >= 0),
  accepted_total integer NOT NULL DEFAULT 0,
  sent_total integer NOT NULL DEFAULT 0,
  last_choice text NOT NULL CHECK (last_choice IN ('accept', 'reject', 'ban')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, template_id)
);

-- The outbox. A row is written in the same transaction as the order change that causes it,
-- so a committed change always has its message and a rolled-back one never does.
-- dedupe_key ("order:42:order_paid") is unique: the same event can't be enqueued twice, and
-- the provider call carries it so an idempotent provider can refuse a second delivery.
CREATE TABLE message_outbox (
  id serial PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  user_id integer NOT NULL REFERENCES users(id),
  order_id integer REFERENCES orders(id),
  event text NOT NULL,
  -- pending -> sending (leased) -> sent | failed | skipped_* | unknown
  -- unknown: a non-idempotent platform may or may not have delivered it (crash mid-call);
  -- never sent again (see server/modules/messages/README.md).
  status text NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'sending', 'sent', 'failed', 'unknown',
    'skipped_no_quota', 'skipped_no_template', 'skipped_stale')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  -- Chosen at the first attempt and kept: retries send the same template through the same channel.
  channel text,
  template_id text,
  -- One unit of quota taken for this row (so a retry or a second worker never takes another).
  quota_taken boolean NOT NULL DEFAULT false,
  -- Set just before the provider call: a lease that expires with this set means the call
  -- may have reached the platform.
  call_started_at timestamptz,
  last_error text,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX message_outbox_due_idx ON message_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX message_outbox_order_idx ON message_outbox (order_id);

-- What the sandbox provider "delivered" (H5 preview, tests). dedupe_key unique: the sandbox
-- plays an idempotent platform, so a repeated call with the same key delivers nothing new.
CREATE TABLE sandbox_messages (
  id serial PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  user_id integer NOT NULL,
  platform text NOT NULL,
  template_id text NOT NULL,
  event text NOT NULL,
  page text NOT NULL,
  data jsonb NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX sandbox_messages_user_idx ON sandbox_messages (user_id, id DESC);
