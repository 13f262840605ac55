-- 重大突发事件 notices (紧急公告): one short notice at the top of every
-- page between its start and end. An administrator drafts it; it shows
-- only once a reviewer other than its author approved it (the review
-- record is the row's reviewed_by / reviewed_at and its audit entry). A
-- withdrawn or ended notice stays here: the history is kept.
CREATE TABLE alerts (
    id            {{ID}},
    level         TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    body          TEXT   NOT NULL,
    link          TEXT   NOT NULL DEFAULT '',
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL,
    status        TEXT   NOT NULL DEFAULT 'pending',
    created_by_id BIGINT,
    created_by    TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    reviewed_by   TEXT   NOT NULL DEFAULT '',
    reviewed_at   BIGINT,
    review_note   TEXT   NOT NULL DEFAULT '',
    withdrawn_by  TEXT   NOT NULL DEFAULT '',
    withdrawn_at  BIGINT
);
CREATE INDEX alerts_live ON alerts (status, ends_at);
