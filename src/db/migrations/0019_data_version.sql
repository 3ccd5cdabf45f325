-- One number that grows whenever data a reader can see has changed: the page cache (src/http/page-cache.ts) keys
-- what it keeps by it, so a kept page is served only while nothing it was rendered from has changed
-- (docs/decisions/0016-page-cache-and-data-version.md).
--
-- The number is raised at most once per transaction, at its commit (a deferred constraint trigger), so a reader
-- sees a version and the data it stands for in the same snapshot, and a transaction holds the row's lock only for
-- the moment of its commit. A table added later calls paragraf_track_changes('its_name') in its migration; a test
-- (src/db/data-version.test.ts) fails for a table that neither does nor is listed as not shown to readers.

CREATE TABLE data_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL
);
INSERT INTO data_version (only_row, version) VALUES (true, 1);

CREATE FUNCTION paragraf_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('paragraf.data_version_raised', true) IS DISTINCT FROM 'yes' THEN
    UPDATE data_version SET version = version + 1;
    PERFORM set_config('paragraf.data_version_raised', 'yes', true);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION paragraf_track_changes(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE ON %s '
    'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION paragraf_bump_data_version()',
    target
  );
END
$$;

-- Every table but those no page, API answer or feed shows to a reader: sessions, login throttling, API keys'
-- bookkeeping, the audit trail, the migrations and the version itself.
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema()
      AND tablename NOT IN ('schema_migration', 'data_version', 'user_session', 'login_throttle', 'api_token',
                            'audit_entry')
  LOOP
    PERFORM paragraf_track_changes(quote_ident(t)::regclass);
  END LOOP;
END
$$;
