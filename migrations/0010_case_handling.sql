-- Handling cases: the clock's pauses (while the applicant corrects, as JSON
-- [[from, to-or-null], …]), the correction asked for, and the licence
-- register row a grant wrote.

ALTER TABLE applications ADD COLUMN pauses TEXT NOT NULL DEFAULT '[]';
ALTER TABLE applications ADD COLUMN correction TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN licence_row BIGINT;
