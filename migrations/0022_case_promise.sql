-- The 承诺时限 an application is held to is the one its guide promised
-- when it was submitted: a later change to the guide moves no open case's
-- due date. Cases submitted before keep the limit their service has now.
ALTER TABLE applications ADD COLUMN promised_days INTEGER;

UPDATE applications
SET promised_days = (SELECT s.promised_days FROM services s WHERE s.code = applications.service_code)
WHERE number IS NOT NULL;
