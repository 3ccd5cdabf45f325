-- Each municipality's public site answers at its own host name (lower case, no port). Unique: one host, one site.
ALTER TABLE municipality ADD COLUMN host text;
CREATE UNIQUE INDEX municipality_host ON municipality (host) WHERE host IS NOT NULL;

-- The installation admin creates municipalities and sets their hosts; the role is granted from the command line
-- only (paragraf user add --installation-admin), never by a municipality's own admin.
ALTER TABLE role_grant DROP CONSTRAINT role_grant_role_check;
ALTER TABLE role_grant ADD CONSTRAINT role_grant_role_check
  CHECK (role IN ('admin', 'registrar', 'case_officer', 'secretary', 'member', 'installation_admin'));

-- An integration's key: the token is shown once, only its SHA-256 is kept (it is long and random, not a password).
-- It acts with its roles in its municipality, and for one body only when body_id is set.
CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0
    AND roles <@ ARRAY['admin', 'registrar', 'case_officer', 'secretary', 'member']::text[]),
  body_id uuid REFERENCES body (id),
  expires_at timestamptz,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (body_id IS NULL OR NOT ('admin' = ANY (roles)))
);
CREATE INDEX api_token_municipality ON api_token (municipality_id, created_at);
