-- 意见征集: drafts of major decisions put to the public (《重大行政决策程序
-- 暂行条例》2019). A consultation is a catalogue item of kind
-- 'consultation' (its text, attachments and 索引号 are the item's, through
-- the normal review); `consultation_terms` holds the live terms of its
-- published revision — written only when a revision is published, so the
-- period, the ways to comment and the feedback report are never public
-- without an approved review. Comments keep their writer's name and contact
-- here only: the public sees them masked, and never the contact.
CREATE TABLE consultation_terms (
    article_id      BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    opened_on       TEXT   NOT NULL,
    closes_on       TEXT   NOT NULL,
    short_reason    TEXT   NOT NULL DEFAULT '',
    explanation_md  TEXT   NOT NULL DEFAULT '',
    comment_address TEXT   NOT NULL DEFAULT '',
    comment_email   TEXT   NOT NULL DEFAULT '',
    anonymous_ok    BIGINT NOT NULL DEFAULT 0,
    comments_public BIGINT NOT NULL DEFAULT 0,
    decision_id     BIGINT,
    feedback_md     TEXT   NOT NULL DEFAULT '',
    feedback_on     TEXT
);
CREATE INDEX consultation_terms_by_decision ON consultation_terms (decision_id);

-- One answer (采纳 / 部分采纳 / 未采纳 / 不属于本次征集范围, with its reason)
-- may answer several comments that say the same thing.
CREATE TABLE consultation_answers (
    id          {{ID}},
    article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    decision    TEXT   NOT NULL,
    reason      TEXT   NOT NULL,
    answered_by TEXT   NOT NULL,
    answered_at BIGINT NOT NULL
);
CREATE INDEX consultation_answers_by_item ON consultation_answers (article_id, id);

CREATE TABLE consultation_comments (
    id          {{ID}},
    article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    part        TEXT   NOT NULL DEFAULT '',
    body        TEXT   NOT NULL,
    name        TEXT   NOT NULL DEFAULT '',
    contact     TEXT   NOT NULL DEFAULT '',
    channel     TEXT   NOT NULL,
    received_on TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    entered_by  TEXT   NOT NULL DEFAULT '',
    shown       BIGINT NOT NULL DEFAULT 0,
    answer_id   BIGINT REFERENCES consultation_answers (id)
);
CREATE INDEX consultation_comments_by_item ON consultation_comments (article_id, id);

INSERT INTO index_codes (part, code) VALUES ('consultation', '0205');
