//! Satisfaction server functions: published testimonials (public) and their moderation
//! (staff only).

use super::model::{ReviewPage, SatisfactionReport, TestimonialsPage};
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

/// CSAT per category and per agent over the last `days` days (0: all time), with the low
/// ratings. Staff only.
#[server(endpoint = "staff/satisfaction")]
pub async fn staff_satisfaction(days: i64) -> Result<SatisfactionReport, AppError> {
    crate::error::respond(ssr::report(days).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;

    pub async fn report(days: i64) -> Result<SatisfactionReport, AppError> {
        let me = crate::staff::auth::require_staff().await?;
        let pool = &crate::ctx::state()?.db.read;
        let days = if super::super::model::PERIODS.iter().any(|(d, _)| *d == days) {
            days
        } else {
            30
        };
        let (total, by_category, by_agent, low) = super::super::store::report(pool, days).await?;
        Ok(SatisfactionReport {
            me,
            days,
            total,
            by_category,
            by_agent,
            low,
            now: crate::db::now(),
        })
    }

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
