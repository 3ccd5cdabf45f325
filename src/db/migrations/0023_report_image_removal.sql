-- An image taken out of an official report's draft (issue 13). The row stays: a signed version keeps what it was
-- signed with (its signed content names the image by id and SHA-256, and its documents embed the bytes), so a
-- removal only hides the image from the versions not yet signed.
ALTER TABLE official_report_image
  ADD COLUMN removed_at timestamptz,
  ADD COLUMN removed_by text,
  ADD CONSTRAINT official_report_image_removed CHECK ((removed_at IS NULL) = (removed_by IS NULL));
