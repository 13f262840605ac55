-- 依申请公开: requests for government information (《政府信息公开条例》
-- 2019). A request, its identity and contacts are never public: no search
-- index, feed, sitemap or export reads these tables. The reply period (20
-- working days, 第三十三条) is reckoned from `clock_from` (the day received,
-- or the day a correction arrived, 第三十条) with `extension_days` and the
-- stops in `stops` (third party 第三十二条, another agency 第三十四条), so a
-- calendar change never leaves a stored due date stale.
CREATE TABLE disclosure_requests (
    id                  {{ID}},
    number              TEXT   UNIQUE,
    query_code          TEXT   NOT NULL,
    applicant_kind      TEXT   NOT NULL,
    org_type            TEXT   NOT NULL DEFAULT '',
    name                TEXT   NOT NULL,
    id_number           TEXT   NOT NULL,
    phone               TEXT   NOT NULL,
    email               TEXT   NOT NULL DEFAULT '',
    address             TEXT   NOT NULL DEFAULT '',
    description         TEXT   NOT NULL,
    doc_ref             TEXT   NOT NULL DEFAULT '',
    purpose             TEXT   NOT NULL DEFAULT '',
    delivery            TEXT   NOT NULL,
    received_at         BIGINT NOT NULL,
    received_on         TEXT   NOT NULL,
    status              TEXT   NOT NULL,
    clock_from          TEXT   NOT NULL,
    stops               TEXT   NOT NULL DEFAULT '[]',
    extension_days      BIGINT NOT NULL DEFAULT 0,
    correction          TEXT   NOT NULL DEFAULT '',
    correction_asked_on TEXT,
    correction_due_on   TEXT,
    corrected_on        TEXT,
    supplement          TEXT   NOT NULL DEFAULT '',
    outcome             TEXT,
    reason              TEXT   NOT NULL DEFAULT '',
    basis               TEXT   NOT NULL DEFAULT '',
    other_agency        TEXT   NOT NULL DEFAULT '',
    public_location     TEXT   NOT NULL DEFAULT '',
    fee_method          TEXT   NOT NULL DEFAULT '',
    fee_pages           BIGINT NOT NULL DEFAULT 0,
    fee_yuan            BIGINT NOT NULL DEFAULT 0,
    letter              TEXT   NOT NULL DEFAULT '',
    replied_on          TEXT,
    replied_by          TEXT   NOT NULL DEFAULT '',
    article_id          BIGINT
);
CREATE INDEX disclosure_requests_by_status ON disclosure_requests (status, received_at);
CREATE INDEX disclosure_requests_by_applicant ON disclosure_requests (id_number, received_on);

-- The applicant's identity proof and the files delivered with the reply.
CREATE TABLE disclosure_request_files (
    id           {{ID}},
    request_id   BIGINT NOT NULL REFERENCES disclosure_requests (id) ON DELETE CASCADE,
    role         TEXT   NOT NULL,
    file_name    TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    data         {{BLOB}} NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX disclosure_request_files_by_request ON disclosure_request_files (request_id);

-- Every step, and the notice the applicant was sent with it (empty: none).
CREATE TABLE disclosure_request_events (
    id         {{ID}},
    request_id BIGINT NOT NULL REFERENCES disclosure_requests (id) ON DELETE CASCADE,
    at         BIGINT NOT NULL,
    on_date    TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    actor      TEXT   NOT NULL,
    note       TEXT   NOT NULL,
    notice     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX disclosure_request_events_by_request ON disclosure_request_events (request_id, at);

-- 行政复议 and 行政诉讼 brought over a request (the annual report's table 四).
CREATE TABLE disclosure_request_appeals (
    id          {{ID}},
    request_id  BIGINT NOT NULL REFERENCES disclosure_requests (id) ON DELETE CASCADE,
    kind        TEXT   NOT NULL,
    filed_on    TEXT   NOT NULL,
    result      TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT '',
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT   NOT NULL
);
CREATE INDEX disclosure_request_appeals_by_request ON disclosure_request_appeals (request_id);
