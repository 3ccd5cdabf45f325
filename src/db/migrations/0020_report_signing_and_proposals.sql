-- Issue 13: an official report is signed through the same SigningProvider as the minutes, and a signed report is the
-- proposal the agenda items of its case carry.

-- One row per signing transaction of a report version: what the signer read (its SHA-256 and the content itself),
-- the provider's reference and how it stands. A provider that signs at once leaves a completed row; one that waits
-- for the signer (a qualified e-signature service) leaves a pending row until its answer is collected. The version
-- itself is locked (official_report_version.signed_at …) only when a signature completes.
CREATE TABLE official_report_signing (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES official_report_version (id),
  method text NOT NULL,
  reference text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content jsonb NOT NULL,
  signer_name text NOT NULL,
  user_id uuid REFERENCES app_user (id),
  -- The record a registrar already registered for the report, to link instead of registering a new one.
  record_id uuid REFERENCES record (id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  reason text,
  CHECK ((status = 'pending') = (finished_at IS NULL)),
  CHECK ((status = 'failed') = (reason IS NOT NULL))
);
-- At most one signing of a version waits for its signer at a time.
CREATE UNIQUE INDEX official_report_signing_pending ON official_report_signing (version_id) WHERE status = 'pending';
SELECT paragraf_track_changes('official_report_signing');

-- The proposal an agenda item carries, when it comes from a signed official report: the report, the version and how
-- the link reads ("Tjänsteskrivelse 2025-12-03, SIGNERAD 2025-11-17"). proposal_text holds the report's proposal.
ALTER TABLE agenda_item
  ADD COLUMN proposal_report_id uuid REFERENCES official_report (id),
  ADD COLUMN proposal_report_version integer,
  ADD COLUMN proposal_report_label text,
  ADD CHECK ((proposal_report_id IS NULL) = (proposal_report_version IS NULL)
    AND (proposal_report_id IS NULL) = (proposal_report_label IS NULL));

-- Whether an agenda item's paragraph stands in approved minutes (migration 0013's lock, as for its decision basis).
CREATE FUNCTION agenda_item_locked(item uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT minutes_row_locked('decision_basis_entry', jsonb_build_object('agenda_item_id', item))
$$;

-- Approved minutes never change: the proposal of an item whose paragraph is approved cannot be changed, whoever
-- writes. A correction (status corrected) lifts the lock as it does for the rest of the proceedings.
CREATE FUNCTION refuse_proposal_change_to_approved_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.proposal_text IS DISTINCT FROM OLD.proposal_text
      OR NEW.proposal_report_id IS DISTINCT FROM OLD.proposal_report_id
      OR NEW.proposal_report_version IS DISTINCT FROM OLD.proposal_report_version
      OR NEW.proposed_by_paragraph_id IS DISTINCT FROM OLD.proposed_by_paragraph_id)
    AND agenda_item_locked(OLD.id) THEN
    RAISE EXCEPTION 'The minutes of this paragraph are approved and cannot be changed (agenda_item).'
      USING ERRCODE = 'PF001';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER agenda_item_proposal_approved_lock BEFORE UPDATE ON agenda_item
  FOR EACH ROW EXECUTE FUNCTION refuse_proposal_change_to_approved_minutes();

-- Images in an official report's written sections (PNG or JPEG, sniffed from the bytes, at most 5 MB), each with the
-- alternative text a reader who does not see it is given. The bytes live here, in the report's own table, so an
-- image and the report that shows it are written in one transaction. A report's images belong to the report: every
-- version not yet signed shows them in their sections; a signed version keeps the ones it was signed with (their
-- SHA-256 is in its signed content, and the rows are never changed or removed).
CREATE TABLE official_report_image (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES official_report (id),
  section_kind text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
  width integer NOT NULL CHECK (width BETWEEN 1 AND 20000),
  height integer NOT NULL CHECK (height BETWEEN 1 AND 20000),
  alt text NOT NULL CHECK (length(btrim(alt)) BETWEEN 1 AND 300),
  data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 5242880),
  added_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX official_report_image_report ON official_report_image (report_id, created_at);
SELECT paragraf_track_changes('official_report_image');

-- The documents of approved minutes, rendered once and kept (issue 13, part 6): the PDF/A and DOCX bytes of a
-- document by the SHA-256 of the approved version it shows, the SHA-256 of the document's blocks as presented to the
-- reader and the format. The blocks' hash makes a kept file exactly the one a new rendering would give (a case made
-- secret after approval, or a reader who may see more, is a different document); the approved hash and the meeting
-- let a correction forget them. A cache: no reader is shown it, so it moves no data version.
CREATE TABLE kept_document (
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  approved_sha256 text NOT NULL CHECK (approved_sha256 ~ '^[0-9a-f]{64}$'),
  model_sha256 text NOT NULL CHECK (model_sha256 ~ '^[0-9a-f]{64}$'),
  -- HTML renders in a few milliseconds, faster than it is fetched: it is not kept.
  format text NOT NULL CHECK (format IN ('pdf', 'docx')),
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (approved_sha256, model_sha256, format)
);
CREATE INDEX kept_document_meeting ON kept_document (meeting_id);

-- A correction replaces the approved version (status corrected): the documents kept for the meeting are forgotten
-- in the same transaction, so none outlives the approval it was rendered under.
CREATE FUNCTION forget_kept_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kept_document WHERE meeting_id = NEW.meeting_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER minutes_version_forget_kept_documents AFTER UPDATE OF status ON minutes_version
  FOR EACH ROW WHEN (OLD.status = 'approved' AND NEW.status <> 'approved')
  EXECUTE FUNCTION forget_kept_documents();
