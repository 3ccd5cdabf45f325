-- Follow-through (M3, M4) and the job queue: decision references, assignments (uppdrag), consultations (remiss)
-- with their consultees, questions, answers, reservations and statements, reminders; the outbox and mail
-- deliveries that notify recipients after commit.

-- A reference to a decision: body, date and § number, rendered "KF 240926 § 189". paragraph_id points at the
-- minutes' paragraph once that table exists (the foreign key is added when it does). § numbers run per body and
-- year, so one body, year and number is one decision: a second reference with another date is refused. The
-- number may be unknown (the seed gives none for KSAU's decision of 2025-03-24): then body and date name it.
CREATE TABLE decision_reference (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  body_id uuid NOT NULL REFERENCES body (id),
  decided_on date NOT NULL,
  decision_year integer NOT NULL CHECK (decision_year BETWEEN 1900 AND 2999),
  paragraph_number integer CHECK (paragraph_number > 0),
  paragraph_id uuid,
  case_id uuid REFERENCES register_case (id),
  record_id uuid REFERENCES record (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decision_year = extract(year FROM decided_on)),
  UNIQUE (body_id, decision_year, paragraph_number)
);
CREATE UNIQUE INDEX decision_reference_unnumbered ON decision_reference (body_id, decided_on)
  WHERE paragraph_number IS NULL;
CREATE INDEX decision_reference_municipality ON decision_reference (municipality_id);

CREATE TABLE assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  given_by_id uuid NOT NULL REFERENCES decision_reference (id),
  body_id uuid NOT NULL REFERENCES body (id),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  deadline date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reported', 'lapsed', 'written_off')),
  closed_by_id uuid REFERENCES decision_reference (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An open assignment has no closing decision; a closed one always has one.
  CHECK ((status = 'open') = (closed_by_id IS NULL)),
  CHECK (closed_by_id IS NULL OR closed_by_id <> given_by_id)
);
CREATE INDEX assignment_body ON assignment (municipality_id, body_id, status);
CREATE INDEX assignment_case ON assignment (case_id);

CREATE TABLE consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  decided_by_id uuid NOT NULL REFERENCES decision_reference (id),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  cover_text text NOT NULL CHECK (length(trim(cover_text)) > 0),
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
  sent_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'sent') = (sent_on IS NOT NULL)),
  CHECK (sent_on IS NULL OR deadline >= sent_on)
);
CREATE INDEX consultation_case ON consultation (case_id);

CREATE TABLE consultation_question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultation (id),
  position integer NOT NULL CHECK (position > 0),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  UNIQUE (consultation_id, position)
);

-- A consultee is a body of the municipality (committee, company) or an external organisation with a contact
-- address. Overdue is not stored: it is "sent, not answered, deadline passed", computed when read.
CREATE TABLE consultee (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  consultation_id uuid NOT NULL REFERENCES consultation (id),
  position integer NOT NULL CHECK (position > 0),
  body_id uuid REFERENCES body (id),
  organisation_name text,
  contact_email text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'answered', 'declined')),
  outgoing_record_id uuid REFERENCES record (id),
  response_record_id uuid REFERENCES record (id),
  decision_id uuid REFERENCES decision_reference (id),
  answered_on date,
  declined_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((body_id IS NULL) <> (organisation_name IS NULL)),
  CHECK (organisation_name IS NULL OR contact_email IS NOT NULL),
  CHECK (status = 'pending' OR outgoing_record_id IS NOT NULL),
  CHECK ((status = 'answered') = (response_record_id IS NOT NULL)),
  CHECK ((status IN ('answered', 'declined')) = (answered_on IS NOT NULL)),
  CHECK (status = 'answered' OR decision_id IS NULL),
  UNIQUE (consultation_id, position)
);
CREATE UNIQUE INDEX consultee_body ON consultee (consultation_id, body_id) WHERE body_id IS NOT NULL;
CREATE UNIQUE INDEX consultee_organisation ON consultee (consultation_id, lower(organisation_name))
  WHERE organisation_name IS NOT NULL;

-- Reservations and special statements made where the consultee decided its answer: "med reservation (M) och
-- (SD)" is two positions of one party each; "särskilt yttrande (M+C)" is one position of two parties.
CREATE TABLE consultee_position (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultee_id uuid NOT NULL REFERENCES consultee (id),
  position integer NOT NULL CHECK (position > 0),
  kind text NOT NULL CHECK (kind IN ('reservation', 'special_statement')),
  UNIQUE (consultee_id, position)
);

CREATE TABLE consultee_position_party (
  position_id uuid NOT NULL REFERENCES consultee_position (id),
  party_id uuid NOT NULL REFERENCES party (id),
  ordinal integer NOT NULL CHECK (ordinal > 0),
  PRIMARY KEY (position_id, party_id)
);

CREATE TABLE consultation_answer (
  consultee_id uuid NOT NULL REFERENCES consultee (id),
  question_id uuid NOT NULL REFERENCES consultation_question (id),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  PRIMARY KEY (consultee_id, question_id)
);

-- Reminder times the secretary sets; each becomes an outbox job when the consultation is sent (or at once when
-- added later). The job reminds every consultee that has not answered or declined when it runs.
CREATE TABLE consultation_reminder (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultation (id),
  remind_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consultation_id, remind_at)
);

-- The outbox: side effects written in the transaction of the change, run after commit by any process.
-- A worker claims due jobs with FOR UPDATE SKIP LOCKED and holds them for a lease; a dead worker's jobs
-- become claimable again when the lease runs out.
CREATE TABLE outbox_job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  kind text NOT NULL CHECK (length(kind) > 0),
  payload jsonb NOT NULL DEFAULT '{}',
  idempotency_key text NOT NULL UNIQUE,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts > 0),
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (done_at IS NULL OR failed_at IS NULL)
);
CREATE INDEX outbox_job_due ON outbox_job (run_at) WHERE done_at IS NULL AND failed_at IS NULL;

-- One row per (job, recipient address): written with status 'sending' before the SMTP transaction, set to
-- 'sent' when the server accepted. A retry skips what is 'sent' (see docs/decisions/0003-outbox-and-mail.md).
CREATE TABLE mail_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id uuid NOT NULL REFERENCES outbox_job (id),
  recipient text NOT NULL,
  message_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts > 0),
  smtp_response text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  UNIQUE (job_id, recipient)
);
