-- The diarium's files, search and number look-up (M2, X6).
--
-- Search: each case and record carries two generated search vectors in the 'swedish' configuration:
--   public_tsv  what anyone may search: the title / description unless the row is secrecy-marked, then only
--               the public title / public description the register shows instead (OSL 5 kap. 2 §);
--   secret_tsv  everything, but only on secrecy-marked rows (NULL otherwise), searched only for readers with
--               access to the case's responsible body.
-- So a reader without access can never match, rank or get a snippet from a secret field: the words are not in
-- the vector that reader's query uses.

-- Files are stored once per municipality by their SHA-256; the bytes live on disk under
-- files/sha256/ab/cd/<hash>, written and fsynced before the registering transaction commits.
CREATE TABLE file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  media_type text NOT NULL CHECK (length(media_type) > 0),
  -- Text extracted from plain text and PDF files, for search; NULL when the type has no extractable text.
  text_content text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, sha256)
);

CREATE TABLE record_file (
  record_id uuid NOT NULL REFERENCES record (id),
  file_id uuid NOT NULL REFERENCES file (id),
  file_name text NOT NULL CHECK (length(trim(file_name)) > 0),
  position integer NOT NULL CHECK (position > 0),
  attached_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id, file_id),
  UNIQUE (record_id, position)
);
CREATE INDEX record_file_file ON record_file (file_id);

-- The extracted text of a record's files, kept beside the record so one vector covers description and files.
ALTER TABLE record ADD COLUMN file_text text;

ALTER TABLE register_case
  ADD COLUMN public_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('swedish'::regconfig,
      CASE WHEN secrecy_provision IS NULL THEN title ELSE coalesce(public_title, '') END)
  ) STORED,
  ADD COLUMN secret_tsv tsvector GENERATED ALWAYS AS (
    CASE WHEN secrecy_provision IS NOT NULL
      THEN to_tsvector('swedish'::regconfig, title || ' ' || coalesce(public_title, '')) END
  ) STORED;

ALTER TABLE record
  ADD COLUMN public_tsv tsvector GENERATED ALWAYS AS (
    CASE WHEN secrecy_provision IS NULL
      THEN setweight(to_tsvector('swedish'::regconfig, description), 'A')
        || setweight(to_tsvector('swedish'::regconfig, coalesce(file_text, '')), 'C')
      ELSE setweight(to_tsvector('swedish'::regconfig, coalesce(public_description, '')), 'A') END
  ) STORED,
  ADD COLUMN secret_tsv tsvector GENERATED ALWAYS AS (
    CASE WHEN secrecy_provision IS NOT NULL
      THEN setweight(to_tsvector('swedish'::regconfig, description || ' ' || coalesce(public_description, '')), 'A')
        || setweight(to_tsvector('swedish'::regconfig, coalesce(file_text, '')), 'C') END
  ) STORED;

CREATE INDEX register_case_public_tsv ON register_case USING gin (public_tsv);
CREATE INDEX register_case_secret_tsv ON register_case USING gin (secret_tsv) WHERE secret_tsv IS NOT NULL;
CREATE INDEX record_public_tsv ON record USING gin (public_tsv);
CREATE INDEX record_secret_tsv ON record USING gin (secret_tsv) WHERE secret_tsv IS NOT NULL;

-- Exact and prefix match on numbers, whatever the case of the letters typed: "stk-2024-13" finds STK-2024-1374.
CREATE INDEX register_case_number_prefix ON register_case (municipality_id, upper(number) text_pattern_ops);
CREATE INDEX record_number_prefix ON record (municipality_id, upper(number) text_pattern_ops);

-- Browsing the newest first, and the filters.
CREATE INDEX register_case_opened ON register_case (municipality_id, opened_on DESC);
CREATE INDEX register_case_body ON register_case (responsible_body_id);
CREATE INDEX record_dated ON record (municipality_id, dated_on DESC);
