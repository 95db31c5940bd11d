//! Tracking form posts: filing a request, the customer's reply and their rating.

use super::{
    api::ssr::find,
    store,
    validate::{multi_line, NewRequest, DESCRIPTION_MAX},
};
use crate::{
    ctx::addr_of,
    error::{AppError, FieldError},
    forms::handle,
    satisfaction::store as satisfaction,
    state::AppState,
};
use axum::{body::Body, extract::State, http::Request, response::Response, routing::post, Router};
use serde::Deserialize;

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests/new", post(file))
        .route("/track/{code}", post(reply))
}

async fn file(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, _parts, input: NewRequest| async move {
        let code = store::file_request(&state.db, &state.history, &input).await?;
        Ok(format!("/requests/filed/{}", code.display()))
    })
    .await
}

/// The forms on a tracking page: the reply (no `intent`) and the rating (`intent=rate`).
#[derive(Debug, Deserialize)]
struct TrackingForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    rating_email: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    publish: String,
    #[serde(default)]
    name_shown: String,
}

/// Checks that `email` is the one the request was filed with, counting failures per client
/// address (past the limit: 429). The message is the same whatever is wrong with it.
fn check_owner(
    state: &AppState,
    addr: &str,
    row: &store::RequestRow,
    field: &str,
    email: &str,
) -> Result<Option<FieldError>, AppError> {
    if let Err(retry_after_secs) = state.limits.email_checks.check(addr) {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    if row.customer_email.eq_ignore_ascii_case(email.trim()) {
        return Ok(None);
    }
    state.limits.email_checks.hit(addr);
    Ok(Some(FieldError::new(
        field,
        "This is not the email address this request was filed with. Use that one, so we know it's you.",
    )))
}

async fn reply(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, input: TrackingForm| async move {
        let addr = addr_of(&parts);
        let code = parts.uri.path().trim_start_matches("/track/").to_owned();
        let row = find(&state, &addr, &code).await?;
        if input.intent == "rate" || input.intent == "withdraw" {
            if let Some(e) = check_owner(&state, &addr, &row, "rating_email", &input.rating_email)?
            {
                return Err(AppError::Validation(vec![e]));
            }
            if input.intent == "withdraw" {
                if !satisfaction::withdraw(&state.db, row.id).await? {
                    return Err(AppError::Denied(
                        "There is no testimonial of yours to withdraw.".into(),
                    ));
                }
                return Ok(format!("/track/{}?withdrawn=1#rating", row.code_display()));
            }
            let rating = satisfaction::RatingInput {
                score: input.score,
                comment: input.comment,
                publish: input.publish == "yes",
                name_shown: input.name_shown,
            };
            satisfaction::rate(&state.db, &row, &rating).await?;
            return Ok(format!("/track/{}?rated=1#rating", row.code_display()));
        }
        let message = multi_line(&input.message);
        let mut errors = Vec::new();
        errors.extend(check_owner(&state, &addr, &row, "email", &input.email)?);
        let n = message.chars().count();
        if n == 0 {
            errors.push(FieldError::new("message", "Enter your message."));
        } else if n > DESCRIPTION_MAX {
            errors.push(FieldError::new(
                "message",
                format!("Your message must be {DESCRIPTION_MAX} characters or fewer; it has {n}."),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        store::customer_reply(&state.db, &state.history, &row, &message).await?;
        Ok(format!("/track/{}?replied=1#timeline", row.code_display()))
    })
    .await
}
