-- The outbox: each notice a citizen is sent (an applicant, an asker, a
-- requester), written in the same transaction as the event it tells of, so
-- none is lost and none goes out for an event that rolled back. The sender
-- claims pending rows with a lease (lease_until, claimed_by), so several app
-- servers never send one twice; each try is kept in notice_attempts.
CREATE TABLE notices (
    id           {{ID}},
    subject_kind TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    event        TEXT   NOT NULL,
    channel      TEXT   NOT NULL,
    recipient    TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    status       TEXT   NOT NULL DEFAULT 'pending',
    attempts     BIGINT NOT NULL DEFAULT 0,
    next_at      BIGINT NOT NULL,
    lease_until  BIGINT NOT NULL DEFAULT 0,
    claimed_by   TEXT   NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    sent_at      BIGINT,
    last_error   TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX notices_due ON notices (status, next_at);
CREATE INDEX notices_by_subject ON notices (subject_kind, subject);

CREATE TABLE notice_attempts (
    id        {{ID}},
    notice_id BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    at        BIGINT NOT NULL,
    worker    TEXT   NOT NULL,
    ok        BIGINT NOT NULL,
    detail    TEXT   NOT NULL
);
CREATE INDEX notice_attempts_by_notice ON notice_attempts (notice_id);

-- Where a member of staff gets the morning digest of what turns yellow or
-- red in their queues (empty: no digest by e-mail; the dashboard shows it).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- The digest of each working day, claimed by the first app server to get
-- there, in the transaction that writes its notices.
CREATE TABLE notice_digests (
    day        TEXT   PRIMARY KEY,
    at         BIGINT NOT NULL,
    recipients BIGINT NOT NULL
);

-- Administrators' wording of a notice (one per event and channel); an
-- event without a row here uses the built-in wording.
CREATE TABLE notice_templates (
    event      TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    title      TEXT   NOT NULL,
    body       TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT   NOT NULL,
    PRIMARY KEY (event, channel)
);
