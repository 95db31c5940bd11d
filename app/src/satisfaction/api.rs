//! Satisfaction server functions: published testimonials (public) and their moderation
//! (staff only).

use super::model::{ReviewPage, TestimonialsPage};
use crate::error::AppError;
use leptos::prelude::*;

/// Published testimonials (up to `limit`, newest first) and the count and average of every
/// rating. Public.
#[server(endpoint = "testimonials")]
pub async fn testimonials(limit: i64) -> Result<TestimonialsPage, AppError> {
    let state = crate::ctx::state()?;
    super::store::published(&state.db.read, limit.clamp(1, 100)).await
}

/// Testimonials to moderate, and those moderated. Staff only.
#[server(endpoint = "staff/testimonials")]
pub async fn staff_testimonials() -> Result<ReviewPage, AppError> {
    crate::error::respond(ssr::review().await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;

    pub async fn review() -> Result<ReviewPage, AppError> {
        let me = crate::staff::auth::require_staff().await?;
        let pool = &crate::ctx::state()?.db.read;
        Ok(ReviewPage {
            me,
            items: super::super::store::for_review(pool).await?,
            now: crate::db::now(),
        })
    }
}
