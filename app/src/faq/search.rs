//! FAQ search with SQLite FTS5: prefix matching, bm25 with the title and summary weighted
//! above the body, highlighted snippets, and a "did you mean" when nothing matches.

use super::{
    model::{SearchHit, SearchResults, Segment},
    render::slugify,
    store::popular,
};
use crate::error::AppResult;
use sqlx::SqlitePool;

/// Most words of a query used.
const MAX_TERMS: usize = 8;
/// Longest word used, in characters.
const MAX_TERM_CHARS: usize = 40;
/// Most community questions shown below the articles.
const COMMUNITY_LIMIT: i64 = 5;
/// Marks the start and end of a match in FTS5's highlight output.
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

/// The words of a query, lowercased: letters and digits only, so nothing typed can reach
/// FTS5's query syntax.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .take(MAX_TERM_CHARS)
                .collect::<String>()
                .to_lowercase()
        })
        .take(MAX_TERMS)
        .collect()
}

/// An FTS5 query: every word must appear, the last one as a prefix (search as you type).
fn match_expr(terms: &[String]) -> String {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i + 1 == terms.len() || t.chars().count() >= 3 {
                format!("\"{t}\"*")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Published articles matching `query`, best first.
pub async fn search(pool: &SqlitePool, query: &str, limit: i64) -> AppResult<SearchResults> {
    let words = terms(query);
    let mut results = SearchResults {
        query: query.to_owned(),
        ..SearchResults::default()
    };
    if words.is_empty() {
        return Ok(results);
    }
    let expr = match_expr(&words);
    results.hits = hits(pool, &expr, limit).await?;
    results.community = crate::community::search::hits(pool, &expr, COMMUNITY_LIMIT).await?;
    if results.hits.is_empty() {
        results.suggestion = suggest(pool, &words).await?;
        results.popular = popular(pool, 5).await?;
    }
    Ok(results)
}

async fn hits(pool: &SqlitePool, expr: &str, limit: i64) -> AppResult<Vec<SearchHit>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        // The best `limit` are chosen first (by the table's `rank`: see
        // migrations/0003_faq_rank.sql), then each is looked up again by rowid for its
        // highlights, so that snippets are made for those only.
        "SELECT a.slug, highlight(faq_search, 0, char(2), char(3)), \
           snippet(faq_search, -1, char(2), char(3), '…', 24), c.name \
         FROM (SELECT rowid AS id, rank AS score FROM faq_search WHERE faq_search MATCH ?1 \
               ORDER BY rank LIMIT ?2) AS top \
         JOIN faq_search ON faq_search.rowid = top.id AND faq_search MATCH ?1 \
         JOIN faq_articles a ON a.id = top.id \
         JOIN faq_categories c ON c.id = a.category_id \
         WHERE a.state = 'published' ORDER BY top.score",
    )
    .bind(expr)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, snippet, category)| SearchHit {
            slug,
            title: segments(&title),
            snippet: segments(&snippet),
            category,
        })
        .collect())
}

/// Text with FTS5 highlight marks, as plain and marked pieces.
pub fn segments(marked: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut mark = false;
    for c in marked.chars() {
        if c == OPEN || c == CLOSE {
            if !text.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut text),
                    mark,
                });
            }
            mark = c == OPEN;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(Segment { text, mark });
    }
    out
}

/// A spelling of the query whose every word is in the index, if one is close.
async fn suggest(pool: &SqlitePool, words: &[String]) -> AppResult<Option<String>> {
    let mut changed = false;
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let folded = slugify(word).replace('-', "");
        if folded.is_empty() {
            return Ok(None);
        }
        let known: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM faq_search_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT 1")
                .bind(&folded)
                .fetch_optional(pool)
                .await?;
        if known.is_some() {
            out.push(folded);
            continue;
        }
        let Some(first) = folded.chars().next() else {
            return Ok(None);
        };
        let len = folded.chars().count() as i64;
        let candidates: Vec<(String, i64)> = sqlx::query_as(
            "SELECT term, doc FROM faq_search_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) \
             AND length(term) BETWEEN ?2 - 2 AND ?2 + 2 LIMIT 5000",
        )
        .bind(first.to_string())
        .bind(len)
        .fetch_all(pool)
        .await?;
        let max = if len <= 4 { 1 } else { 2 };
        let best = candidates
            .into_iter()
            .map(|(term, doc)| (edit_distance(&folded, &term), -doc, term))
            .filter(|(d, _, _)| *d <= max)
            .min();
        match best {
            Some((_, _, term)) => {
                changed = true;
                out.push(term);
            }
            None => return Ok(None),
        }
    }
    if !changed {
        return Ok(None);
    }
    let suggestion = out.join(" ");
    let found = !hits(pool, &match_expr(&out), 1).await?.is_empty();
    Ok(found.then_some(suggestion))
}

/// Edit distance in characters, a swap of two neighbours counting as one edit (optimal
/// string alignment): "cdoe" is one edit from "code".
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_never_reach_fts5_syntax() {
        assert_eq!(
            terms("  NEAR(\"code\" OR x*) -lost "),
            ["near", "code", "or", "x", "lost"]
        );
        assert_eq!(match_expr(&terms("lost co")), "\"lost\"* \"co\"*");
        assert_eq!(match_expr(&terms("a code")), "\"a\" \"code\"*");
        assert!(terms("\"*^:()").is_empty());
    }

    #[test]
    fn highlights_become_segments() {
        let s = segments("Lost \u{2}code\u{3}? <b>");
        assert_eq!(
            s,
            [
                Segment {
                    text: "Lost ".into(),
                    mark: false
                },
                Segment {
                    text: "code".into(),
                    mark: true
                },
                Segment {
                    text: "? <b>".into(),
                    mark: false
                },
            ]
        );
    }

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("trakcing", "tracking"), 1);
        assert_eq!(edit_distance("cdoe", "code"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("code", "code"), 0);
        assert_eq!(edit_distance("cod", "code"), 1);
    }
}
