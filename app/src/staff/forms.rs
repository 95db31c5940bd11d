//! Staff form posts: sign in, sign out, and work on a request.

use super::auth::{self, staff_of};
use crate::{
    error::AppError,
    forms::handle,
    state::AppState,
    tracking::{code::TrackingCode, model::Stage, store, validate::multi_line},
};
use axum::{body::Body, extract::State, http::Request, response::Response, routing::post, Router};
use serde::Deserialize;

use super::forms_limits::NOTE_MAX;

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/login", post(login))
        .route("/staff/logout", post(logout))
        .route("/staff/requests/{code}", post(work))
}

/// Only paths inside the staff area are followed after sign-in (no open redirects).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with("/staff") && crate::ui::is_plain_path(n) => n.to_owned(),
        _ => "/staff".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_staff_paths_are_followed() {
        for (next, to) in [
            (
                Some("/staff/requests/ABCD-EFGH-JKMN-PQRS"),
                "/staff/requests/ABCD-EFGH-JKMN-PQRS",
            ),
            (Some("//evil.example"), "/staff"),
            (Some("/staff\r\nX: 1"), "/staff"),
            (Some("/staff/\\evil"), "/staff"),
            (Some("/staff\0"), "/staff"),
            (Some("https://evil.example/staff"), "/staff"),
            (None, "/staff"),
        ] {
            assert_eq!(super::safe_next(next), to);
        }
    }
}

async fn login(State(state): State<AppState>, req: Request<Body>) -> Response {
    crate::session::sign_in_post(
        state,
        req,
        safe_next,
        |state, addr, email, password| async move {
            auth::login(&state, &addr, &email, &password).await
        },
    )
    .await
}

async fn logout(State(state): State<AppState>, req: Request<Body>) -> Response {
    crate::session::sign_out_post(state, req, "/staff/login?signed_out=1").await
}

/// The forms on a request's staff page; `intent` says which one was sent.
#[derive(Debug, Deserialize)]
struct Work {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    public_note: String,
    #[serde(default)]
    internal_note: String,
    #[serde(default)]
    assignee: String,
}

fn note(field: &str, text: &str, required: bool) -> Result<String, AppError> {
    let text = multi_line(text);
    let n = text.chars().count();
    if required && n == 0 {
        return Err(AppError::field(field, "Write the note."));
    }
    if n > NOTE_MAX {
        return Err(AppError::field(
            field,
            format!("Notes must be {NOTE_MAX} characters or fewer; this one has {n}."),
        ));
    }
    Ok(text)
}

async fn work(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, input: Work| async move {
        let me = staff_of(&state, &parts)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let code_text = parts.uri.path().trim_start_matches("/staff/requests/");
        let code = TrackingCode::parse(code_text).map_err(|_| AppError::NotFound)?;
        let row = store::by_code(&state.db.read, &code)
            .await?
            .ok_or(AppError::NotFound)?;
        let back = format!("/staff/requests/{}", code.display());
        match input.intent.as_str() {
            "stage" => {
                let to = Stage::parse(&input.stage)
                    .ok_or_else(|| AppError::field("stage", "Choose a stage."))?;
                let text = note("public_note", &input.public_note, false)?;
                if to == row.stage() && text.is_empty() {
                    return Err(AppError::field(
                        "stage",
                        format!(
                            "The request is already “{}”. Choose another stage or write a note.",
                            to.label()
                        ),
                    ));
                }
                store::change_stage(
                    &state.db,
                    &state.history,
                    &row,
                    to,
                    &text,
                    Some(me.id),
                    "stage",
                )
                .await?;
            }
            "note" => {
                let text = note("internal_note", &input.internal_note, true)?;
                store::add_internal_note(&state.db, &row, me.id, &text).await?;
            }
            "assign" => {
                let staff = auth::all_staff(&state.db.read).await?;
                let assignee = match input.assignee.as_str() {
                    "" => None,
                    id => Some(
                        id.parse::<i64>()
                            .ok()
                            .filter(|id| staff.iter().any(|(s, _)| s == id))
                            .ok_or_else(|| {
                                AppError::field("assignee", "Choose someone from the list.")
                            })?,
                    ),
                };
                let name = assignee
                    .and_then(|a| staff.iter().find(|(id, _)| *id == a))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                store::assign(&state.db, &row, assignee, me.id, &name).await?;
            }
            "follow_up" => {
                crate::satisfaction::store::mark_followed_up(&state.db, row.id, me.id).await?;
                return Ok("/staff?followed_up=1#follow-up".to_owned());
            }
            _ => {
                return Err(AppError::field(
                    "intent",
                    "This form could not be read. Please try again.",
                ))
            }
        }
        Ok(format!("{back}?saved={}", input.intent))
    })
    .await
}
