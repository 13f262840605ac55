-- The question queue's default view (waiting questions, soonest due first,
-- then newest asked) walks this index instead of sorting every question,
-- so a deep page costs what the first does.
CREATE INDEX consultations_waiting ON consultations (due_on, asked_at DESC, id DESC)
  WHERE answered_on IS NULL;
