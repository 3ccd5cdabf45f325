-- Approval of the minutes (justering, M9), the notice board (anslagstavla, M10) and legal force (issue 12;
-- L11–L15, L32).
--
-- The minutes are frozen as versions: the canonical form of their content (the data, serialised deterministically)
-- and its SHA-256. The chair, the approvers and the secretary sign a version; when all have, it is approved, and from
-- then on the database refuses any change to the proceedings of the paragraphs it covers. A version covers the
-- whole minutes of a meeting (paragraph_id null) or one paragraph approved at once at the meeting (L12).

-- Who approves a meeting's minutes, and when and where (KL 5 kap. 69 § (check)); the time is meeting.approval_at.
CREATE TABLE approval_arrangement (
  meeting_id uuid PRIMARY KEY REFERENCES meeting (id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  chair_person_id uuid NOT NULL REFERENCES person (id),
  place text NOT NULL CHECK (length(trim(place)) > 0),
  -- Where the approved minutes are kept, as the notice of approval says (L13).
  minutes_kept_at text NOT NULL CHECK (length(trim(minutes_kept_at)) > 0),
  -- Set where the choice is not the body's own but made up for an example (the seed names no approvers).
  illustrative boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE approver (
  meeting_id uuid NOT NULL REFERENCES approval_arrangement (meeting_id),
  person_id uuid NOT NULL REFERENCES person (id),
  position integer NOT NULL CHECK (position > 0),
  PRIMARY KEY (meeting_id, person_id),
  UNIQUE (meeting_id, position)
);

CREATE TABLE minutes_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  -- The paragraph approved at once at the meeting (L12); null for the whole minutes.
  paragraph_id uuid REFERENCES paragraph (id),
  number integer NOT NULL CHECK (number > 0),
  content text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  -- signing: waiting for signatures; refused: a signer refused; replaced: the secretary froze a newer version
  -- before all had signed; approved: all signed, locked; corrected: was approved, and a correction replaced it.
  status text NOT NULL DEFAULT 'signing'
    CHECK (status IN ('signing', 'refused', 'replaced', 'approved', 'corrected')),
  -- Why this version exists when it is not the first: the correction after a refusal or after approval.
  reason text,
  -- Why approval comes after the 14 days (L11), required then.
  late_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz,
  CHECK ((status IN ('approved', 'corrected')) = (approved_at IS NOT NULL)),
  CHECK (number = 1 OR length(trim(reason)) > 0)
);
CREATE UNIQUE INDEX minutes_version_number
  ON minutes_version (meeting_id, coalesce(paragraph_id, '00000000-0000-0000-0000-000000000000'::uuid), number);
-- At most one version of the same scope is being signed or stands approved at a time.
CREATE UNIQUE INDEX minutes_version_current
  ON minutes_version (meeting_id, coalesce(paragraph_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE status IN ('signing', 'approved');

CREATE TABLE signature (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES minutes_version (id),
  role text NOT NULL CHECK (role IN ('chair', 'approver', 'secretary')),
  -- The person signing as chair or approver; the secretary signs as an account.
  person_id uuid REFERENCES person (id),
  user_id uuid REFERENCES app_user (id),
  signer_name text NOT NULL,
  -- The signing provider (builtin, or a qualified e-signature service) and its reference for the transaction.
  method text NOT NULL,
  reference text,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'refused')),
  -- The hash the signer was shown and signs: must be the version's.
  covers_hash text NOT NULL CHECK (covers_hash ~ '^[0-9a-f]{64}$'),
  comment text,
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CHECK (role = 'secretary' OR person_id IS NOT NULL),
  CHECK ((status IN ('completed', 'refused')) = (completed_at IS NOT NULL)),
  CHECK (status <> 'refused' OR length(trim(comment)) > 0)
);
-- One live signature per signer and version: a failed one may be tried again.
CREATE UNIQUE INDEX signature_once
  ON signature (version_id, role, coalesce(person_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE status <> 'failed';

-- The notice of approval on the notice board (L13–L15, KL 8 kap. 12 § (check), 13 kap. 5 §).
CREATE TABLE notice (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  version_id uuid NOT NULL UNIQUE REFERENCES minutes_version (id),
  approved_on date NOT NULL,
  posted_on date NOT NULL CHECK (posted_on >= approved_on),
  appeal_ends_on date NOT NULL CHECK (appeal_ends_on > posted_on),
  take_down_on date NOT NULL CHECK (take_down_on > appeal_ends_on),
  minutes_kept_at text NOT NULL CHECK (length(trim(minutes_kept_at)) > 0),
  taken_down_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notice_board ON notice (municipality_id, posted_on);

-- A legality appeal recorded against a decision (KL 13 kap. 5 §, 13 kap. 14 § (check)).
CREATE TABLE appeal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  court text NOT NULL CHECK (length(trim(court)) > 0),
  received_on date NOT NULL,
  case_number text NOT NULL CHECK (length(trim(case_number)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (paragraph_id, court, case_number)
);
CREATE INDEX appeal_paragraph ON appeal (paragraph_id);

-- The lock: a row of a paragraph's proceedings may not be written, changed or removed once a version covering that
-- paragraph is approved; attendance and attachments once the whole minutes are. A correction first replaces the
-- approved version (status corrected), which lifts the lock until the new version is approved.
CREATE FUNCTION minutes_row_locked(tbl text, r jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  pid uuid;
  mid uuid;
BEGIN
  IF tbl = 'paragraph' THEN
    pid := (r ->> 'id')::uuid;
  ELSIF tbl IN ('motion', 'vote_event', 'question', 'decision_point', 'reservation', 'statement', 'recipient') THEN
    pid := (r ->> 'paragraph_id')::uuid;
  ELSIF tbl = 'motion_person' THEN
    SELECT paragraph_id INTO pid FROM motion WHERE id = (r ->> 'motion_id')::uuid;
  ELSIF tbl IN ('ballot', 'vote_candidate') THEN
    SELECT paragraph_id INTO pid FROM vote_event WHERE id = (r ->> 'vote_event_id')::uuid;
  ELSIF tbl IN ('statement_party', 'statement_person') THEN
    SELECT paragraph_id INTO pid FROM statement WHERE id = (r ->> 'statement_id')::uuid;
  ELSIF tbl IN ('disqualification', 'decision_basis_entry') THEN
    SELECT id INTO pid FROM paragraph WHERE agenda_item_id = (r ->> 'agenda_item_id')::uuid;
  ELSIF tbl IN ('attendance', 'minutes_attachment') THEN
    mid := (r ->> 'meeting_id')::uuid;
  END IF;
  IF pid IS NOT NULL THEN
    RETURN EXISTS (
      SELECT 1 FROM paragraph p
      JOIN minutes_version v ON v.status = 'approved'
        AND (v.paragraph_id = p.id OR (v.paragraph_id IS NULL AND v.meeting_id = p.meeting_id))
      WHERE p.id = pid
    );
  ELSIF mid IS NOT NULL THEN
    RETURN EXISTS (
      SELECT 1 FROM minutes_version v WHERE v.status = 'approved' AND v.paragraph_id IS NULL AND v.meeting_id = mid
    );
  END IF;
  RETURN false;
END
$$;

CREATE FUNCTION refuse_change_to_approved_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP IN ('UPDATE', 'DELETE') AND minutes_row_locked(TG_TABLE_NAME, to_jsonb(OLD)))
    OR (TG_OP IN ('INSERT', 'UPDATE') AND minutes_row_locked(TG_TABLE_NAME, to_jsonb(NEW))) THEN
    RAISE EXCEPTION 'The minutes of this paragraph are approved and cannot be changed (%).', TG_TABLE_NAME
      USING ERRCODE = 'PF001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER paragraph_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON paragraph
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER motion_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON motion
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER motion_person_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON motion_person
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER vote_event_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON vote_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER ballot_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON ballot
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER vote_candidate_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON vote_candidate
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER question_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON question
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER decision_point_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON decision_point
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER reservation_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON reservation
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER statement_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON statement
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER statement_party_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON statement_party
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER statement_person_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON statement_person
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER recipient_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON recipient
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER disqualification_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON disqualification
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER decision_basis_entry_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON decision_basis_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER attendance_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON attendance
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
CREATE TRIGGER minutes_attachment_approved_lock BEFORE INSERT OR UPDATE OR DELETE ON minutes_attachment
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_approved_minutes();
