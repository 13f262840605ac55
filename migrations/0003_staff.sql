-- Staff: accounts, sessions, the editorial workflow (revisions and
-- confidentiality reviews) and the append-only audit log.

CREATE TABLE users (
    id            {{ID}},
    username      TEXT   NOT NULL UNIQUE,
    display_name  TEXT   NOT NULL,
    password_hash TEXT   NOT NULL,
    roles         TEXT   NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until  BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Every save of an item is a revision: a JSON snapshot of its editable fields.
-- The newest open one (draft, submitted, returned, approved, scheduled) is the
-- article's pending revision; publishing copies it into the article.
CREATE TABLE revisions (
    id           {{ID}},
    article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id    BIGINT REFERENCES users (id),
    author_name  TEXT   NOT NULL,
    state        TEXT   NOT NULL,
    snapshot     TEXT   NOT NULL,
    note         TEXT   NOT NULL DEFAULT '',
    scheduled_at BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX revisions_by_article ON revisions (article_id, id);
CREATE INDEX revisions_by_state ON revisions (state, scheduled_at);

-- 保密审查: nothing is published without an approved review of what is published.
CREATE TABLE reviews (
    id            {{ID}},
    article_id    BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    revision_id   BIGINT REFERENCES revisions (id) ON DELETE CASCADE,
    reviewer_id   BIGINT REFERENCES users (id),
    reviewer_name TEXT   NOT NULL,
    decision      TEXT   NOT NULL,
    opinion       TEXT   NOT NULL,
    disclosure    TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX reviews_by_article ON reviews (article_id, id);

ALTER TABLE articles ADD COLUMN pending_revision_id BIGINT;
ALTER TABLE articles ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN withdrawn_at BIGINT;
-- 不予公开 / 依申请公开 items are reviewed again periodically (条例第十八条).
ALTER TABLE articles ADD COLUMN next_rereview_on TEXT;

-- An attachment added in a draft is not public until that draft is published;
-- one removed in a draft stays until then.
ALTER TABLE attachments ADD COLUMN live BIGINT NOT NULL DEFAULT 1;
ALTER TABLE attachments ADD COLUMN pending_delete BIGINT NOT NULL DEFAULT 0;

-- Append-only, chained by hashes: each row's hash covers the previous row's
-- hash, so an altered or deleted row breaks the chain (`gongkai audit verify`).
-- audit_head holds the chain's length and last hash, which also reveals rows
-- deleted from the end, and serialises appends on every engine.
CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   BIGINT,
    actor_name TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    target     TEXT   NOT NULL,
    detail     TEXT   NOT NULL,
    prev_hash  TEXT   NOT NULL,
    hash       TEXT   NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor_name, seq);

CREATE TABLE audit_head (
    id        BIGINT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');
