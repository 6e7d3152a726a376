-- Catalog admin (issue 15): the merchant console edits categories, products, SKUs and banners.

-- Categories form a tree: a top-level category has no parent. ON DELETE is not used: the
-- admin API refuses to delete a category that still has children or products.
ALTER TABLE categories ADD COLUMN parent_id integer REFERENCES categories(id);
CREATE INDEX categories_parent_idx ON categories (parent_id);

-- on_shelf: an off-shelf product is not listed, found, shown or sold, but its orders keep it.
-- version: optimistic concurrency for the editor (a PATCH names the version it read; the
-- UPDATE bumps it only if it still matches, so two operators can't silently overwrite).
ALTER TABLE products ADD COLUMN on_shelf boolean NOT NULL DEFAULT true;
ALTER TABLE products ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE products ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX products_shelf_idx ON products (on_shelf, sort, id);

-- SKU columns the catalog owns (stock stays inventory's). archived: a SKU that orders,
-- rentals or offers point at can't be deleted; it is archived and no longer sold.
ALTER TABLE skus ADD COLUMN original_price integer CHECK (original_price >= 0);
ALTER TABLE skus ADD COLUMN code text;
ALTER TABLE skus ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE skus ADD COLUMN sort integer NOT NULL DEFAULT 0;
