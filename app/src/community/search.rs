//! Community questions in the FAQ search: public questions by title and accepted answer,
//! with the help articles' tokenizer, prefix matching and highlighting rules.

use super::model::CommunityHit;
use crate::{error::AppResult, faq::search::segments};
use sqlx::SqlitePool;

/// Public questions matching an FTS5 expression (made by `faq::search`), best first.
pub async fn hits(pool: &SqlitePool, expr: &str, limit: i64) -> AppResult<Vec<CommunityHit>> {
    let rows: Vec<(i64, String, String, String, bool)> = sqlx::query_as(
        // As for articles: the best `limit` by the table's `rank` first (title weighted above
        // the answer: see migrations/0004_community.sql), then highlights for those only.
        "SELECT p.id, p.slug, highlight(community_search, 0, char(2), char(3)), \
           snippet(community_search, 1, char(2), char(3), '…', 24), p.accepted_answer_id IS NOT NULL \
         FROM (SELECT rowid AS id, rank AS score FROM community_search WHERE community_search MATCH ?1 \
               ORDER BY rank LIMIT ?2) AS top \
         JOIN community_search ON community_search.rowid = top.id AND community_search MATCH ?1 \
         JOIN community_posts p ON p.id = top.id \
         WHERE p.state = 'public' ORDER BY top.score",
    )
    .bind(expr)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, snippet, answered)| CommunityHit {
            id,
            slug,
            title: segments(&title),
            snippet: segments(&snippet),
            answered,
        })
        .collect())
}
