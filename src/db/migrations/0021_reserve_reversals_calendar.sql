-- Reversals in the reserves' ledger, imports of reserves and call-offs (also from XLSX), and each municipality's
-- follow-up calendar (docs/decisions/0013-reserves-ledger.md).
--
-- A grant is reduced or withdrawn, and a payment corrected, only by appending an entry of its own with the
-- decision that made it: the trigger subtracts it from the sums on the reserve and the call-off, where the CHECKs
-- of 0016 already hold granted ≥ 0 and paid ≤ granted. So a reversal larger than the grant, or one that would
-- leave more paid out than granted, fails its statement whatever the code does, and concurrent reversals queue on
-- the call-off's and the reserve's rows as grants do.

ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
  CHECK (kind IN ('appropriated', 'granted', 'paid', 'grant_reversed', 'payment_reversed'));
-- A reversal is always a decision's: the deciding body's paragraph is on the entry.
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_reversal_decided
  CHECK (kind NOT IN ('grant_reversed', 'payment_reversed') OR (decision_id IS NOT NULL AND note IS NOT NULL));

CREATE OR REPLACE FUNCTION ledger_entry_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'granted' THEN
    UPDATE appropriation SET granted_ore = granted_ore + NEW.amount_ore, updated_at = now()
      WHERE id = NEW.appropriation_id;
    UPDATE call_off SET granted_ore = granted_ore + NEW.amount_ore, updated_at = now()
      WHERE id = NEW.call_off_id AND appropriation_id = NEW.appropriation_id;
  ELSIF NEW.kind = 'paid' THEN
    UPDATE appropriation SET paid_ore = paid_ore + NEW.amount_ore, updated_at = now()
      WHERE id = NEW.appropriation_id;
    UPDATE call_off SET paid_ore = paid_ore + NEW.amount_ore, updated_at = now()
      WHERE id = NEW.call_off_id AND appropriation_id = NEW.appropriation_id;
  ELSIF NEW.kind = 'grant_reversed' THEN
    -- In the order grants take the rows (the reserve, then the call-off), so bare entries cannot deadlock.
    UPDATE appropriation SET granted_ore = granted_ore - NEW.amount_ore, updated_at = now()
      WHERE id = NEW.appropriation_id;
    UPDATE call_off SET granted_ore = granted_ore - NEW.amount_ore, updated_at = now()
      WHERE id = NEW.call_off_id AND appropriation_id = NEW.appropriation_id;
  ELSIF NEW.kind = 'payment_reversed' THEN
    UPDATE appropriation SET paid_ore = paid_ore - NEW.amount_ore, updated_at = now()
      WHERE id = NEW.appropriation_id;
    UPDATE call_off SET paid_ore = paid_ore - NEW.amount_ore, updated_at = now()
      WHERE id = NEW.call_off_id AND appropriation_id = NEW.appropriation_id;
  END IF;
  IF NEW.call_off_id IS NOT NULL AND NOT FOUND THEN
    RAISE EXCEPTION 'ledger entry for a call-off of another reserve' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;

-- A grant withdrawn in full leaves the call-off 'withdrawn'; one reduced leaves it 'partly_granted'.
ALTER TABLE call_off DROP CONSTRAINT call_off_status_check;
ALTER TABLE call_off ADD CONSTRAINT call_off_status_check
  CHECK (status IN ('applied', 'granted', 'partly_granted', 'rejected', 'withdrawn'));

-- Imports of reserves and call-offs too; an XLSX file is kept as base64 for the job.
ALTER TABLE reserve_import DROP CONSTRAINT reserve_import_kind_check;
ALTER TABLE reserve_import ADD CONSTRAINT reserve_import_kind_check
  CHECK (kind IN ('areas', 'indicators', 'reports', 'reserves', 'call_offs'));
ALTER TABLE reserve_import ADD COLUMN format text NOT NULL DEFAULT 'csv' CHECK (format IN ('csv', 'xlsx'));

-- The municipality's follow-up calendar: for each period, the day of the year its reporting period ends and the
-- day its report is due (in the same year, or the year after). Every period begins on 1 January. A municipality
-- without a row uses the common Swedish cycle (src/domain/follow-up.ts, standardCalendar).
CREATE TABLE follow_up_calendar (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  period text NOT NULL CHECK (period IN ('interim', 'annual')),
  ends_month integer NOT NULL CHECK (ends_month BETWEEN 1 AND 12),
  ends_day integer NOT NULL CHECK (ends_day BETWEEN 1 AND 31),
  due_month integer NOT NULL CHECK (due_month BETWEEN 1 AND 12),
  due_day integer NOT NULL CHECK (due_day BETWEEN 1 AND 31),
  due_next_year boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, period),
  -- The annual report covers the whole year; a report is due after its period ends.
  CHECK (period <> 'annual' OR (ends_month = 12 AND ends_day = 31)),
  CHECK (due_next_year OR (due_month, due_day) > (ends_month, ends_day))
);
SELECT paragraf_track_changes('follow_up_calendar');
