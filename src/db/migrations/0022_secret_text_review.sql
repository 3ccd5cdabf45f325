-- A secretary's review of a free text written on a secret case (issue 15, L31): a paragraph's summary, the
-- proposal's text, a motion, a written reservation or statement. The public versions leave such text out until it
-- is reviewed, and show it only while it is the very text reviewed: the review keeps the text's SHA-256, so a
-- changed text needs a new review (docs/decisions/0014-public-portal-and-open-data.md).

CREATE TABLE secret_text_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  paragraph_id uuid NOT NULL REFERENCES paragraph (id),
  field text NOT NULL CHECK (field IN ('summary', 'proposal', 'motion', 'statement', 'reservation')),
  -- The row the text is on: the paragraph, the agenda item, the motion, the reservation or the statement.
  source_id uuid NOT NULL,
  text_sha256 text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  reviewed_by_user_id uuid REFERENCES app_user (id),
  reviewed_by text NOT NULL CHECK (length(reviewed_by) BETWEEN 1 AND 200),
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (field, source_id, text_sha256)
);
CREATE INDEX secret_text_review_paragraph ON secret_text_review (paragraph_id);

-- A review changes what the public pages show: the page cache must not keep a page from before it.
SELECT paragraf_track_changes('secret_text_review');
