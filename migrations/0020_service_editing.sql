-- Service guides kept by staff in the app. A guide's change (or a new
-- service's first guide) waits whole, as JSON, in `pending` until a
-- reviewer approves it; each decision is a service_reviews row with the
-- guide it was about. A service written but never approved is a 'draft'
-- (its public columns stay empty); a 'retired' one leaves the hall while
-- its cases are still handled.
--
-- Application forms are versioned: service_forms keeps every version of a
-- service's fields, and an application keeps the version it started with,
-- so a form changed later never breaks an application in progress.
ALTER TABLE services ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE services ADD COLUMN form_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN pending TEXT;
ALTER TABLE services ADD COLUMN pending_by BIGINT;
ALTER TABLE services ADD COLUMN return_note TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN retired_at BIGINT;

CREATE TABLE service_forms (
    service_code TEXT   NOT NULL REFERENCES services (code),
    version      BIGINT NOT NULL,
    fields       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (service_code, version)
);
INSERT INTO service_forms (service_code, version, fields, created_at)
SELECT code, 1, fields, updated_at FROM services;

ALTER TABLE applications ADD COLUMN form_version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE service_reviews (
    id            {{ID}},
    service_code  TEXT   NOT NULL REFERENCES services (code),
    reviewer_id   BIGINT REFERENCES users (id),
    reviewer_name TEXT   NOT NULL,
    decision      TEXT   NOT NULL,
    opinion       TEXT   NOT NULL,
    guide         TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX service_reviews_by_service ON service_reviews (service_code, id);

-- Services published before their reviews were recorded (the demo's) keep
-- a record that says so.
INSERT INTO service_reviews (service_code, reviewer_id, reviewer_name, decision, opinion, guide, created_at)
SELECT code, NULL, '系统', 'approved', '本记录建立前已发布', '', updated_at FROM services;
