-- "How did we do?": one rating per resolved request, given with the tracking code and the
-- email used when filing.

CREATE TABLE ratings (
    request_id     INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment        TEXT    NOT NULL DEFAULT '',
    -- First given (the 14-day window to change it starts here) and last changed.
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    -- Low ratings (1-2) wait in the staff queue until someone follows them up.
    followed_up_at INTEGER,
    followed_up_by INTEGER REFERENCES staff (id) ON DELETE SET NULL
);
CREATE INDEX ratings_to_follow_up ON ratings (updated_at) WHERE score <= 2 AND followed_up_at IS NULL;
