-- The shop's schema. Money is integer fen; every quantity and stock is checked by the
-- database too, so a bug in the code can't store a negative stock.

CREATE TABLE categories (
  id serial PRIMARY KEY,
  key text NOT NULL UNIQUE,
  name text NOT NULL,
  icon text NOT NULL,
  sort integer NOT NULL DEFAULT 0
);

CREATE TABLE products (
  id serial PRIMARY KEY,
  key text NOT NULL UNIQUE,
  category_id integer NOT NULL REFERENCES categories(id),
  title text NOT NULL,
  subtitle text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  original_price integer CHECK (original_price >= 0),
  sales integer NOT NULL DEFAULT 0 CHECK (sales >= 0),
  images jsonb NOT NULL DEFAULT '[]',
  spec_groups jsonb NOT NULL DEFAULT '[]',
  sort integer NOT NULL DEFAULT 0,
  listed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category_id);

CREATE TABLE skus (
  id serial PRIMARY KEY,
  product_id integer NOT NULL REFERENCES products(id),
  -- json, not jsonb: keeps the keys in spec-group order ("白色 / L", not "L / 白色").
  specs json NOT NULL DEFAULT '{}',
  price integer NOT NULL CHECK (price >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  image text
);
CREATE INDEX skus_product_idx ON skus (product_id);

CREATE TABLE banners (
  id serial PRIMARY KEY,
  title text NOT NULL,
  image text NOT NULL,
  product_id integer REFERENCES products(id),
  sort integer NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id serial PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('weapp', 'alipay', 'h5')),
  -- WeChat openid, Alipay user id, or the dev-login name: unique per platform.
  external_id text NOT NULL,
  open_id text,
  union_id text,
  nickname text NOT NULL,
  avatar text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, external_id)
);

CREATE TABLE cart_lines (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  selected boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, sku_id)
);

CREATE TABLE addresses (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  name text NOT NULL,
  phone text NOT NULL,
  region jsonb NOT NULL,
  detail text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_user_idx ON addresses (user_id);

CREATE TABLE orders (
  id serial PRIMARY KEY,
  order_no text NOT NULL UNIQUE,
  user_id integer NOT NULL REFERENCES users(id),
  status text NOT NULL,
  idempotency_key text NOT NULL,
  subtotal integer NOT NULL CHECK (subtotal >= 0),
  shipping integer NOT NULL CHECK (shipping >= 0),
  discount integer NOT NULL CHECK (discount >= 0),
  total integer NOT NULL CHECK (total >= 0),
  address jsonb,
  note text,
  created_at timestamptz NOT NULL,
  -- Set while unpaid: the sweeper closes the order once this has passed.
  expires_at timestamptz,
  tracking_carrier text,
  tracking_no text,
  -- A double tap sends the same key twice: the second insert finds the first order.
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX orders_user_idx ON orders (user_id, id DESC);
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE order_items (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  product_id integer NOT NULL REFERENCES products(id),
  title text NOT NULL,
  image text NOT NULL,
  specs json NOT NULL,
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  line_total integer NOT NULL CHECK (line_total >= 0)
);
CREATE INDEX order_items_order_idx ON order_items (order_id);

CREATE TABLE order_events (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  status text NOT NULL,
  actor text NOT NULL,
  note text,
  at timestamptz NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id);

-- Small facts about this database (e.g. that the demo shop was seeded).
CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
