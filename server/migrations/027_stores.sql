-- Stores (门店, src/domain/stores.ts). modules/stores owns `stores`; per-store stock
-- (`store_stock`) is inventory's like skus.stock, every change a stock_movements row that
-- names its store.

CREATE TABLE stores (
  id serial PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  address text NOT NULL,
  phone text NOT NULL DEFAULT '',
  -- GCJ-02, as both platforms' getLocation / openLocation use.
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- StoreHours: {weekdays: [1..7], open: 'HH:mm', close: 'HH:mm'}
  hours jsonb NOT NULL,
  photos jsonb NOT NULL DEFAULT '[]',
  stock_mode text NOT NULL DEFAULT 'shared' CHECK (stock_mode IN ('own', 'shared')),
  pickup boolean NOT NULL DEFAULT true,
  delivery_radius_m integer NOT NULL DEFAULT 0 CHECK (delivery_radius_m >= 0),
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE store_stock (
  store_id integer NOT NULL REFERENCES stores(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  PRIMARY KEY (store_id, sku_id)
);

-- A movement of a store's own stock names the store; NULL = the warehouse (skus.stock).
ALTER TABLE stock_movements ADD COLUMN store_id integer REFERENCES stores(id);
CREATE INDEX stock_movements_store_idx ON stock_movements (store_id, sku_id, id) WHERE store_id IS NOT NULL;
