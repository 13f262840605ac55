-- Public submissions counted per client and kind, in the database so the
-- limit holds across several app servers. Only a keyed hash of the client's
-- address is kept, and only for the window the limit looks at.

CREATE TABLE rate_hits (
    id     {{ID}},
    bucket TEXT   NOT NULL,
    at     BIGINT NOT NULL
);
CREATE INDEX rate_hits_by_bucket ON rate_hits (bucket, at);
