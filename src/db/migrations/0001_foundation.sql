-- Foundation: municipalities, the organisation register (M1), accounts and the audit trail.
-- Kinds and roles are text with CHECK constraints, so a later migration can widen them.

CREATE TABLE municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  organisation_number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE body (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  kind text NOT NULL CHECK (kind IN ('council', 'executive_board', 'working_committee', 'preparatory_committee',
    'committee', 'company', 'administration', 'department', 'unit')),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  short_name text,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  parent_id uuid REFERENCES body (id),
  open_meetings boolean NOT NULL DEFAULT false,
  seats integer CHECK (seats > 0),
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX body_slug_live ON body (municipality_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX body_parent ON body (parent_id);

CREATE TABLE party (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  abbreviation text NOT NULL CHECK (length(trim(abbreviation)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX party_abbreviation_live ON party (municipality_id, abbreviation) WHERE deleted_at IS NULL;

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  email text,
  party_id uuid REFERENCES party (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX person_municipality ON person (municipality_id);

CREATE TABLE membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  body_id uuid NOT NULL REFERENCES body (id),
  role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'substitute')),
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX membership_body ON membership (body_id);
CREATE INDEX membership_person ON membership (person_id);

CREATE TABLE official (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  body_id uuid NOT NULL REFERENCES body (id),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX official_body ON official (body_id);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  person_id uuid REFERENCES person (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE role_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user (id),
  role text NOT NULL CHECK (role IN ('admin', 'registrar', 'case_officer', 'secretary', 'member')),
  body_id uuid REFERENCES body (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX role_grant_unique ON role_grant (user_id, role, coalesce(body_id, '00000000-0000-0000-0000-000000000000'));

-- The session id is the SHA-256 of the cookie token: a leaked table does not give working sessions.
CREATE TABLE user_session (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE audit_entry (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES app_user (id),
  actor_label text NOT NULL,
  action text NOT NULL,
  record_type text NOT NULL,
  record_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_entry_record ON audit_entry (record_type, record_id, id);
CREATE INDEX audit_entry_municipality ON audit_entry (municipality_id, id);
