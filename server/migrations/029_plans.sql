-- Periodic purchase (周期购), src/domain/plans.ts. modules/plans owns these tables; the plan's
-- one order changes status only through orders.transitionIn, its parcels and platform uploads
-- are the shipping module's (shipments, shipping_uploads), refunds go through the refunds module.

-- A product's plan offer (console: 商品 › 周期购). options: [{deliveries, percentOff}].
CREATE TABLE plan_offers (
  product_id integer PRIMARY KEY REFERENCES products(id),
  enabled boolean NOT NULL DEFAULT true,
  intervals text[] NOT NULL,
  options jsonb NOT NULL,
  cutoff_hours integer NOT NULL CHECK (cutoff_hours BETWEEN 0 AND 168),
  updated_at timestamptz NOT NULL
);

-- One row (id 1): the days the shop does not deliver (YYYY-MM-DD).
CREATE TABLE plan_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  holidays text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);

CREATE TABLE plans (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  -- The one order paying for every delivery.
  order_id integer NOT NULL UNIQUE REFERENCES orders(id),
  product_id integer NOT NULL REFERENCES products(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  -- Units per delivery; the order holds quantity × delivery_count.
  quantity integer NOT NULL CHECK (quantity > 0),
  interval text NOT NULL CHECK (interval IN ('week', '2weeks', 'month')),
  delivery_count integer NOT NULL CHECK (delivery_count BETWEEN 2 AND 52),
  first_date text NOT NULL,
  percent_off integer NOT NULL,
  unit_price integer NOT NULL,
  -- The offer's options and cut-off when bought: later edits of the offer don't change a sold plan.
  options jsonb NOT NULL,
  cutoff_hours integer NOT NULL,
  address jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'completed', 'cancelled')),
  refunded integer NOT NULL DEFAULT 0,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL,
  activated_at timestamptz,
  ended_at timestamptz,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX plans_user_idx ON plans (user_id, id);
CREATE INDEX plans_status_idx ON plans (status, id);

CREATE TABLE plan_deliveries (
  plan_id integer NOT NULL REFERENCES plans(id),
  -- 1-based; a skipped delivery keeps its n, its replacement gets the next one.
  n integer NOT NULL,
  date text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'shipped', 'skipped', 'cancelled')),
  address jsonb NOT NULL,
  shipment_id integer,
  carrier text,
  tracking_no text,
  shipped_at timestamptz,
  UNIQUE (plan_id, n)
);
CREATE INDEX plan_deliveries_date_idx ON plan_deliveries (date, status);
