//! Tracking form posts: filing a request and the customer's reply.

use super::{
    api::ssr::find,
    store,
    validate::{multi_line, NewRequest, DESCRIPTION_MAX},
};
use crate::{
    ctx::addr_of,
    error::{AppError, FieldError},
    forms::handle,
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

/// The reply form on a tracking page.
#[derive(Debug, Deserialize)]
struct Reply {
    #[serde(default)]
    email: String,
    #[serde(default)]
    message: String,
}

async fn reply(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, input: Reply| async move {
        let addr = addr_of(&parts);
        let code = parts.uri.path().trim_start_matches("/track/").to_owned();
        let row = find(&state, &addr, &code).await?;
        let message = multi_line(&input.message);
        let mut errors = Vec::new();
        if let Err(retry_after_secs) = state.limits.email_checks.check(&addr) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
        if !row.customer_email.eq_ignore_ascii_case(input.email.trim()) {
            state.limits.email_checks.hit(&addr);
            errors.push(FieldError::new(
                "email",
                "This is not the email address this request was filed with. Use that one, so we know it's you.",
            ));
        }
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
