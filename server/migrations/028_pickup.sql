-- Pickup at a store (门店自提, src/domain/stores.ts). modules/pickup owns both tables; a pickup
-- order's row is written in the order's own transaction (orders' `pickups` dependency).

CREATE TABLE order_pickups (
  order_id integer PRIMARY KEY REFERENCES orders(id),
  store_id integer NOT NULL REFERENCES stores(id),
  -- "2026-12-06 10:00-11:00" in the shop's time, as the shopper chose it; slot_end is its end as an instant (the sweeper's clock).
  slot text NOT NULL,
  slot_end timestamptz NOT NULL,
  -- 8 digits from the CSPRNG, unique among all pickups (staff type it or scan its QR).
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{8}$'),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'picked', 'expired')),
  verified_at timestamptz,
  -- The staff member who verified (NULL: the ADMIN_TOKEN, or not verified).
  verified_by integer,
  reminded_at timestamptz,
  created_at timestamptz NOT NULL
);
-- The sweeper's scan: waiting pickups by the end of their slot.
CREATE INDEX order_pickups_waiting_idx ON order_pickups (slot_end) WHERE status = 'waiting';
CREATE INDEX order_pickups_store_idx ON order_pickups (store_id, order_id);

-- One row: when an unpicked order is reminded and when it is refunded.
CREATE TABLE pickup_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  remind_after_hours integer NOT NULL DEFAULT 24 CHECK (remind_after_hours BETWEEN 0 AND 168),
  refund_after_days integer NOT NULL DEFAULT 3 CHECK (refund_after_days BETWEEN 1 AND 30),
  updated_at timestamptz
);
INSERT INTO pickup_settings (id) VALUES (true);
