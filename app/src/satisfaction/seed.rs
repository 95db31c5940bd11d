//! Demo ratings and testimonials for a new database, on the demo's resolved requests.

use crate::{
    db::{now, Db},
    error::AppResult,
};

/// (score, comment, publish as a testimonial).
const RATINGS: &[(i64, &str, bool)] = &[
    (
        5,
        "I could see every step, so I never had to call. Fixed in two days.",
        true,
    ),
    (
        4,
        "The date window was right, and the reply box saved me an email.",
        true,
    ),
    (
        2,
        "It took longer than the window said, and nobody told me why.",
        false,
    ),
    (
        5,
        "Quick and friendly. The tracking page is a good idea.",
        true,
    ),
    (3, "", false),
];

/// Rates the oldest resolved demo requests; the consented comments are approved.
pub async fn seed_demo(db: &Db) -> AppResult<()> {
    let done: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, customer_name, resolved_at FROM requests WHERE resolved_at IS NOT NULL \
         ORDER BY id LIMIT ?",
    )
    .bind(RATINGS.len() as i64)
    .fetch_all(&db.read)
    .await?;
    let staff: Option<i64> = sqlx::query_scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
        .fetch_optional(&db.read)
        .await?;
    for ((id, name, resolved_at), (score, comment, publish)) in done.into_iter().zip(RATINGS) {
        let at = (resolved_at + 3_600).min(now());
        let shown = super::model::NameShown::FirstAndInitial.apply(&name);
        sqlx::query(
            "INSERT INTO ratings (request_id, score, comment, created_at, updated_at, testimonial, \
             shown_name, moderated_by, moderated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(score)
        .bind(comment)
        .bind(at)
        .bind(at)
        .bind(if *publish { "approved" } else { "none" })
        .bind(shown)
        .bind(publish.then_some(staff).flatten())
        .bind(publish.then_some(at))
        .execute(&db.write)
        .await?;
    }
    Ok(())
}
