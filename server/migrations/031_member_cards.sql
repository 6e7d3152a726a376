-- Issue 19: platform member cards (会员卡): the shop's card in Alipay's card pack / WeChat's card holder.

-- The console's card settings: one row.
CREATE TABLE member_card_settings (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  alipay_template_id text,
  wechat_card_id text,
  title text NOT NULL DEFAULT '会员卡',
  color text NOT NULL DEFAULT '#e4393c' CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO member_card_settings (id) VALUES (1);

-- One card per shopper and platform. card_no is the shop's ('D' + 11 digits), given at open;
-- external_id is the platform's (Alipay's biz_card_no; WeChat: the code, which is card_no).
CREATE TABLE member_cards (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  platform text NOT NULL CHECK (platform IN ('alipay', 'wechat')),
  card_no text NOT NULL UNIQUE,
  external_id text,
  status text NOT NULL CHECK (status IN ('opening', 'active')),
  opened_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, platform)
);

-- Outbox of card updates (level and points). At most one pending row per shopper: a burst of
-- changes sends the values current when it is sent, once. 'sending' rows are leased.
CREATE TABLE member_card_updates (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'superseded')),
  attempts integer NOT NULL DEFAULT 0,
  payload jsonb,
  last_error text,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE UNIQUE INDEX member_card_updates_one_pending ON member_card_updates (user_id) WHERE status = 'pending';
CREATE INDEX member_card_updates_due ON member_card_updates (next_attempt_at) WHERE status IN ('pending', 'sending');

-- The sandbox's record of every member-card call it played (platforms/sandbox/member-cards.ts).
CREATE TABLE sandbox_card_calls (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  api text NOT NULL,
  request jsonb NOT NULL,
  at timestamptz NOT NULL
);
