-- Rank FAQ matches by bm25 with the title weighted above the summary, the summary above tags,
-- and tags above the body; stored as the table's default `rank`, so `ORDER BY rank LIMIT n`
-- takes FTS5's fast path.
INSERT INTO faq_search (faq_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)');
