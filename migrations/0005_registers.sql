-- Public registers (权力清单, 双公示, 采购, 项目, 双随机, 预算决算).
-- Every register shares one table: a row's fields are a JSON map, and the
-- fields that tables filter and sort on are copied into indexed columns.
-- `fields` is the original as staff entered it; `public_fields` is the
-- masked copy (依法隐去) that every public channel reads.

CREATE TABLE register_rows (
    id              {{ID}},
    register        TEXT   NOT NULL,
    ref_no          TEXT   NOT NULL,
    title           TEXT   NOT NULL,
    category        TEXT   NOT NULL DEFAULT '',
    status          TEXT   NOT NULL DEFAULT '',
    decided_on      TEXT   NOT NULL DEFAULT '',
    year            BIGINT NOT NULL DEFAULT 0,
    amount          BIGINT NOT NULL DEFAULT 0,
    party           TEXT   NOT NULL DEFAULT '',
    credit_code     TEXT   NOT NULL DEFAULT '',
    public_until    TEXT   NOT NULL DEFAULT '',
    serious         BIGINT NOT NULL DEFAULT 0,
    fields          TEXT   NOT NULL,
    public_fields   TEXT   NOT NULL,
    masked          TEXT   NOT NULL DEFAULT '',
    search_text     TEXT   NOT NULL DEFAULT '',
    withdrawn_at    BIGINT,
    withdraw_reason TEXT,
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (register, ref_no)
);
-- Every index ends with the two columns of the public condition, so counts
-- and the ids of a page come from the index alone (no 2 KB row reads).
CREATE INDEX register_rows_public      ON register_rows (register, withdrawn_at, public_until);
CREATE INDEX register_rows_by_date     ON register_rows (register, decided_on, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_category ON register_rows (register, category, decided_on, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_status   ON register_rows (register, status, decided_on, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_year     ON register_rows (register, year, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_amount   ON register_rows (register, amount, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_title    ON register_rows (register, title, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_party    ON register_rows (register, party, id, withdrawn_at, public_until);
CREATE INDEX register_rows_by_ref      ON register_rows (register, ref_no, id, withdrawn_at, public_until);
-- Free text walks this one newest first, reading the text from the index.
CREATE INDEX register_rows_by_text     ON register_rows (register, decided_on, id, withdrawn_at, public_until, search_text);
CREATE INDEX register_rows_by_code     ON register_rows (credit_code);

-- A row's history: a power-list item's 取消 / 下放 / 实施机关变更, a
-- project's milestones, a procurement's notices.
CREATE TABLE register_events (
    id         {{ID}},
    row_id     BIGINT NOT NULL REFERENCES register_rows (id) ON DELETE CASCADE,
    on_date    TEXT   NOT NULL,
    stage      TEXT   NOT NULL,
    note       TEXT   NOT NULL DEFAULT '',
    document   TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX register_events_by_row ON register_events (row_id, on_date);

-- Every insert, update and withdrawal, for /api/open/changes.json.
CREATE TABLE register_changes (
    seq      {{ID}},
    register TEXT   NOT NULL,
    row_id   BIGINT NOT NULL,
    action   TEXT   NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX register_changes_by_time ON register_changes (at, seq);
