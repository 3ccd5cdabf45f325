-- Meetings and minutes (M6–M8): decision routes, meetings with agenda and attendance, paragraphs with their
-- proceedings (motions, order of questions, votes and ballots, decision points, reservations, statements),
-- attachments and recipients. Paragraph numbers are allocated per body and calendar year by UPDATE … RETURNING on
-- a counter row, and a unique constraint makes a second paragraph with the same number impossible anyway.

CREATE TABLE meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  body_id uuid NOT NULL REFERENCES body (id),
  held_on date NOT NULL,
  starts_at text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text NOT NULL CHECK (length(trim(place)) > 0),
  is_public boolean NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'notice_published', 'opened', 'closed')),
  notice_published_on date,
  opened_at timestamptz,
  closed_at timestamptz,
  -- The time set for approving the minutes: written reservations and statements are due before it (L8, L9).
  approval_at timestamptz,
  -- Members and serving substitutes present by count, where the minutes state a count rather than every name.
  counted_present integer CHECK (counted_present >= 0),
  last_attachment_number integer NOT NULL DEFAULT 0 CHECK (last_attachment_number >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_at IS NULL OR (opened_at IS NOT NULL AND closed_at >= opened_at)),
  CHECK ((status IN ('opened', 'closed')) = (opened_at IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX meeting_body ON meeting (body_id, held_on);
CREATE INDEX meeting_municipality ON meeting (municipality_id, held_on);

CREATE TABLE agenda_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  position integer NOT NULL CHECK (position > 0),
  case_id uuid NOT NULL REFERENCES register_case (id),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  -- The previous body's decision this body receives as its proposed decision (M6); set by FK below.
  proposed_by_paragraph_id uuid,
  -- A proposal with no earlier paragraph behind it (e.g. the official report's), as its text.
  proposal_text text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, position)
);
CREATE INDEX agenda_item_case ON agenda_item (case_id);

CREATE TABLE paragraph_counter (
  body_id uuid NOT NULL REFERENCES body (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (body_id, year)
);

CREATE TABLE paragraph (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  body_id uuid NOT NULL REFERENCES body (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  agenda_item_id uuid NOT NULL UNIQUE REFERENCES agenda_item (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  number integer NOT NULL CHECK (number > 0),
  summary text,
  decision_intro text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, year, number)
);
CREATE INDEX paragraph_meeting ON paragraph (meeting_id, number);
ALTER TABLE agenda_item ADD CONSTRAINT agenda_item_proposed_by_fk FOREIGN KEY (proposed_by_paragraph_id) REFERENCES paragraph (id);

CREATE TABLE decision_basis_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agenda_item_id uuid NOT NULL REFERENCES agenda_item (id),
  position integer NOT NULL CHECK (position > 0),
  record_id uuid REFERENCES record (id),
  paragraph_id uuid REFERENCES paragraph (id),
  UNIQUE (agenda_item_id, position),
  CHECK (record_id IS NOT NULL OR paragraph_id IS NOT NULL)
);

CREATE TABLE decision_route_step (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  position integer NOT NULL CHECK (position > 0),
  body_id uuid NOT NULL REFERENCES body (id),
  planned_on date NOT NULL,
  meeting_id uuid REFERENCES meeting (id),
  role text NOT NULL CHECK (role IN ('prepare', 'decide', 'note')),
  UNIQUE (case_id, position)
);

CREATE TABLE attendance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  person_id uuid NOT NULL REFERENCES person (id),
  capacity text NOT NULL CHECK (capacity IN ('member', 'serving_substitute', 'substitute', 'official', 'other')),
  presides boolean NOT NULL DEFAULT false,
  replaces_person_id uuid REFERENCES person (id),
  -- Agenda positions between which the person was present; null means from the start or to the end.
  from_position integer CHECK (from_position > 0),
  to_position integer CHECK (to_position > 0),
  note text,
  UNIQUE (meeting_id, person_id),
  CHECK ((capacity = 'serving_substitute') = (replaces_person_id IS NOT NULL)),
  CHECK (from_position IS NULL OR to_position IS NULL OR to_position >= from_position),
  CHECK (NOT presides OR capacity = 'member')
);

CREATE TABLE disqualification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agenda_item_id uuid NOT NULL REFERENCES agenda_item (id),
  person_id uuid NOT NULL REFERENCES person (id),
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  substitute_person_id uuid REFERENCES person (id),
  UNIQUE (agenda_item_id, person_id),
  CHECK (substitute_person_id IS NULL OR substitute_person_id <> person_id)
);
CREATE UNIQUE INDEX disqualification_substitute ON disqualification (agenda_item_id, substitute_person_id);

CREATE TABLE motion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  kind text NOT NULL CHECK (kind IN ('approve', 'reject', 'amend', 'add', 'refer_back', 'table')),
  text text,
  UNIQUE (paragraph_id, position),
  CHECK (kind NOT IN ('amend', 'add') OR length(trim(text)) > 0)
);

CREATE TABLE motion_person (
  motion_id uuid NOT NULL REFERENCES motion (id),
  person_id uuid NOT NULL REFERENCES person (id),
  role text NOT NULL CHECK (role IN ('mover', 'supporter')),
  position integer NOT NULL,
  PRIMARY KEY (motion_id, person_id)
);

CREATE TABLE vote_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  yes_motion_id uuid REFERENCES motion (id),
  no_motion_id uuid REFERENCES motion (id),
  election boolean NOT NULL DEFAULT false,
  secret boolean NOT NULL DEFAULT false,
  yes_count integer NOT NULL CHECK (yes_count >= 0),
  no_count integer NOT NULL CHECK (no_count >= 0),
  abstain_count integer NOT NULL CHECK (abstain_count >= 0),
  absent_count integer NOT NULL CHECK (absent_count >= 0),
  result text NOT NULL CHECK (result IN ('yes', 'no')),
  decided_by text NOT NULL CHECK (decided_by IN ('majority', 'casting_vote', 'lots')),
  UNIQUE (paragraph_id, position),
  CHECK ((decided_by = 'majority') = (yes_count <> no_count)),
  CHECK (decided_by <> 'lots' OR election),
  CHECK (decided_by <> 'casting_vote' OR NOT election)
);

CREATE TABLE ballot (
  vote_event_id uuid NOT NULL REFERENCES vote_event (id),
  person_id uuid NOT NULL REFERENCES person (id),
  choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
  PRIMARY KEY (vote_event_id, person_id)
);

CREATE TABLE question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  motion_id uuid NOT NULL REFERENCES motion (id),
  against_motion_id uuid REFERENCES motion (id),
  winner_motion_id uuid NOT NULL REFERENCES motion (id),
  vote_event_id uuid REFERENCES vote_event (id),
  UNIQUE (paragraph_id, position),
  CHECK (against_motion_id IS NULL OR against_motion_id <> motion_id),
  CHECK (winner_motion_id = motion_id OR winner_motion_id = against_motion_id)
);

CREATE TABLE decision_point (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  UNIQUE (paragraph_id, position)
);

CREATE TABLE minutes_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  number integer NOT NULL CHECK (number > 0),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  record_id uuid REFERENCES record (id),
  UNIQUE (meeting_id, number)
);

CREATE TABLE reservation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  party_id uuid NOT NULL REFERENCES party (id),
  -- A named member; null when the minutes record the reservation of a party's members as a group.
  person_id uuid REFERENCES person (id),
  against_motion_id uuid REFERENCES motion (id),
  for_motion_id uuid REFERENCES motion (id),
  announced_at timestamptz NOT NULL,
  justification text,
  justification_submitted_at timestamptz,
  attachment_id uuid REFERENCES minutes_attachment (id),
  UNIQUE (paragraph_id, position),
  CHECK ((justification IS NULL) = (justification_submitted_at IS NULL))
);
CREATE UNIQUE INDEX reservation_person ON reservation (paragraph_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX reservation_party_group ON reservation (paragraph_id, party_id) WHERE person_id IS NULL;

CREATE TABLE statement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  kind text NOT NULL CHECK (kind IN ('special_statement', 'protocol_note')),
  announced_at timestamptz NOT NULL,
  text text,
  submitted_at timestamptz,
  attachment_id uuid REFERENCES minutes_attachment (id),
  UNIQUE (paragraph_id, position),
  CHECK ((text IS NULL) = (submitted_at IS NULL))
);

CREATE TABLE statement_party (
  statement_id uuid NOT NULL REFERENCES statement (id),
  party_id uuid NOT NULL REFERENCES party (id),
  position integer NOT NULL,
  PRIMARY KEY (statement_id, party_id)
);

CREATE TABLE statement_person (
  statement_id uuid NOT NULL REFERENCES statement (id),
  person_id uuid NOT NULL REFERENCES person (id),
  role text NOT NULL CHECK (role IN ('announcer', 'signatory')),
  position integer NOT NULL,
  PRIMARY KEY (statement_id, person_id, role)
);

CREATE TABLE recipient (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  position integer NOT NULL CHECK (position > 0),
  body_id uuid REFERENCES body (id),
  label text,
  UNIQUE (paragraph_id, position),
  CHECK (body_id IS NOT NULL OR length(trim(label)) > 0)
);
