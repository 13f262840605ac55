-- When a case ended (不予受理 or 办结): the on-time rate and the handling
-- time of electronic supervision (电子监察) are reckoned from it.
ALTER TABLE applications ADD COLUMN finished_on TEXT;

-- 好差评: one rating per finished case. A rating of 2 or less needs a
-- follow-up (回访整改) within 15 working days of the rating; its clock is
-- reckoned from rated_on, so calendar changes never leave it stale.
CREATE TABLE case_ratings (
    id             {{ID}},
    application_id BIGINT NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    service_code   TEXT   NOT NULL,
    score          BIGINT NOT NULL,
    comment        TEXT   NOT NULL,
    rated_at       BIGINT NOT NULL,
    rated_on       TEXT   NOT NULL,
    follow_up      TEXT   NOT NULL DEFAULT '',
    followed_on    TEXT,
    followed_by    TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX case_ratings_by_service ON case_ratings (service_code);

-- Online consultation (网上咨询). The contact is for the answer only and is
-- never shown in public; a question becomes public Q&A only when its asker
-- allowed it and staff published the answer.
CREATE TABLE consultations (
    id           {{ID}},
    number       TEXT   UNIQUE,
    query_code   TEXT   NOT NULL,
    service_code TEXT   NOT NULL DEFAULT '',
    topic        TEXT   NOT NULL,
    question     TEXT   NOT NULL,
    asker        TEXT   NOT NULL,
    contact      TEXT   NOT NULL,
    allow_public BIGINT NOT NULL,
    asked_at     BIGINT NOT NULL,
    asked_on     TEXT   NOT NULL,
    answer       TEXT   NOT NULL DEFAULT '',
    department   TEXT   NOT NULL DEFAULT '',
    answered_at  BIGINT,
    answered_on  TEXT,
    answered_by  TEXT   NOT NULL DEFAULT '',
    public       BIGINT NOT NULL DEFAULT 0,
    faq          BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX consultations_public ON consultations (public, answered_at);
CREATE INDEX consultations_open ON consultations (answered_at, asked_at);
