-- What a Word/WPS import could not carry over as it was (text boxes,
-- comments, tracked changes, fields …), one line each, kept with the
-- revision it made so that the editor and the reviewer both see it; later
-- revisions of the same draft carry it forward until it is published.
ALTER TABLE revisions ADD COLUMN import_notes TEXT NOT NULL DEFAULT '';
