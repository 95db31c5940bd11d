//! FAQ store: plain async functions over the database. No HTTP, no Leptos.

use super::{
    model::{
        Article, ArticleFields, ArticleLink, ArticleLookup, ArticleState, Editing, FaqCategory,
        FeedbackComment, RevisionInfo, StaffArticle, TocEntry,
    },
    validate::{validate, ValidArticle},
};
use crate::{
    db::{now, Db},
    error::{AppError, AppResult},
};
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

/// Who saves an article, for its history.
#[derive(Debug, Clone)]
pub struct Author {
    /// The staff account, if a person saved it.
    pub staff_id: Option<i64>,
    /// The name the history shows.
    pub name: String,
}

/// An article as stored.
#[derive(Debug, Clone, FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category_id: i64,
    pub category_name: String,
    pub category_slug: String,
    pub tags: String,
    pub position: i64,
    pub state: String,
    pub body_md: String,
    pub body_html: String,
    pub toc_json: String,
    pub views: i64,
    pub updated_at: i64,
}

impl ArticleRow {
    /// The state (stored values are constrained by the schema).
    pub fn state(&self) -> ArticleState {
        ArticleState::parse(&self.state).unwrap_or(ArticleState::Draft)
    }

    /// The fields as an editor or an export file shows them.
    pub fn fields(&self) -> ArticleFields {
        ArticleFields {
            title: self.title.clone(),
            slug: self.slug.clone(),
            category: self.category_name.clone(),
            tags: self.tags.replace(',', ", "),
            summary: self.summary.clone(),
            order: self.position,
            body: self.body_md.clone(),
        }
    }
}

const ARTICLE_SELECT: &str = "SELECT a.id, a.slug, a.title, a.summary, a.category_id, \
    c.name AS category_name, c.slug AS category_slug, a.tags, a.position, a.state, a.body_md, \
    a.body_html, a.toc_json, a.views, a.updated_at \
    FROM faq_articles a JOIN faq_categories c ON c.id = a.category_id";

/// An article by id, in any state (staff).
pub async fn by_id(pool: &SqlitePool, id: i64) -> AppResult<Option<ArticleRow>> {
    Ok(sqlx::query_as(&format!("{ARTICLE_SELECT} WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

/// An article by its current slug, in any state.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> AppResult<Option<ArticleRow>> {
    Ok(
        sqlx::query_as(&format!("{ARTICLE_SELECT} WHERE a.slug = ?"))
            .bind(slug)
            .fetch_optional(pool)
            .await?,
    )
}

/// Every published article, by category and position.
pub async fn index(pool: &SqlitePool) -> AppResult<Vec<FaqCategory>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT c.slug, c.name, a.slug, a.title, a.summary FROM faq_articles a \
         JOIN faq_categories c ON c.id = a.category_id WHERE a.state = 'published' \
         ORDER BY c.position, c.name, a.position, a.title",
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<FaqCategory> = Vec::new();
    for (cslug, cname, slug, title, summary) in rows {
        if out.last().is_none_or(|c| c.slug != cslug) {
            out.push(FaqCategory {
                slug: cslug,
                name: cname,
                articles: Vec::new(),
            });
        }
        if let Some(c) = out.last_mut() {
            c.articles.push(ArticleLink {
                slug,
                title,
                summary,
            });
        }
    }
    Ok(out)
}

/// A published article for `/faq/{slug}`, or where it moved; `None` if there is none.
pub async fn public_article(pool: &SqlitePool, slug: &str) -> AppResult<Option<ArticleLookup>> {
    if let Some(row) = by_slug(pool, slug).await? {
        if row.state() != ArticleState::Published {
            return Ok(None);
        }
        let related = related(pool, &row).await?;
        let toc: Vec<TocEntry> = serde_json::from_str(&row.toc_json).unwrap_or_default();
        return Ok(Some(ArticleLookup::Found(Box::new(Article {
            tags: super::validate::parse_tags(&row.tags),
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            category_slug: row.category_slug,
            category_name: row.category_name,
            html: row.body_html,
            toc,
            updated_at: row.updated_at,
            related,
        }))));
    }
    let moved: Option<(String,)> = sqlx::query_as(
        "SELECT a.slug FROM faq_old_slugs o JOIN faq_articles a ON a.id = o.article_id \
         WHERE o.slug = ? AND a.state = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    Ok(moved.map(|(s,)| ArticleLookup::Moved(s)))
}

/// Up to five published articles sharing tags with `row`, or else in its category.
async fn related(pool: &SqlitePool, row: &ArticleRow) -> AppResult<Vec<ArticleLink>> {
    let rows: Vec<ArticleLink> = sqlx::query_as(
        "SELECT slug, title, summary FROM ( \
           SELECT a.slug, a.title, a.summary, a.position, a.category_id = ?2 AS same, \
             (SELECT COUNT(*) FROM faq_tags t1 JOIN faq_tags t2 ON t2.tag = t1.tag \
               WHERE t1.article_id = a.id AND t2.article_id = ?1) AS shared \
           FROM faq_articles a WHERE a.state = 'published' AND a.id != ?1) \
         WHERE same OR shared > 0 ORDER BY shared DESC, same DESC, position LIMIT 5",
    )
    .bind(row.id)
    .bind(row.category_id)
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// The most-read published articles.
pub async fn popular(pool: &SqlitePool, limit: i64) -> AppResult<Vec<ArticleLink>> {
    let rows: Vec<ArticleLink> = sqlx::query_as(
        "SELECT slug, title, summary FROM faq_articles WHERE state = 'published' \
         ORDER BY views DESC, position, title LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// Counts reads of articles (slug, reads), as gathered off the request path.
pub async fn add_views(db: &Db, views: &[(String, i64)]) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    for (slug, n) in views {
        sqlx::query("UPDATE faq_articles SET views = views + ? WHERE slug = ?")
            .bind(n)
            .bind(slug)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Creates an article; returns its id.
pub async fn create(
    db: &Db,
    fields: &ArticleFields,
    state: ArticleState,
    author: &Author,
) -> AppResult<i64> {
    let valid = validate(fields)?;
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    check_slug_free(&mut tx, &valid.slug, None).await?;
    let category_id = ensure_category(&mut tx, &valid).await?;
    let at = now();
    // A bare draft row first; `write` fills it in the same way an update does.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO faq_articles (slug, title, category_id, state, body_md, body_html, \
         created_at, updated_at) VALUES (?, ?, ?, 'draft', '', '', ?, ?) RETURNING id",
    )
    .bind(&valid.slug)
    .bind(&valid.title)
    .bind(category_id)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    write(&mut tx, id, category_id, &valid, state, author, at).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves new fields and state for an article. A new slug keeps the old one as a redirect.
pub async fn update(
    db: &Db,
    id: i64,
    fields: &ArticleFields,
    state: ArticleState,
    author: &Author,
) -> AppResult<()> {
    let valid = validate(fields)?;
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let old: Option<(String,)> = sqlx::query_as("SELECT slug FROM faq_articles WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let (old_slug,) = old.ok_or(AppError::NotFound)?;
    check_slug_free(&mut tx, &valid.slug, Some(id)).await?;
    let category_id = ensure_category(&mut tx, &valid).await?;
    let at = now();
    write(&mut tx, id, category_id, &valid, state, author, at).await?;
    if old_slug != valid.slug {
        sqlx::query("INSERT OR REPLACE INTO faq_old_slugs (slug, article_id) VALUES (?, ?)")
            .bind(&old_slug)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM faq_old_slugs WHERE slug = ?")
            .bind(&valid.slug)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes every field of a saved article (the first publication is dated), its tags, and a
/// revision that copies the row as written.
async fn write(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    category_id: i64,
    valid: &ValidArticle,
    state: ArticleState,
    author: &Author,
    at: i64,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE faq_articles SET slug = ?, title = ?, summary = ?, category_id = ?, tags = ?, \
         position = ?, state = ?, body_md = ?, body_html = ?, toc_json = ?, body_text = ?, \
         updated_at = ?, published_at = CASE WHEN ? THEN coalesce(published_at, ?) ELSE published_at END \
         WHERE id = ?",
    )
    .bind(&valid.slug)
    .bind(&valid.title)
    .bind(&valid.summary)
    .bind(category_id)
    .bind(valid.tags.join(","))
    .bind(valid.order)
    .bind(state.as_str())
    .bind(&valid.body)
    .bind(&valid.rendered.html)
    .bind(serde_json::to_string(&valid.rendered.toc).unwrap_or_else(|_| "[]".into()))
    .bind(&valid.rendered.text)
    .bind(at)
    .bind(state == ArticleState::Published)
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM faq_tags WHERE article_id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for tag in &valid.tags {
        sqlx::query("INSERT INTO faq_tags (article_id, tag) VALUES (?, ?)")
            .bind(id)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO faq_revisions (article_id, at, staff_id, author, title, slug, summary, \
         category_id, tags, position, state, body_md) \
         SELECT id, ?, ?, ?, title, slug, summary, category_id, tags, position, state, body_md \
         FROM faq_articles WHERE id = ?",
    )
    .bind(at)
    .bind(author.staff_id)
    .bind(&author.name)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Refuses a slug that another article has, or had.
async fn check_slug_free(
    tx: &mut Transaction<'_, Sqlite>,
    slug: &str,
    id: Option<i64>,
) -> AppResult<()> {
    let taken: Option<(String,)> = sqlx::query_as(
        "SELECT title FROM faq_articles WHERE slug = ?1 AND id IS NOT ?2 \
         UNION ALL SELECT a.title FROM faq_old_slugs o JOIN faq_articles a ON a.id = o.article_id \
         WHERE o.slug = ?1 AND o.article_id IS NOT ?2 LIMIT 1",
    )
    .bind(slug)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    match taken {
        Some((title,)) => Err(AppError::field(
            "slug",
            format!(
                "The address “{slug}” is already used by the article “{title}”; choose another."
            ),
        )),
        None => Ok(()),
    }
}

/// The id of the article's category, created if it is new.
async fn ensure_category(tx: &mut Transaction<'_, Sqlite>, valid: &ValidArticle) -> AppResult<i64> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM faq_categories WHERE slug = ?")
        .bind(&valid.category_slug)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((id,)) = found {
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO faq_categories (slug, name, position) \
         VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM faq_categories)) RETURNING id",
    )
    .bind(&valid.category_slug)
    .bind(&valid.category)
    .fetch_one(&mut **tx)
    .await?)
}

/// A row of the staff list.
#[derive(Debug, FromRow)]
struct StaffRow {
    id: i64,
    slug: String,
    title: String,
    category: String,
    state: String,
    updated_at: i64,
    views: i64,
    helpful: i64,
    not_helpful: i64,
    comments: i64,
}

/// Every article, for the staff list, with readers' feedback counts.
pub async fn staff_list(pool: &SqlitePool) -> AppResult<Vec<StaffArticle>> {
    let rows: Vec<StaffRow> = sqlx::query_as(
        "SELECT a.id, a.slug, a.title, c.name AS category, a.state, a.updated_at, a.views, \
         (SELECT COUNT(*) FROM faq_votes v WHERE v.article_id = a.id AND v.helpful = 1) AS helpful, \
         (SELECT COUNT(*) FROM faq_votes v WHERE v.article_id = a.id AND v.helpful = 0) AS not_helpful, \
         (SELECT COUNT(*) FROM faq_votes v WHERE v.article_id = a.id AND v.comment != '') AS comments \
         FROM faq_articles a JOIN faq_categories c ON c.id = a.category_id \
         ORDER BY a.state = 'archived', c.position, a.position, a.title",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffArticle {
            state: ArticleState::parse(&r.state).unwrap_or(ArticleState::Draft),
            id: r.id,
            slug: r.slug,
            title: r.title,
            category: r.category,
            updated_at: r.updated_at,
            views: r.views,
            helpful: r.helpful,
            not_helpful: r.not_helpful,
            comments: r.comments,
        })
        .collect())
}

/// An article with its history and feedback, for its editor.
pub async fn editing(pool: &SqlitePool, id: i64) -> AppResult<Option<Editing>> {
    let Some(row) = by_id(pool, id).await? else {
        return Ok(None);
    };
    let revisions: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, at, author, state, title FROM faq_revisions WHERE article_id = ? ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let (yes, no): (i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(helpful = 1), 0), coalesce(sum(helpful = 0), 0) FROM faq_votes WHERE article_id = ?",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let comments: Vec<(bool, String, i64)> = sqlx::query_as(
        "SELECT helpful, comment, at FROM faq_votes WHERE article_id = ? AND comment != '' \
         ORDER BY at DESC LIMIT 100",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(Editing {
        id,
        state: row.state(),
        fields: row.fields(),
        html: row.body_html.clone(),
        updated_at: row.updated_at,
        revisions: revisions
            .into_iter()
            .map(|(id, at, author, state, title)| RevisionInfo {
                id,
                at,
                author,
                state: ArticleState::parse(&state).unwrap_or(ArticleState::Draft),
                title,
            })
            .collect(),
        votes: (yes, no),
        comments: comments
            .into_iter()
            .map(|(helpful, comment, at)| FeedbackComment {
                helpful,
                comment,
                at,
            })
            .collect(),
    }))
}

/// A revision as stored.
#[derive(Debug, FromRow)]
struct RevisionRow {
    id: i64,
    at: i64,
    author: String,
    state: String,
    title: String,
    slug: String,
    summary: String,
    category: String,
    position: i64,
    tags: String,
    body_md: String,
}

/// One saved revision's fields and state.
pub async fn revision(
    pool: &SqlitePool,
    article_id: i64,
    revision_id: i64,
) -> AppResult<Option<(RevisionInfo, ArticleFields)>> {
    let row: Option<RevisionRow> = sqlx::query_as(
        "SELECT r.id, r.at, r.author, r.state, r.title, r.slug, r.summary, \
         coalesce(c.name, '') AS category, r.position, r.tags, r.body_md \
         FROM faq_revisions r LEFT JOIN faq_categories c ON c.id = r.category_id \
         WHERE r.article_id = ? AND r.id = ?",
    )
    .bind(article_id)
    .bind(revision_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        (
            RevisionInfo {
                id: r.id,
                at: r.at,
                author: r.author,
                state: ArticleState::parse(&r.state).unwrap_or(ArticleState::Draft),
                title: r.title.clone(),
            },
            ArticleFields {
                title: r.title,
                slug: r.slug,
                summary: r.summary,
                category: r.category,
                order: r.position,
                tags: r.tags.replace(',', ", "),
                body: r.body_md,
            },
        )
    }))
}

/// Records a reader's vote (and comment); a second vote from the same browser replaces the first.
pub async fn vote(
    db: &Db,
    article_id: i64,
    voter: &str,
    helpful: bool,
    comment: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO faq_votes (article_id, voter, helpful, comment, at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (article_id, voter) DO UPDATE SET helpful = excluded.helpful, \
         comment = CASE WHEN excluded.comment != '' THEN excluded.comment ELSE comment END, at = excluded.at",
    )
    .bind(article_id)
    .bind(voter)
    .bind(helpful)
    .bind(comment)
    .bind(now())
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Every category name, in display order.
pub async fn category_names(pool: &SqlitePool) -> AppResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM faq_categories ORDER BY position, name")
            .fetch_all(pool)
            .await?,
    )
}
