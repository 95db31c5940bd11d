//! Community form posts: asking, answering, editing, voting, accepting, flagging and
//! deleting (customers); endorsing, drafting a help article and moderating (staff). Each
//! handler finds out who is calling and leaves the deciding to `store` and `moderation`.

use super::{
    model::PostState,
    moderation::{self, Decision},
    reactions,
    store::{self, Draft, Posted},
};
use crate::{
    accounts::{model::Customer, store::require_customer},
    ctx::addr_of,
    error::AppError,
    forms::{handle, handle_outcome, Outcome},
    ratelimit::RateLimiter,
    staff::auth::staff_of,
    state::AppState,
};
use axum::{
    body::Body,
    extract::State,
    http::{request::Parts, Request},
    response::{IntoResponse, Response},
    routing::post,
    Router,
};
use serde::Deserialize;

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/community/ask", post(ask))
        .route("/community/{id}/{slug}", post(on_question))
        .route("/community/posts/{id}/edit", post(edit))
        .route("/community/preview", post(preview_fragment))
        .route("/staff/moderation", post(moderate))
}

/// Posts, counted against the account's and the address's allowance: a post is refused (429)
/// once either is used up, and only posts that were taken count (a mistake costs nothing).
struct PostAllowance {
    account: String,
    addr: String,
}

impl PostAllowance {
    /// Refuses if the allowance is used up.
    fn check(state: &AppState, parts: &Parts, me: &Customer) -> Result<Self, AppError> {
        let this = PostAllowance {
            account: me.id.to_string(),
            addr: addr_of(parts),
        };
        for (limiter, key) in [
            (&state.limits.posts_by_account, &this.account),
            (&state.limits.posts_by_addr, &this.addr),
        ] {
            if let Err(retry_after_secs) = limiter.check(key) {
                return Err(AppError::RateLimited { retry_after_secs });
            }
        }
        Ok(this)
    }

    /// Counts a post that was taken.
    fn spend(self, state: &AppState) {
        state.limits.posts_by_account.hit(&self.account);
        state.limits.posts_by_addr.hit(&self.addr);
    }
}

/// Counts a vote or flag against the account's and the address's allowance.
fn spend_vote(state: &AppState, parts: &Parts, me: &Customer) -> Result<(), AppError> {
    let addr = addr_of(parts);
    let account = me.id.to_string();
    RateLimiter::spend(&[
        (&state.limits.votes_by_account, account.as_str()),
        (&state.limits.votes_by_addr, addr.as_str()),
    ])
}

/// A form sent with the honeypot filled in: refused, and nothing kept.
fn not_a_bot(website: &str) -> Result<(), AppError> {
    if website.is_empty() {
        Ok(())
    } else {
        Err(AppError::field(
            "form",
            "This form could not be sent. Please try again.",
        ))
    }
}

/// Where a new post is shown.
fn posted_at(p: &Posted) -> String {
    let note = match p.state {
        PostState::Queued => "?queued=1",
        _ => "",
    };
    format!(
        "/community/{}/{}{note}#post-{}",
        p.question_id, p.slug, p.id
    )
}

/// Asking a question, or editing a post (answers have no title or tags).
#[derive(Debug, Deserialize)]
struct PostForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    website: String,
}

impl PostForm {
    fn draft(self) -> Draft {
        Draft {
            title: self.title,
            tags: self.tags,
            body: self.body,
        }
    }
}

async fn ask(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_outcome(state, req, |state, parts, form: PostForm| async move {
        let me = require_customer(&state, &parts).await?;
        if form.intent == "preview" {
            return Ok(Outcome::ShowAgain);
        }
        not_a_bot(&form.website)?;
        let allowance = PostAllowance::check(&state, &parts, &me)?;
        let posted = store::ask(&state.db, &me, &form.draft()).await?;
        allowance.spend(&state);
        Ok(Outcome::Redirect(posted_at(&posted)))
    })
    .await
}

/// The forms on a question's page; `intent` says which one was sent.
#[derive(Debug, Deserialize)]
struct QuestionForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    post_id: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
    #[serde(default)]
    website: String,
}

/// The question id in `/community/{id}/…`.
fn question_id(parts: &Parts) -> Result<i64, AppError> {
    parts
        .uri
        .path()
        .trim_start_matches("/community/")
        .split('/')
        .next()
        .and_then(|id| id.parse().ok())
        .ok_or(AppError::NotFound)
}

async fn on_question(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_outcome(state, req, |state, parts, form: QuestionForm| async move {
        let qid = question_id(&parts)?;
        let here = parts.uri.path().to_owned();
        let post_id: Option<i64> = form.post_id.trim().parse().ok();
        let target = || post_id.ok_or(AppError::NotFound);
        // Staff actions first: staff hold a staff session, never a customer one.
        match form.intent.as_str() {
            "endorse" | "to_faq" => {
                let me = staff_of(&state, &parts).await?.ok_or_else(|| {
                    AppError::Denied("Only staff can endorse answers or make help articles.".into())
                })?;
                let id = target()?;
                if form.intent == "endorse" {
                    reactions::endorse(&state.db, me.id, id).await?;
                    return Ok(Outcome::Redirect(format!("{here}#post-{id}")));
                }
                let article = moderation::to_faq(&state.db, &me, id).await?;
                return Ok(Outcome::Redirect(format!(
                    "/staff/faq/{article}?saved=draft"
                )));
            }
            _ => {}
        }
        let me = require_customer(&state, &parts).await?;
        let to = match form.intent.as_str() {
            "preview" => return Ok(Outcome::ShowAgain),
            "answer" => {
                not_a_bot(&form.website)?;
                let allowance = PostAllowance::check(&state, &parts, &me)?;
                let posted = store::answer(&state.db, &me, qid, &form.body).await?;
                allowance.spend(&state);
                posted_at(&posted)
            }
            "up" | "down" => {
                let id = target()?;
                spend_vote(&state, &parts, &me)?;
                let value = if form.intent == "up" { 1 } else { -1 };
                reactions::vote(&state.db, &me, id, value).await?;
                format!("{here}#post-{id}")
            }
            "accept" => {
                let id = target()?;
                reactions::accept(&state.db, &me, id).await?;
                format!("{here}#post-{id}")
            }
            "flag" => {
                let id = target()?;
                spend_vote(&state, &parts, &me)?;
                // A page has a flag form per post: its mistakes are told at that post's form.
                reactions::flag(&state.db, &me, id, &form.reason, &form.details)
                    .await
                    .map_err(|e| match e {
                        AppError::Validation(errors) => AppError::Validation(
                            errors
                                .into_iter()
                                .map(|f| {
                                    crate::error::FieldError::new(format!("flag-{id}"), f.message)
                                })
                                .collect(),
                        ),
                        e => e,
                    })?;
                format!("{here}?flagged=1#post-{id}")
            }
            "delete" => {
                let id = target()?;
                match store::delete_own(&state.db, &me, id).await? {
                    Some((q, slug)) => format!("/community/{q}/{slug}?deleted=1"),
                    None => "/community?deleted=1".to_owned(),
                }
            }
            _ => {
                return Err(AppError::field(
                    "form",
                    "This form could not be read. Please try again.",
                ))
            }
        };
        Ok(Outcome::Redirect(to))
    })
    .await
}

async fn edit(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_outcome(state, req, |state, parts, form: PostForm| async move {
        let me = require_customer(&state, &parts).await?;
        let id: i64 = parts
            .uri
            .path()
            .trim_start_matches("/community/posts/")
            .split('/')
            .next()
            .and_then(|id| id.parse().ok())
            .ok_or(AppError::NotFound)?;
        if form.intent == "preview" {
            return Ok(Outcome::ShowAgain);
        }
        let allowance = PostAllowance::check(&state, &parts, &me)?;
        let (q, slug, post_state) = store::edit(&state.db, &me, id, &form.draft()).await?;
        allowance.spend(&state);
        let note = match post_state {
            PostState::Queued => "queued",
            _ => "edited",
        };
        Ok(Outcome::Redirect(format!(
            "/community/{q}/{slug}?{note}=1#post-{id}"
        )))
    })
    .await
}

/// `POST /community/preview`: a body rendered by the publishing renderer, as an HTML fragment,
/// for the live preview. Signed-in customers only; a problem comes back as plain text.
async fn preview_fragment(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    if let Err(e) = require_customer(&state, &parts).await {
        return e.into_response();
    }
    crate::faq::forms::render_fragment(body).await
}

#[derive(Debug, Deserialize)]
struct ModerateForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    post_id: String,
}

async fn moderate(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, form: ModerateForm| async move {
        let Some(me) = staff_of(&state, &parts).await? else {
            // A customer is told so; anyone else is sent to the staff sign-in.
            return Err(match require_customer(&state, &parts).await {
                Ok(_) => AppError::Denied("Only staff can moderate.".into()),
                Err(_) => AppError::Unauthorized,
            });
        };
        let decision = Decision::parse(&form.intent).ok_or_else(|| {
            AppError::field("form", "This form could not be read. Please try again.")
        })?;
        let id: i64 = form
            .post_id
            .trim()
            .parse()
            .map_err(|_| AppError::NotFound)?;
        moderation::decide(&state.db, &me, id, decision).await?;
        Ok(format!("/staff/moderation?done={}", form.intent))
    })
    .await
}
