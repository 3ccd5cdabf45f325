-- Votes and elections as the law has them (issue 10; L5–L7, KL 5 kap. 52–55 §§ (check)).
--
-- A vote on an ordinary question answers one step of the order of questions, and a question is voted on once. The
-- link moves from question.vote_event_id to vote_event.question_id, where a unique constraint can hold "once" and
-- a vote cannot answer two questions.
ALTER TABLE vote_event ADD COLUMN question_id uuid REFERENCES question (id);
UPDATE vote_event v
SET question_id = q.id
FROM (
  SELECT DISTINCT ON (vote_event_id) id, vote_event_id
  FROM question
  WHERE vote_event_id IS NOT NULL
  ORDER BY vote_event_id, position
) q
WHERE q.vote_event_id = v.id;
ALTER TABLE vote_event ADD CONSTRAINT vote_event_question_once UNIQUE (question_id);
ALTER TABLE question DROP COLUMN vote_event_id;

-- An election fills `seats` seats among candidates (vote_candidate), by majority; its result is who was elected, so
-- the yes/no result and sides of a question do not apply. yes_count holds the voters who named candidates.
ALTER TABLE vote_event ADD COLUMN seats integer CHECK (seats > 0);
ALTER TABLE vote_event ALTER COLUMN result DROP NOT NULL;
ALTER TABLE vote_event DROP CONSTRAINT vote_event_check;
ALTER TABLE vote_event
  ADD CONSTRAINT vote_event_tie CHECK (seats IS NOT NULL OR (decided_by = 'majority') = (yes_count <> no_count)),
  ADD CONSTRAINT vote_event_result CHECK ((result IS NULL) = (seats IS NOT NULL)),
  ADD CONSTRAINT vote_event_election_shape CHECK (
    seats IS NULL
    OR (election AND question_id IS NULL AND yes_motion_id IS NULL AND no_motion_id IS NULL AND no_count = 0)
  );
-- For rows written from now on: until this migration a secret ballot on an ordinary question, a vote outside the
-- order of questions and an election without candidates were accepted, and such rows stay as they were recorded.
ALTER TABLE vote_event
  ADD CONSTRAINT vote_event_secret_only_in_election CHECK (NOT secret OR election) NOT VALID,
  ADD CONSTRAINT vote_event_answers_question CHECK (election OR question_id IS NOT NULL) NOT VALID,
  ADD CONSTRAINT vote_event_election_has_seats CHECK (NOT election OR seats IS NOT NULL) NOT VALID;

CREATE TABLE vote_candidate (
  vote_event_id uuid NOT NULL REFERENCES vote_event (id),
  person_id uuid NOT NULL REFERENCES person (id),
  position integer NOT NULL CHECK (position > 0),
  votes integer NOT NULL CHECK (votes >= 0),
  elected boolean NOT NULL,
  -- Elected by lots drawn at the meeting, between candidates with equal votes for the last places.
  by_lot boolean NOT NULL DEFAULT false,
  PRIMARY KEY (vote_event_id, person_id),
  UNIQUE (vote_event_id, position),
  CHECK (NOT by_lot OR elected)
);

-- One council per municipality (KL 3 kap. 3 § (check)): the register refuses a second live one, and the database
-- makes it impossible anyway.
CREATE UNIQUE INDEX body_one_council ON body (municipality_id) WHERE kind = 'council' AND deleted_at IS NULL;
