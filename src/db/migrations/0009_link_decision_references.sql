-- Decision references point at the minutes' paragraph when the decision was taken in Paragraf: a link, so that
-- "KF 260122 § 8" on an assignment and § 8 in the minutes are one record and cannot disagree.
ALTER TABLE decision_reference
  ADD CONSTRAINT decision_reference_paragraph_fk FOREIGN KEY (paragraph_id) REFERENCES paragraph (id);
CREATE INDEX decision_reference_paragraph ON decision_reference (paragraph_id);
