-- 局长信箱 and 投诉举报: letters citizens write to the bureau, each with a
-- 信件编号 and a query code, handled on a working-day clock (limit_days,
-- the bureau's setting when the letter came, reckoned on the statutory
-- calendar when read, so a calendar change moves it).
--
-- channel: director (局长信箱) or report (投诉举报, category says what).
-- status: open; replied; rejected (不予受理); merged (into merged_into);
-- referred (a report handed to enforcement: referral is the reference,
-- outcome what enforcement found, filled in later). closed_on is the day
-- the writer had the answer (reply, rejection, merge or referral): the
-- statistics' 办结 and on-time figures count from it.
-- writer '' and contact '' only for an anonymous report. contact is never
-- shown outside the staff pages; public_subject / public_body are the
-- masked copies published (only letters whose writer allowed it, and never
-- reports).
CREATE TABLE letters (
    id             {{ID}},
    number         TEXT,
    query_code     TEXT   NOT NULL,
    channel        TEXT   NOT NULL,
    category       TEXT   NOT NULL DEFAULT '',
    subject        TEXT   NOT NULL,
    body           TEXT   NOT NULL,
    writer         TEXT   NOT NULL DEFAULT '',
    contact        TEXT   NOT NULL DEFAULT '',
    allow_public   BIGINT NOT NULL DEFAULT 0,
    received_at    BIGINT NOT NULL,
    received_on    TEXT   NOT NULL,
    limit_days     BIGINT NOT NULL,
    department     TEXT   NOT NULL DEFAULT '',
    status         TEXT   NOT NULL DEFAULT 'open',
    closed_on      TEXT,
    reply          TEXT   NOT NULL DEFAULT '',
    replied_by     TEXT   NOT NULL DEFAULT '',
    reason         TEXT   NOT NULL DEFAULT '',
    merged_into    TEXT   NOT NULL DEFAULT '',
    referral       TEXT   NOT NULL DEFAULT '',
    outcome        TEXT   NOT NULL DEFAULT '',
    public         BIGINT NOT NULL DEFAULT 0,
    public_subject TEXT   NOT NULL DEFAULT '',
    public_body    TEXT   NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX letters_by_number ON letters (number);
CREATE INDEX letters_by_status ON letters (status, received_on);
CREATE INDEX letters_by_month ON letters (received_on);

CREATE TABLE letter_files (
    id           {{ID}},
    letter_id    BIGINT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    file_name    TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    data         {{BLOB}} NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX letter_files_by_letter ON letter_files (letter_id);

-- Every step, as the writer sees it on the lookup page (note is written to
-- the writer).
CREATE TABLE letter_steps (
    id        {{ID}},
    letter_id BIGINT NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    at        BIGINT NOT NULL,
    on_date   TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    actor     TEXT   NOT NULL,
    note      TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX letter_steps_by_letter ON letter_steps (letter_id);
