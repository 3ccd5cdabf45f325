-- Official reports (tjänsteskrivelser, M5): templates per municipality and body decide the sections' order and
-- headings; a report belongs to a case and keeps every version; a signed version is locked with the SHA-256 of what
-- the signer read and registered as a record in the case. The sections Paragraf knows (decision basis, recipients,
-- those responsible) are links, per version, never copied text.

CREATE TABLE report_template (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  -- null: the municipality's template for bodies that have none of their own.
  body_id uuid REFERENCES body (id),
  name text NOT NULL,
  -- [{ "kind": "summary", "heading": "Sammanfattning", "maxLength": 4000 }, …] in print order.
  sections jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (municipality_id, body_id)
);

CREATE TABLE official_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  template_id uuid NOT NULL REFERENCES report_template (id),
  -- The administration that writes it (Stadskontoret) and the person named under "Vår referens".
  administration_id uuid NOT NULL REFERENCES body (id),
  reference_person_id uuid NOT NULL REFERENCES person (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX official_report_case ON official_report (municipality_id, case_id);

CREATE TABLE official_report_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES official_report (id),
  version integer NOT NULL CHECK (version >= 1),
  dated_on date NOT NULL,
  -- The written sections by kind: { "summary": "…", "proposal": "…" }.
  texts jsonb NOT NULL CHECK (jsonb_typeof(texts) = 'object'),
  written_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set together when the version is signed, never changed after.
  signed_at timestamptz,
  signed_by_user_id uuid REFERENCES app_user (id),
  signed_by text,
  sign_method text,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  signed_content jsonb,
  record_id uuid REFERENCES record (id),
  UNIQUE (report_id, version),
  CHECK ((signed_at IS NULL) = (sha256 IS NULL) AND (signed_at IS NULL) = (signed_content IS NULL)
    AND (signed_at IS NULL) = (sign_method IS NULL) AND (signed_at IS NULL) = (signed_by IS NULL))
);

CREATE TABLE official_report_basis (
  version_id uuid NOT NULL REFERENCES official_report_version (id),
  position integer NOT NULL CHECK (position >= 1),
  record_id uuid NOT NULL REFERENCES record (id),
  -- The decision the record holds, when it is one (Beslut KF 240926 § 189 …).
  paragraph_id uuid REFERENCES paragraph (id),
  PRIMARY KEY (version_id, position)
);

CREATE TABLE official_report_recipient (
  version_id uuid NOT NULL REFERENCES official_report_version (id),
  position integer NOT NULL CHECK (position >= 1),
  body_id uuid REFERENCES body (id),
  label text CHECK (length(label) BETWEEN 1 AND 200),
  PRIMARY KEY (version_id, position),
  CHECK ((body_id IS NULL) <> (label IS NULL))
);

CREATE TABLE official_report_responsible (
  version_id uuid NOT NULL REFERENCES official_report_version (id),
  position integer NOT NULL CHECK (position >= 1),
  person_id uuid NOT NULL REFERENCES person (id),
  PRIMARY KEY (version_id, position)
);
