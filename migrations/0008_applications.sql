-- Online applications. A draft is reached by its private link (token); on
-- submission it gets its 受理编号 and a 查询码 in the same transaction that
-- stores it, so a number is only ever shown for an application kept.

CREATE TABLE applications (
    id           {{ID}},
    service_code TEXT   NOT NULL REFERENCES services (code),
    token        TEXT   NOT NULL UNIQUE,
    number       TEXT   UNIQUE,
    query_code   TEXT,
    status       TEXT   NOT NULL,
    answers      TEXT   NOT NULL,
    applicant    TEXT   NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    submitted_at BIGINT,
    submitted_on TEXT
);
CREATE INDEX applications_by_status ON applications (status, submitted_at);

CREATE TABLE application_files (
    id             {{ID}},
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    field          TEXT   NOT NULL,
    file_name      TEXT   NOT NULL,
    content_type   TEXT   NOT NULL,
    size           BIGINT NOT NULL,
    data           {{BLOB}} NOT NULL,
    created_at     BIGINT NOT NULL,
    UNIQUE (application_id, field)
);

CREATE TABLE application_events (
    id             {{ID}},
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    on_date        TEXT   NOT NULL,
    action         TEXT   NOT NULL,
    actor          TEXT   NOT NULL,
    note           TEXT   NOT NULL
);
CREATE INDEX application_events_by_application ON application_events (application_id, at);
