//! Testimonial form posts: a customer withdraws theirs (code and email); staff approve or
//! reject.

use crate::{
    ctx::addr_of,
    error::AppError,
    forms::handle,
    staff::auth::staff_of,
    state::AppState,
    tracking::{code::TrackingCode, store as requests},
};
use axum::{body::Body, extract::State, http::Request, response::Response, routing::post, Router};
use serde::Deserialize;

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/testimonials", post(withdraw))
        .route("/staff/testimonials", post(moderate))
}

#[derive(Debug, Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    email: String,
}

/// The same answer for an unknown code, a wrong email and no testimonial: nothing tells
/// whether a code exists.
async fn withdraw(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, form: WithdrawForm| async move {
        let addr = addr_of(&parts);
        if let Err(retry_after_secs) = state.limits.email_checks.check(&addr) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
        let row = match TrackingCode::parse(&form.code) {
            Ok(code) => requests::by_code(&state.db.read, &code).await?,
            Err(_) => None,
        };
        let owned = row.filter(|r| r.customer_email.eq_ignore_ascii_case(form.email.trim()));
        let done = match &owned {
            Some(r) => super::store::withdraw(&state.db, r.id).await?,
            None => false,
        };
        if !done {
            state.limits.email_checks.hit(&addr);
            return Err(AppError::field(
                "code",
                "We found no testimonial for this tracking code and email address. Check both and try again.",
            ));
        }
        Ok("/testimonials?withdrawn=1".to_owned())
    })
    .await
}

#[derive(Debug, Deserialize)]
struct ModerateForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    request_id: String,
    #[serde(default)]
    reason: String,
    /// When the testimonial was last changed, as the moderator saw it.
    #[serde(default)]
    seen: String,
}

async fn moderate(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, form: ModerateForm| async move {
        let me = staff_of(&state, &parts)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let id: i64 = form
            .request_id
            .trim()
            .parse()
            .map_err(|_| AppError::NotFound)?;
        let approve = match form.intent.as_str() {
            "approve" => true,
            "reject" => false,
            _ => {
                return Err(AppError::field(
                    "form",
                    "This form could not be read. Please try again.",
                ))
            }
        };
        let seen = form.seen.trim().parse().ok();
        super::store::moderate(&state.db, me.id, id, approve, &form.reason, seen).await?;
        Ok(format!("/staff/testimonials?done={}", form.intent))
    })
    .await
}
