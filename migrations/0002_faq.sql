-- FAQ articles: written in Markdown by staff, rendered and sanitized once at save.

CREATE TABLE faq_categories (
    id       INTEGER PRIMARY KEY,
    slug     TEXT    NOT NULL UNIQUE,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE faq_articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    category_id  INTEGER NOT NULL REFERENCES faq_categories (id),
    -- Lowercase tags, comma-separated ("tracking,codes"); also in faq_tags.
    tags         TEXT    NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    state        TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'archived')),
    body_md      TEXT    NOT NULL,
    -- Sanitized HTML, its table of contents (JSON) and plain text, made from body_md at save.
    body_html    TEXT    NOT NULL,
    toc_json     TEXT    NOT NULL DEFAULT '[]',
    body_text    TEXT    NOT NULL DEFAULT '',
    views        INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX faq_articles_by_category ON faq_articles (category_id, position) WHERE state = 'published';

CREATE TABLE faq_tags (
    article_id INTEGER NOT NULL REFERENCES faq_articles (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX faq_tags_by_tag ON faq_tags (tag);

-- Every save keeps the whole article as it was saved.
CREATE TABLE faq_revisions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES faq_articles (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    staff_id    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    -- Who saved it, as shown in the history ("Ana Silva", "import from files").
    author      TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    category_id INTEGER NOT NULL,
    tags        TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    body_md     TEXT    NOT NULL
);
CREATE INDEX faq_revisions_by_article ON faq_revisions (article_id, id);

-- Slugs an article had before a rename: they redirect (301) to its current slug.
CREATE TABLE faq_old_slugs (
    slug       TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES faq_articles (id) ON DELETE CASCADE
) WITHOUT ROWID;

-- "Was this helpful?": one vote per browser per article, changeable.
CREATE TABLE faq_votes (
    article_id INTEGER NOT NULL REFERENCES faq_articles (id) ON DELETE CASCADE,
    voter      TEXT    NOT NULL,
    helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment    TEXT    NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, voter)
) WITHOUT ROWID;

-- Full-text search over published articles only, kept in step by the triggers below.
-- unicode61 with diacritics removed ("resume" finds "résumé"); prefix indexes for
-- search-as-you-type.
CREATE VIRTUAL TABLE faq_search USING fts5 (
    title, summary, tags, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE VIRTUAL TABLE faq_search_vocab USING fts5vocab (faq_search, 'row');

CREATE TRIGGER faq_search_insert AFTER INSERT ON faq_articles WHEN new.state = 'published' BEGIN
    INSERT INTO faq_search (rowid, title, summary, tags, body)
    VALUES (new.id, new.title, new.summary, replace(new.tags, ',', ' '), new.body_text);
END;
-- Not on a change of views: counting a read must not re-index the article.
CREATE TRIGGER faq_search_update AFTER UPDATE OF title, summary, tags, body_text, state ON faq_articles BEGIN
    DELETE FROM faq_search WHERE rowid = old.id;
    INSERT INTO faq_search (rowid, title, summary, tags, body)
    SELECT new.id, new.title, new.summary, replace(new.tags, ',', ' '), new.body_text
    WHERE new.state = 'published';
END;
CREATE TRIGGER faq_search_delete AFTER DELETE ON faq_articles BEGIN
    DELETE FROM faq_search WHERE rowid = old.id;
END;
