-- Login throttling by growing delays instead of a lock anyone could trigger (issue 11).
-- One row per key: an account ("account:<e-mail>"), a client address ("address:<ip>") or the pair of both
-- ("pair:<e-mail> <ip>"). Each attempt is counted before the password is checked; once a key has had its free
-- failures, the next attempt must wait until blocked_until, and the wait doubles with every further failure.
-- The old counts meant a fifteen-minute lock; they are dropped with the table.
DROP TABLE login_throttle;

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz,
  blocked_until timestamptz,
  -- For a pair: when this account last logged in from this address. A known pair is not held back by the
  -- account's or the address's delay, only by its own.
  succeeded_at timestamptz
);
