-- Reviews and the buyer show (src/domain/reviews.ts). modules/reviews owns these tables.

CREATE TABLE reviews (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders(id),
  -- One review per order line.
  order_item_id integer NOT NULL UNIQUE REFERENCES order_items(id),
  user_id integer NOT NULL REFERENCES users(id),
  product_id integer NOT NULL REFERENCES products(id),
  sku_id integer NOT NULL REFERENCES skus(id),
  -- The line's specs as shown ("颜色: 红; 尺码: M"), copied at review time so the public list reads no order rows.
  spec_text text NOT NULL DEFAULT '',
  rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  content text NOT NULL,
  photos jsonb NOT NULL DEFAULT '[]',
  anonymous boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
  featured boolean NOT NULL DEFAULT false,
  reply text,
  replied_at timestamptz,
  append_content text,
  append_photos jsonb,
  appended_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX reviews_product_idx ON reviews (product_id, created_at DESC) WHERE status = 'visible';
CREATE INDEX reviews_featured_idx ON reviews (product_id) WHERE featured AND status = 'visible';
CREATE INDEX reviews_moderation_idx ON reviews (created_at DESC);
-- GET /api/orders/:id/reviews: an order's reviews.
CREATE INDEX reviews_order_idx ON reviews (order_id);

-- Photos uploaded by a shopper for a review: a review may only name photos issued to its author.
CREATE TABLE review_photos (
  url text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL
);
