-- Each case's due date as its clock stands (NULL once it has ended and
-- while it waits for a correction), written by every step that moves the
-- clock and again for every open case when the calendar changes: the
-- handlers' queue filters and sorts by it in SQL at any volume.
ALTER TABLE applications ADD COLUMN due_on TEXT;
CREATE INDEX applications_by_due ON applications (due_on);
CREATE INDEX applications_by_status_due ON applications (status, due_on);
-- The same for questions waiting for their answer.
ALTER TABLE consultations ADD COLUMN due_on TEXT;
CREATE INDEX consultations_by_due ON consultations (answered_on, due_on);
