-- Favorites: a wish list kept by the server, the same on every platform.
-- product_id has no foreign key on purpose: a product taken out of the shop stays on the
-- shopper's list (shown as gone) instead of vanishing or blocking the product's removal.
CREATE TABLE favorites (
  user_id integer NOT NULL REFERENCES users(id),
  product_id integer NOT NULL,
  -- The product's lowest price when it was favorited: the list marks a drop against it.
  price_at_add integer NOT NULL CHECK (price_at_add >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
-- The list is newest first, per user.
CREATE INDEX favorites_user_time_idx ON favorites (user_id, created_at DESC, product_id DESC);
