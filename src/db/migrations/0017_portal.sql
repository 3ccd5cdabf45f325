-- The public portal and open data (issue 15): when a step of a decision route was planned, so that OParl can say
-- when its Consultation was created; e-mail subscriptions to a body's meetings or a case's decisions.

ALTER TABLE decision_route_step ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE subscription (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  body_id uuid REFERENCES body (id),
  case_id uuid REFERENCES register_case (id),
  -- The secret in the confirmation and unsubscribe links (32 random bytes, base64url). Kept as it is, since every
  -- mail must carry it; whoever can read this table can read the addresses anyway (docs/decisions/0014).
  token text NOT NULL UNIQUE CHECK (length(token) >= 43),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  CHECK ((body_id IS NULL) <> (case_id IS NULL))
);
CREATE UNIQUE INDEX subscription_live ON subscription (municipality_id, lower(email), coalesce(body_id, case_id))
  WHERE unsubscribed_at IS NULL;
CREATE INDEX subscription_body ON subscription (body_id) WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL;
CREATE INDEX subscription_case ON subscription (case_id) WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL;
