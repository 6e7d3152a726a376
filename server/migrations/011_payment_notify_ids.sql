-- Alipay notifies carry a notify_id that stays the same on every resend of one notify. The
-- first notify with it that was received (accepted) keeps it here, unique per channel, so a
-- replay is recognised with one index lookup before any work and recorded as a duplicate
-- (notify_id NULL on the duplicate's row). Refused notifies (mismatch, unknown) keep NULL:
-- the platform's resend of one of those is looked at again.
ALTER TABLE payment_notifies ADD COLUMN notify_id text;
CREATE UNIQUE INDEX payment_notifies_notify_id ON payment_notifies (provider, notify_id) WHERE notify_id IS NOT NULL;
