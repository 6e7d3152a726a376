-- Sharing, attribution and promoters (issue 17).
-- modules/attribution owns scenes and visits; modules/promoters owns promoters,
-- promoter_settings, product_commission_rates and promoter_bindings (attribution calls its bindIn).

-- The shop's promoter programme: one row (id = 1), created with the defaults of
-- src/domain/promoters.ts DEFAULT_PROMOTER_SETTINGS on first read.
CREATE TABLE promoter_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE promoters (
  id serial PRIMARY KEY,
  user_id integer NOT NULL UNIQUE REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'disabled')),
  -- Who recruited this promoter (level 2 of their customers' orders); null for the first ones.
  parent_id integer REFERENCES promoters(id),
  -- The promoter's own scene id (share / poster without a product): scenes.id.
  scene text NOT NULL UNIQUE,
  applied_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text,
  reject_reason text
);
CREATE INDEX promoters_status_idx ON promoters (status, applied_at);
CREATE INDEX promoters_parent_idx ON promoters (parent_id) WHERE parent_id IS NOT NULL;

-- A product's own rates (bp); null keeps the shop's rate for that level.
CREATE TABLE product_commission_rates (
  product_id integer PRIMARY KEY REFERENCES products(id),
  level1_rate_bp integer CHECK (level1_rate_bp BETWEEN 0 AND 5000),
  level2_rate_bp integer CHECK (level2_rate_bp BETWEEN 0 AND 5000),
  updated_at timestamptz NOT NULL
);

-- A short id (src/domain/sharing.ts: 8 of [0-9A-Za-z]) for what a code, poster or share points at.
-- The same (promoter, product, channel, store) always gets the same id (the unique index).
CREATE TABLE scenes (
  id text PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z]{8}$'),
  promoter_id integer REFERENCES promoters(id),
  product_id integer REFERENCES products(id),
  channel text NOT NULL CHECK (channel IN ('share', 'poster', 'code', 'link', 'store')),
  store_id integer,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX scenes_target_idx ON scenes (COALESCE(promoter_id, 0), COALESCE(product_id, 0), channel, COALESCE(store_id, 0));

-- First touch: the first visit through any scene per shopper is kept (first = true, one per user);
-- later visits are counted per scene for the promoter's figures.
CREATE TABLE visits (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  scene text NOT NULL REFERENCES scenes(id),
  first boolean NOT NULL DEFAULT false,
  at timestamptz NOT NULL
);
CREATE UNIQUE INDEX visits_first_idx ON visits (user_id) WHERE first;
CREATE INDEX visits_scene_idx ON visits (scene, at);
-- The hourly check of POST /api/attribution (one row per user and scene per hour) and firstTouchOf.
CREATE INDEX visits_user_idx ON visits (user_id, scene, at);

-- A customer's promoter (锁客): one row per customer; a new promoter takes them only after locked_until.
CREATE TABLE promoter_bindings (
  user_id integer PRIMARY KEY REFERENCES users(id),
  promoter_id integer NOT NULL REFERENCES promoters(id),
  scene text REFERENCES scenes(id),
  bound_at timestamptz NOT NULL,
  locked_until timestamptz NOT NULL
);
CREATE INDEX promoter_bindings_promoter_idx ON promoter_bindings (promoter_id, bound_at);
