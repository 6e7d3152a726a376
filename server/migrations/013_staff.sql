-- Staff accounts of the merchant console (modules/staff owns all three tables).
CREATE TABLE staff (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('owner', 'operator', 'service')),
  -- argon2id encoded hash (salt and parameters inside); never the password.
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  -- Lockout: failures in a row since the last good login (or the last lock); reaching the limit
  -- sets locked_until and starts the count again. One conditional UPDATE per failure.
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

-- Console sessions: the token's sha256 is stored, not the token, so a copy of the database
-- can't be used to sign in. Expiry is checked on every request; logout deletes the row.
CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  staff_id integer NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);
-- Sign-ins delete the expired sessions.
CREATE INDEX staff_sessions_expires_idx ON staff_sessions (expires_at);

-- Every change made through /api/admin/*: who, what, before and after. Append-only.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  -- NULL: the ADMIN_TOKEN (a script); actor_name says so.
  staff_id integer REFERENCES staff(id),
  actor_name text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
