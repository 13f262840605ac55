-- 舆情 log (政务舆情回应): public concerns about the bureau's work, from
-- the moment staff notice one to the response that answered it or the
-- recorded decision not to respond. Never public itself: the public sees
-- only, on each linked response's page, when the concern arose and how
-- long the answer took.
--
-- The clock is reckoned when read, from noticed_at and the level: for
-- 重大 / 特别重大 (levels 1 and 2) calendar hours (authoritative
-- information within 5 hours, a press conference within 24); otherwise
-- limit_days working days on the statutory calendar (the bureau's setting
-- when the concern was recorded), so a change to the calendar moves it.
CREATE TABLE concerns (
    id             {{ID}},
    level          TEXT   NOT NULL,
    outlet         TEXT   NOT NULL,
    source_url     TEXT   NOT NULL DEFAULT '',
    noticed_at     BIGINT NOT NULL,
    summary        TEXT   NOT NULL,
    department     TEXT   NOT NULL,
    limit_days     BIGINT NOT NULL,
    -- open, answered (every response its level needs is published) or
    -- declined (a recorded decision not to respond).
    status         TEXT   NOT NULL DEFAULT 'open',
    -- When the first linked response, and the first linked press
    -- conference, were published.
    info_at        BIGINT,
    conference_at  BIGINT,
    closed_at      BIGINT,
    closed_by      TEXT   NOT NULL DEFAULT '',
    decline_reason TEXT   NOT NULL DEFAULT '',
    created_by_id  BIGINT,
    created_by     TEXT   NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX concerns_by_status ON concerns (status, noticed_at);

-- What answered a concern: published items on this portal (回应关切,
-- 新闻发布, 政策解读), one row each; conference = 1 marks a press
-- conference. published_at is the item's, copied when linked.
CREATE TABLE concern_responses (
    id           {{ID}},
    concern_id   BIGINT NOT NULL REFERENCES concerns (id),
    article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    conference   BIGINT NOT NULL DEFAULT 0,
    published_at BIGINT NOT NULL,
    linked_by    TEXT   NOT NULL,
    linked_at    BIGINT NOT NULL,
    UNIQUE (concern_id, article_id)
);
CREATE INDEX concern_responses_by_article ON concern_responses (article_id);
