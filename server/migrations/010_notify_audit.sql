-- Notify audit rows (payment_notifies, credit_notifies): anyone can post an unsigned notify,
-- so an unverified one keeps only a SHA-256 of its body, the body's length, a short prefix
-- and a few safe headers (content-type, the platform's serial / timestamp); verified ones
-- stay whole. Old unverified rows are pruned by the sweeper (NOTIFY_AUDIT_DAYS).
ALTER TABLE payment_notifies ADD COLUMN body_sha256 text;
ALTER TABLE payment_notifies ADD COLUMN body_length integer;
CREATE INDEX payment_notifies_unverified_idx ON payment_notifies (received_at) WHERE NOT verified;

ALTER TABLE credit_notifies ADD COLUMN body_sha256 text;
ALTER TABLE credit_notifies ADD COLUMN body_length integer;
CREATE INDEX credit_notifies_unverified_idx ON credit_notifies (received_at) WHERE NOT verified;
