-- Reserves (M12) and follow-up (M13): the municipality's areas, appropriations (anslag till förfogande), call-offs
-- (avrop) with their areas and indicators, an append-only ledger that moves the money, follow-up reports with
-- indicator values, question rounds (consultations linked to a reserve) and import runs.
--
-- Money is whole öre in bigint, never floating point. A reserve's granted and paid sums are kept on its row by
-- the ledger's trigger, so the only way to move money is to append a ledger entry; CHECK constraints on the
-- reserve and the call-off then make a balance below zero impossible, whatever the code does, and concurrent
-- grants queue on the reserve's row (docs/decisions/0013-reserves-ledger.md).

CREATE TABLE area (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  external_id text NOT NULL CHECK (length(trim(external_id)) > 0),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  kind text NOT NULL DEFAULT 'district' CHECK (kind IN ('district', 'neighbourhood', 'city')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, external_id),
  UNIQUE (municipality_id, name)
);

CREATE TABLE appropriation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  external_id text NOT NULL CHECK (length(trim(external_id)) > 0),
  owner_body_id uuid NOT NULL REFERENCES body (id),
  case_id uuid REFERENCES register_case (id),
  decided_by_id uuid NOT NULL REFERENCES decision_reference (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  purpose text NOT NULL CHECK (length(trim(purpose)) > 0),
  processes text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  themes text[] NOT NULL CHECK (cardinality(themes) > 0),
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  -- Kept by ledger_entry_apply, never written by the code.
  granted_ore bigint NOT NULL DEFAULT 0,
  paid_ore bigint NOT NULL DEFAULT 0,
  -- How the reserve's progress is made from its call-offs' progress: weighted by granted money, or the plain mean.
  progress_method text NOT NULL DEFAULT 'weighted' CHECK (progress_method IN ('weighted', 'average')),
  progress_permille integer CHECK (progress_permille BETWEEN 0 AND 1000),
  illustrative boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The balance: remaining = amount − granted ≥ 0, and nothing is paid that is not granted.
  CONSTRAINT appropriation_balance_not_negative CHECK (granted_ore >= 0 AND granted_ore <= amount_ore),
  CONSTRAINT appropriation_paid_within_granted CHECK (paid_ore >= 0 AND paid_ore <= granted_ore),
  UNIQUE (municipality_id, external_id)
);
CREATE INDEX appropriation_year ON appropriation (municipality_id, year);

CREATE TABLE call_off (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  external_id text NOT NULL CHECK (length(trim(external_id)) > 0),
  appropriation_id uuid NOT NULL REFERENCES appropriation (id),
  case_id uuid NOT NULL REFERENCES register_case (id),
  applying_body_id uuid NOT NULL REFERENCES body (id),
  theme text NOT NULL,
  target_group text NOT NULL CHECK (length(trim(target_group)) > 0),
  process text NOT NULL CHECK (length(trim(process)) > 0),
  description text NOT NULL CHECK (length(trim(description)) > 0),
  applied_on date NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  requested_ore bigint NOT NULL CHECK (requested_ore > 0),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'granted', 'partly_granted', 'rejected')),
  decided_by_id uuid REFERENCES decision_reference (id),
  -- Kept by ledger_entry_apply.
  granted_ore bigint NOT NULL DEFAULT 0,
  paid_ore bigint NOT NULL DEFAULT 0,
  progress_method text NOT NULL DEFAULT 'average' CHECK (progress_method IN ('weighted', 'average')),
  progress_permille integer CHECK (progress_permille BETWEEN 0 AND 1000),
  illustrative boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK ((status = 'applied') = (decided_by_id IS NULL)),
  CONSTRAINT call_off_granted_within_requested CHECK (granted_ore >= 0 AND granted_ore <= requested_ore),
  CONSTRAINT call_off_paid_within_granted CHECK (paid_ore >= 0 AND paid_ore <= granted_ore),
  UNIQUE (municipality_id, external_id)
);
CREATE INDEX call_off_appropriation ON call_off (appropriation_id);
CREATE INDEX call_off_case ON call_off (case_id);

CREATE TABLE call_off_area (
  call_off_id uuid NOT NULL REFERENCES call_off (id),
  area_id uuid NOT NULL REFERENCES area (id),
  PRIMARY KEY (call_off_id, area_id)
);

-- Every movement of money. Append-only: the trigger below refuses UPDATE and DELETE. A grant or payment also
-- moves the sums on the reserve and the call-off in the same statement, where the CHECKs above hold them.
CREATE TABLE ledger_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  position bigserial NOT NULL,
  appropriation_id uuid NOT NULL REFERENCES appropriation (id),
  call_off_id uuid REFERENCES call_off (id),
  kind text NOT NULL CHECK (kind IN ('appropriated', 'granted', 'paid')),
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  booked_on date NOT NULL,
  decision_id uuid REFERENCES decision_reference (id),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'appropriated') = (call_off_id IS NULL))
);
CREATE INDEX ledger_entry_appropriation ON ledger_entry (appropriation_id, position);
CREATE INDEX ledger_entry_call_off ON ledger_entry (call_off_id);

CREATE FUNCTION ledger_entry_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
  END IF;
  IF NEW.call_off_id IS NOT NULL AND NOT FOUND THEN
    RAISE EXCEPTION 'ledger entry for a call-off of another reserve' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_entry_apply AFTER INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_apply();

CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = '55000';
END
$$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();

-- What the call-off measures. Values are numeric: a share in percent (72.5), a count of people (40).
CREATE TABLE indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  external_id text NOT NULL CHECK (length(trim(external_id)) > 0),
  call_off_id uuid NOT NULL REFERENCES call_off (id),
  position integer NOT NULL CHECK (position > 0),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  unit text NOT NULL CHECK (unit IN ('percent', 'people', 'count')),
  baseline numeric(14, 2) NOT NULL,
  target numeric(14, 2) NOT NULL,
  source text NOT NULL CHECK (length(trim(source)) > 0),
  weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (target <> baseline),
  CHECK (unit <> 'percent' OR (baseline BETWEEN 0 AND 100 AND target BETWEEN 0 AND 100)),
  CHECK (unit = 'percent' OR (baseline >= 0 AND target >= 0 AND baseline = trunc(baseline) AND target = trunc(target))),
  UNIQUE (municipality_id, external_id),
  UNIQUE (call_off_id, position)
);

-- A report on the follow-up calendar: period 'interim' (delårsrapport) or 'annual' (årsanalys) of a year.
CREATE TABLE follow_up_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  external_id text NOT NULL CHECK (length(trim(external_id)) > 0),
  call_off_id uuid NOT NULL REFERENCES call_off (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  period text NOT NULL CHECK (period IN ('interim', 'annual')),
  status text NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track', 'completed')),
  progress_permille integer NOT NULL CHECK (progress_permille BETWEEN 0 AND 1000),
  money_used_ore bigint NOT NULL CHECK (money_used_ore >= 0),
  narrative text NOT NULL CHECK (length(trim(narrative)) > 0),
  reported_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, external_id),
  UNIQUE (call_off_id, year, period)
);

CREATE TABLE indicator_value (
  report_id uuid NOT NULL REFERENCES follow_up_report (id),
  indicator_id uuid NOT NULL REFERENCES indicator (id),
  value numeric(14, 2) NOT NULL,
  PRIMARY KEY (report_id, indicator_id)
);
CREATE INDEX indicator_value_indicator ON indicator_value (indicator_id);

-- A special question round to the committees about a reserve: a consultation in the reserve's case.
CREATE TABLE question_round (
  appropriation_id uuid NOT NULL REFERENCES appropriation (id),
  consultation_id uuid NOT NULL REFERENCES consultation (id) UNIQUE,
  PRIMARY KEY (appropriation_id, consultation_id)
);

-- An import of a CSV file run as a job: its rows wait here until the job writes them all or none.
CREATE TABLE reserve_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  kind text NOT NULL CHECK (kind IN ('areas', 'indicators', 'reports')),
  content text NOT NULL,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'done', 'refused')),
  row_count integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
