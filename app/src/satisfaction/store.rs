//! Ratings on SQLite.

use super::model::{
    CsatRow, FollowUp, NameShown, RatingSummary, Testimonial, TestimonialReview, TestimonialsPage,
    CHANGEABLE_DAYS, COMMENT_MAX,
};
use crate::{
    db::{now, Db},
    error::{AppError, AppResult, FieldError},
    tracking::store::RequestRow,
};
use sqlx::SqlitePool;

/// A request's rating, if it has one.
pub async fn summary(pool: &SqlitePool, request_id: i64) -> AppResult<Option<RatingSummary>> {
    Ok(sqlx::query_as::<_, (i64, i64, String, String)>(
        "SELECT score, created_at, testimonial, name_choice FROM ratings WHERE request_id = ?",
    )
    .bind(request_id)
    .fetch_optional(pool)
    .await?
    .map(
        |(score, rated_at, testimonial, name_choice)| RatingSummary {
            score,
            rated_at,
            changeable_until: rated_at + CHANGEABLE_DAYS * 86_400,
            testimonial,
            name_choice,
        },
    ))
}

/// What the rating form sends.
#[derive(Debug, Clone, Default)]
pub struct RatingInput {
    /// "1" to "5".
    pub score: String,
    /// Optional comment.
    pub comment: String,
    /// The customer ticked "publish my comment as a testimonial".
    pub publish: bool,
    /// How their name is shown: "initial", "first" or "anonymous".
    pub name_shown: String,
}

/// Rates a request (the caller has checked the customer's email). Only resolved requests can
/// be rated; a rating can be changed for 14 days after it was first given. A low score that
/// is given again or newly waits to be followed up. With consent the comment becomes a
/// testimonial waiting for moderation (again, if its words or name change); without it,
/// nothing is published.
pub async fn rate(db: &Db, row: &RequestRow, input: &RatingInput) -> AppResult<()> {
    let mut errors = Vec::new();
    let score: Option<i64> = input.score.parse().ok().filter(|s| (1..=5).contains(s));
    if score.is_none() {
        errors.push(FieldError::new("score", "Choose how we did, from 1 to 5."));
    }
    let comment = crate::tracking::validate::multi_line(&input.comment);
    let n = comment.chars().count();
    if n > COMMENT_MAX {
        errors.push(FieldError::new(
            "comment",
            format!("Comments must be {COMMENT_MAX} characters or fewer; this one has {n}."),
        ));
    }
    let shown = NameShown::parse(&input.name_shown);
    if shown.is_none() {
        errors.push(FieldError::new(
            "name_shown",
            "Choose how your name is shown.",
        ));
    }
    let (Some(score), Some(shown), true) = (score, shown, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    if !row.stage().is_done() {
        return Err(AppError::Denied(
            "You can rate this request once it is resolved.".into(),
        ));
    }
    let shown_name = shown.apply(&row.customer_name);
    let at = now();
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let before: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT created_at, comment, shown_name, testimonial, score FROM ratings WHERE request_id = ?",
    )
    .bind(row.id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((first, ..)) = &before {
        if at > first + CHANGEABLE_DAYS * 86_400 {
            return Err(AppError::Denied(format!(
                "A rating can be changed for {CHANGEABLE_DAYS} days after it was given; this one was given on {}.",
                crate::ui::time::full(*first)
            )));
        }
    }
    // Changing only the stars keeps the earlier comment (the public page never shows it).
    let comment = match &before {
        Some(b) if comment.is_empty() => b.1.clone(),
        _ => comment,
    };
    if input.publish && comment.is_empty() {
        return Err(AppError::field(
            "comment",
            "Write a comment to publish it as a testimonial, or untick “publish”.",
        ));
    }
    let was = before.as_ref().map(|b| b.3.as_str()).unwrap_or("none");
    // Published words stay published only as they were approved: same words, name and stars.
    let unchanged = before
        .as_ref()
        .is_some_and(|b| b.1 == comment && b.2 == shown_name && b.4 == score);
    let testimonial = match (input.publish, was) {
        (true, "approved" | "rejected") if unchanged => was,
        (true, _) => "pending",
        (false, "pending" | "approved") => "withdrawn",
        (false, "none") => "none",
        (false, other) => other,
    };
    sqlx::query(
        "INSERT INTO ratings (request_id, score, comment, created_at, updated_at, testimonial, shown_name, name_choice) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7) \
         ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, \
           updated_at = excluded.updated_at, testimonial = excluded.testimonial, \
           shown_name = excluded.shown_name, name_choice = excluded.name_choice, \
           followed_up_at = CASE WHEN excluded.score <= 2 THEN NULL ELSE followed_up_at END, \
           followed_up_by = CASE WHEN excluded.score <= 2 THEN NULL ELSE followed_up_by END",
    )
    .bind(row.id)
    .bind(score)
    .bind(&comment)
    .bind(at)
    .bind(testimonial)
    .bind(&shown_name)
    .bind(shown.as_str())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws a request's testimonial (the caller has checked the code and email): it leaves
/// every public page at once. `false` if there was none to withdraw.
pub async fn withdraw(db: &Db, request_id: i64) -> AppResult<bool> {
    let done = sqlx::query(
        "UPDATE ratings SET testimonial = 'withdrawn', updated_at = ? \
         WHERE request_id = ? AND testimonial IN ('pending', 'approved', 'rejected')",
    )
    .bind(now())
    .bind(request_id)
    .execute(&db.write)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Published testimonials, newest first, with the count and average of every rating.
pub async fn published(pool: &SqlitePool, limit: i64) -> AppResult<TestimonialsPage> {
    let rows: Vec<(String, i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT r.comment, r.score, r.shown_name, c.name, r.updated_at, \
           (q.resolved_at - q.created_at) / 86400 \
         FROM ratings r JOIN requests q ON q.id = r.request_id \
         JOIN categories c ON c.id = q.category_id \
         WHERE r.testimonial = 'approved' AND q.resolved_at IS NOT NULL \
         ORDER BY r.moderated_at DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let (ratings, average): (i64, Option<f64>) =
        sqlx::query_as("SELECT COUNT(*), AVG(score) FROM ratings")
            .fetch_one(pool)
            .await?;
    Ok(TestimonialsPage {
        testimonials: rows
            .into_iter()
            .map(
                |(comment, score, name, category, rated_at, days)| Testimonial {
                    comment,
                    score,
                    name,
                    category,
                    rated_at,
                    resolved_in_days: days.max(0),
                },
            )
            .collect(),
        ratings,
        average: average.unwrap_or(0.0),
    })
}

/// Testimonials for staff: waiting first (oldest first), then the rest, newest first.
pub async fn for_review(pool: &SqlitePool) -> AppResult<Vec<TestimonialReview>> {
    let rows: Vec<ReviewRow> = sqlx::query_as(
        "SELECT q.id AS request_id, q.code, r.testimonial AS state, r.comment, r.score, \
           r.shown_name AS name, r.updated_at, r.reject_reason \
         FROM ratings r JOIN requests q ON q.id = r.request_id WHERE r.testimonial <> 'none' \
         ORDER BY r.testimonial <> 'pending', CASE WHEN r.testimonial = 'pending' THEN r.updated_at ELSE -r.updated_at END \
         LIMIT 300",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TestimonialReview {
            request_id: r.request_id,
            code: grouped(r.code),
            state: r.state,
            comment: r.comment,
            score: r.score,
            name: r.name,
            updated_at: r.updated_at,
            reject_reason: r.reject_reason,
        })
        .collect())
}

/// A testimonial row as staff review it.
#[derive(sqlx::FromRow)]
struct ReviewRow {
    request_id: i64,
    code: String,
    state: String,
    comment: String,
    score: i64,
    name: String,
    updated_at: i64,
    reject_reason: String,
}

/// Staff approve a waiting testimonial (as the customer wrote it) or reject it with a reason
/// kept internally.
pub async fn moderate(
    db: &Db,
    staff_id: i64,
    request_id: i64,
    approve: bool,
    reason: &str,
    seen: Option<i64>,
) -> AppResult<()> {
    let reason = crate::tracking::validate::multi_line(reason);
    if !approve && reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "Say why it is rejected (only staff see this).",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field(
            "reason",
            "Keep the reason to 500 characters or fewer.",
        ));
    }
    let done = sqlx::query(
        "UPDATE ratings SET testimonial = ?, reject_reason = ?, moderated_by = ?, moderated_at = ? \
         WHERE request_id = ? AND testimonial IN ('pending', 'approved', 'rejected') \
           AND updated_at = COALESCE(?, updated_at)",
    )
    .bind(if approve { "approved" } else { "rejected" })
    .bind(if approve { String::new() } else { reason })
    .bind(staff_id)
    .bind(now())
    .bind(request_id)
    .bind(seen)
    .execute(&db.write)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Denied(
            "The customer changed or withdrew this testimonial since you opened the page: read it again below.".into(),
        ));
    }
    Ok(())
}

/// Low ratings (1–2) not yet followed up, oldest first.
pub async fn to_follow_up(pool: &SqlitePool) -> AppResult<Vec<FollowUp>> {
    let rows: Vec<LowRow> = sqlx::query_as(&format!(
        "{LOW_SELECT} WHERE r.score <= 2 AND r.followed_up_at IS NULL ORDER BY r.updated_at LIMIT 200"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.follow_up().0).collect())
}

/// Low ratings with their requests, as [`LowRow`]s.
const LOW_SELECT: &str = "SELECT q.code, q.subject, r.score, r.comment, r.updated_at, \
    r.followed_up_at IS NOT NULL AS done FROM ratings r JOIN requests q ON q.id = r.request_id";

/// A low rating as stored.
#[derive(sqlx::FromRow)]
struct LowRow {
    code: String,
    subject: String,
    score: i64,
    comment: String,
    updated_at: i64,
    done: bool,
}

impl LowRow {
    /// The wire type, and whether it was followed up.
    fn follow_up(self) -> (FollowUp, bool) {
        (
            FollowUp {
                code: grouped(self.code),
                subject: self.subject,
                score: self.score,
                comment: self.comment,
                rated_at: self.updated_at,
            },
            self.done,
        )
    }
}

/// A stored tracking code as customers read it (grouped).
fn grouped(code: String) -> String {
    crate::tracking::code::TrackingCode::parse(&code)
        .map(|c| c.display())
        .unwrap_or(code)
}

/// Marks a request's low rating as followed up by `staff_id`.
pub async fn mark_followed_up(db: &Db, request_id: i64, staff_id: i64) -> AppResult<()> {
    let done = sqlx::query(
        "UPDATE ratings SET followed_up_at = ?, followed_up_by = ? \
         WHERE request_id = ? AND score <= 2 AND followed_up_at IS NULL",
    )
    .bind(now())
    .bind(staff_id)
    .bind(request_id)
    .execute(&db.write)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Denied(
            "This request has no low rating waiting to be followed up.".into(),
        ));
    }
    Ok(())
}

/// CSAT over the last `days` days (0: all time): overall, by category, by assignee, and the
/// low ratings.
pub async fn report(
    pool: &SqlitePool,
    days: i64,
) -> AppResult<(CsatRow, Vec<CsatRow>, Vec<CsatRow>, Vec<(FollowUp, bool)>)> {
    let since = if days > 0 { now() - days * 86_400 } else { 0 };
    let group = |label: &str, join: &str, by: &str| {
        format!(
            "SELECT {label}, COUNT(*), AVG(r.score), AVG(r.score >= 4) FROM ratings r \
             JOIN requests q ON q.id = r.request_id {join} WHERE r.updated_at >= ?1 \
             GROUP BY {by} ORDER BY 1"
        )
    };
    let rows = |v: Vec<(String, i64, f64, f64)>| -> Vec<CsatRow> {
        v.into_iter()
            .map(|(label, count, average, satisfied)| CsatRow {
                label,
                count,
                average,
                satisfied,
            })
            .collect()
    };
    let by_category = rows(
        sqlx::query_as(&group(
            "c.name",
            "JOIN categories c ON c.id = q.category_id",
            "c.id",
        ))
        .bind(since)
        .fetch_all(pool)
        .await?,
    );
    let by_agent = rows(
        sqlx::query_as(&group(
            "COALESCE(s.name, 'Not assigned')",
            "LEFT JOIN staff s ON s.id = q.assignee_id",
            "q.assignee_id",
        ))
        .bind(since)
        .fetch_all(pool)
        .await?,
    );
    let (count, average, satisfied): (i64, Option<f64>, Option<f64>) = sqlx::query_as(
        "SELECT COUNT(*), AVG(score), AVG(score >= 4) FROM ratings WHERE updated_at >= ?",
    )
    .bind(since)
    .fetch_one(pool)
    .await?;
    let total = CsatRow {
        label: "All ratings".into(),
        count,
        average: average.unwrap_or(0.0),
        satisfied: satisfied.unwrap_or(0.0),
    };
    let low: Vec<LowRow> = sqlx::query_as(&format!(
        "{LOW_SELECT} WHERE r.score <= 2 AND r.updated_at >= ? ORDER BY r.updated_at DESC LIMIT 200"
    ))
    .bind(since)
    .fetch_all(pool)
    .await?;
    let low = low.into_iter().map(LowRow::follow_up).collect();
    Ok((total, by_category, by_agent, low))
}

/// A request's score and comment, for staff.
pub async fn score_and_comment(
    pool: &SqlitePool,
    request_id: i64,
) -> AppResult<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT score, comment FROM ratings WHERE request_id = ?")
            .bind(request_id)
            .fetch_optional(pool)
            .await?,
    )
}
