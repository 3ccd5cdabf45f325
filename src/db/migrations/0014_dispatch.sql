-- Dispatch (expediering, M11): a paragraph's extract sent to every recipient of "Beslutet skickas till". One
-- dispatch per paragraph holds the extract exactly as it was sent; one delivery per recipient holds the channel
-- (e-mail when the recipient has an address, internal otherwise), its outgoing record in the case, and its
-- status. The mail itself goes through the outbox (docs/decisions/0003-outbox-and-mail.md,
-- 0011-dispatch.md).

-- An external recipient named in plain text may have an e-mail address, entered with the recipients; a person as
-- recipient is linked (and named in label, as the minutes print it), and gets the person's address.
ALTER TABLE recipient ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s<>]+@[^@\s<>]+$');
ALTER TABLE recipient ADD COLUMN person_id uuid REFERENCES person (id);

CREATE TABLE dispatch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  paragraph_id uuid NOT NULL UNIQUE REFERENCES paragraph (id),
  dispatched_on date NOT NULL,
  dispatched_at timestamptz NOT NULL DEFAULT now(),
  dispatched_by text NOT NULL,
  subject text NOT NULL,
  extract_text text NOT NULL,
  file_name text NOT NULL
);
CREATE INDEX dispatch_municipality ON dispatch (municipality_id);

-- status: queued (waiting for its first attempt), retried (an attempt failed for a reason that may pass, another
-- is due), sent (the SMTP server accepted it, or an internal delivery was registered), failed (refused for good,
-- or out of attempts), bounced (accepted, then reported undeliverable by a delivery status notification).
CREATE TABLE dispatch_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  dispatch_id uuid NOT NULL REFERENCES dispatch (id),
  position integer NOT NULL CHECK (position > 0),
  body_id uuid REFERENCES body (id),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  channel text NOT NULL CHECK (channel IN ('email', 'internal')),
  address text,
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'retried', 'bounced')),
  record_id uuid NOT NULL REFERENCES record (id),
  round integer NOT NULL DEFAULT 1 CHECK (round > 0),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  message_id text,
  smtp_response text,
  last_error text,
  sent_at timestamptz,
  bounced_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dispatch_id, position),
  CHECK ((channel = 'email') = (address IS NOT NULL)),
  CHECK (channel = 'email' OR status = 'sent'),
  CHECK (status NOT IN ('sent', 'bounced') OR sent_at IS NOT NULL),
  CHECK ((status = 'bounced') = (bounced_at IS NOT NULL))
);
CREATE INDEX dispatch_delivery_dispatch ON dispatch_delivery (dispatch_id);
CREATE INDEX dispatch_delivery_record ON dispatch_delivery (record_id);
CREATE INDEX dispatch_delivery_message ON dispatch_delivery (message_id) WHERE message_id IS NOT NULL;
