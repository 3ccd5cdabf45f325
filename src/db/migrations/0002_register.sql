-- The diarium's core (M2): number series with a counter per year, cases and records.
-- Numbers are allocated by UPDATE … RETURNING on the counter row inside the registering transaction, so a
-- rolled-back registration gives its number back; the unique constraints make a duplicate impossible anyway.

CREATE TABLE number_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  code text NOT NULL CHECK (length(trim(code)) > 0),
  prefix text NOT NULL,
  pattern text NOT NULL CHECK (pattern LIKE '%{seq%'),
  owner_body_id uuid REFERENCES body (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);

CREATE TABLE number_counter (
  series_id uuid NOT NULL REFERENCES number_series (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (series_id, year)
);

CREATE TABLE register_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  series_id uuid NOT NULL REFERENCES number_series (id),
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence > 0),
  number text NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  public_title text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  responsible_body_id uuid REFERENCES body (id),
  case_officer_id uuid REFERENCES person (id),
  origin_case_id uuid REFERENCES register_case (id),
  opened_on date NOT NULL,
  closed_on date,
  last_record_sequence integer NOT NULL DEFAULT 0,
  secrecy_provision text,
  secrecy_marked_on date,
  secrecy_marked_by_id uuid REFERENCES body (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, number),
  UNIQUE (series_id, year, sequence),
  CHECK (closed_on IS NULL OR closed_on >= opened_on),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  -- OSL 5 kap. 5 §: a marking states provision, date and the marking authority, or is absent altogether.
  CHECK ((secrecy_provision IS NULL) = (secrecy_marked_on IS NULL) AND (secrecy_provision IS NULL) = (secrecy_marked_by_id IS NULL)),
  -- A secret title needs a public one for the register (OSL 5 kap. 2 §).
  CHECK (secrecy_provision IS NULL OR public_title IS NOT NULL)
);
CREATE INDEX register_case_origin ON register_case (origin_case_id);

CREATE TABLE case_relation (
  case_id uuid NOT NULL REFERENCES register_case (id),
  related_case_id uuid NOT NULL REFERENCES register_case (id),
  PRIMARY KEY (case_id, related_case_id),
  CHECK (case_id <> related_case_id)
);

CREATE TABLE record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  sequence integer NOT NULL CHECK (sequence > 0),
  number text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('incoming', 'drawn_up', 'outgoing')),
  record_type text NOT NULL CHECK (record_type IN ('official_report', 'consultation_response', 'decision',
    'special_statement', 'reservation', 'attachment', 'letter', 'other')),
  dated_on date NOT NULL,
  counterpart_body_id uuid REFERENCES body (id),
  counterpart_name text,
  description text NOT NULL CHECK (length(trim(description)) > 0),
  public_description text,
  secrecy_provision text,
  secrecy_marked_on date,
  secrecy_marked_by_id uuid REFERENCES body (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, sequence),
  UNIQUE (municipality_id, number),
  CHECK ((secrecy_provision IS NULL) = (secrecy_marked_on IS NULL) AND (secrecy_provision IS NULL) = (secrecy_marked_by_id IS NULL))
);
CREATE INDEX record_case ON record (case_id, sequence);
