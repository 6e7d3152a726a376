-- As 011 for payments: an Alipay credit callback's notify_id (the same on every resend) is
-- kept unique per channel on the first received row, so a replay is recognised with one
-- index lookup and recorded as a duplicate (its own row keeps notify_id NULL).
ALTER TABLE credit_notifies ADD COLUMN notify_id text;
CREATE UNIQUE INDEX credit_notifies_notify_id ON credit_notifies (channel, notify_id) WHERE notify_id IS NOT NULL;
