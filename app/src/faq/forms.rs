//! FAQ form posts: saving, previewing and restoring articles (staff), and readers' votes.

use super::{
    model::{may_save, ArticleFields, ArticleState},
    store::{self, Author},
};
use crate::{
    ctx::{addr_of, cookie},
    error::AppError,
    forms::{handle, handle_outcome, Outcome},
    staff::{auth::staff_of, model::StaffUser},
    state::AppState,
};
use axum::{
    body::Body,
    extract::State,
    http::{header::SET_COOKIE, request::Parts, Request},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use serde::Deserialize;

/// Longest comment on a vote, in characters.
pub const COMMENT_MAX: usize = 1000;
/// The cookie that makes one vote per browser per article.
pub const VOTER_COOKIE: &str = "waybill_voter";

/// The form routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/faq/new", post(save))
        .route("/staff/faq/{id}", post(save))
        .route("/staff/faq/{id}/revisions/{rev}", post(restore))
        .route("/faq/{slug}", post(vote))
        .route("/faq/results", get(results_fragment))
        .route("/staff/faq/preview", post(preview_fragment))
}

/// The editor form.
#[derive(Debug, Deserialize)]
struct EditForm {
    #[serde(default)]
    intent: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    body: String,
}

async fn signed_in(state: &AppState, parts: &Parts) -> Result<StaffUser, AppError> {
    staff_of(state, parts).await?.ok_or(AppError::Unauthorized)
}

/// The article id in `/staff/faq/{id}…`, or `None` for `/staff/faq/new`.
fn article_id(parts: &Parts) -> Result<Option<i64>, AppError> {
    let rest = parts.uri.path().trim_start_matches("/staff/faq/");
    let id = rest.split('/').next().unwrap_or("");
    match id {
        "new" => Ok(None),
        id => id.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

fn author(me: &StaffUser) -> Author {
    Author {
        staff_id: Some(me.id),
        name: me.name.clone(),
    }
}

async fn save(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_outcome(state, req, |state, parts, form: EditForm| async move {
        let me = signed_in(&state, &parts).await?;
        let id = article_id(&parts)?;
        let current = match id {
            Some(id) => Some(
                store::by_id(&state.db.read, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .state(),
            ),
            None => None,
        };
        let target = match form.intent.as_str() {
            "preview" => return Ok(Outcome::ShowAgain),
            "draft" => ArticleState::Draft,
            "publish" => ArticleState::Published,
            "archive" => ArticleState::Archived,
            _ => {
                return Err(AppError::field(
                    "form",
                    "This form could not be read. Please try again.",
                ))
            }
        };
        if !may_save(me.role, current, target) {
            return Err(AppError::Forbidden);
        }
        let order = match form.order.trim() {
            "" => 0,
            n => n.parse().map_err(|_| {
                AppError::field("order", "Enter the position as a whole number, such as 3.")
            })?,
        };
        let fields = ArticleFields {
            title: form.title,
            slug: form.slug,
            category: form.category,
            tags: form.tags,
            summary: form.summary,
            order,
            body: form.body,
        };
        let id = match id {
            Some(id) => {
                store::update(&state.db, id, &fields, target, &author(&me)).await?;
                id
            }
            None => store::create(&state.db, &fields, target, &author(&me)).await?,
        };
        Ok(Outcome::Redirect(format!(
            "/staff/faq/{id}?saved={}",
            target.as_str()
        )))
    })
    .await
}

#[derive(Debug, Deserialize)]
struct RestoreForm {}

async fn restore(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle(state, req, |state, parts, _: RestoreForm| async move {
        let me = signed_in(&state, &parts).await?;
        let id = article_id(&parts)?.ok_or(AppError::NotFound)?;
        let rev: i64 = parts
            .uri
            .path()
            .rsplit('/')
            .next()
            .and_then(|r| r.parse().ok())
            .ok_or(AppError::NotFound)?;
        let row = store::by_id(&state.db.read, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !may_save(me.role, Some(row.state()), row.state()) {
            return Err(AppError::Forbidden);
        }
        let (_, fields) = store::revision(&state.db.read, id, rev)
            .await?
            .ok_or(AppError::NotFound)?;
        store::update(&state.db, id, &fields, row.state(), &author(&me)).await?;
        Ok(format!("/staff/faq/{id}?saved=restored"))
    })
    .await
}

#[derive(Debug, Deserialize)]
struct VoteForm {
    #[serde(default)]
    helpful: String,
    #[serde(default)]
    comment: String,
}

async fn vote(State(state): State<AppState>, req: Request<Body>) -> Response {
    let secure = state.secure_cookies;
    let (parts, body) = req.into_parts();
    let existing = cookie(&parts, VOTER_COOKIE)
        .filter(|v| v.len() == 32 && v.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_owned);
    let voter = existing
        .clone()
        .unwrap_or_else(crate::db::random_token::<16>);
    let req = Request::from_parts(parts, body);
    let res = handle(state, req, |state, parts, form: VoteForm| {
        let voter = voter.clone();
        async move {
            let slug = parts.uri.path().trim_start_matches("/faq/").to_owned();
            let row = store::by_slug(&state.db.read, &slug)
                .await?
                .filter(|r| r.state() == ArticleState::Published)
                .ok_or(AppError::NotFound)?;
            let helpful = match form.helpful.as_str() {
                "yes" => true,
                "no" => false,
                _ => return Err(AppError::field("comment", "Choose “Yes” or “No”.")),
            };
            let comment = crate::tracking::validate::multi_line(&form.comment);
            let n = comment.chars().count();
            if n > COMMENT_MAX {
                return Err(AppError::field(
                    "comment",
                    format!(
                        "Comments must be {COMMENT_MAX} characters or fewer; this one has {n}."
                    ),
                ));
            }
            let addr = addr_of(&parts);
            if let Err(retry_after_secs) = state.limits.votes.check(&addr) {
                return Err(AppError::RateLimited { retry_after_secs });
            }
            state.limits.votes.hit(&addr);
            store::vote(&state.db, row.id, &voter, helpful, &comment).await?;
            Ok(format!("/faq/{slug}?voted=1#helpful"))
        }
    })
    .await;
    if existing.is_none() && res.status().is_redirection() {
        let cookie = format!(
            "{VOTER_COOKIE}={voter}; Path=/faq; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
            if secure { "; Secure" } else { "" }
        );
        return ([(SET_COOKIE, cookie)], res).into_response();
    }
    res
}

/// What search as you type asks for.
#[derive(Debug, Deserialize)]
struct ResultsQuery {
    #[serde(default)]
    q: String,
}

/// `GET /faq/results?q=…`: the search results as an HTML fragment (the same markup as the
/// search page, everything escaped), for search as you type.
async fn results_fragment(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<ResultsQuery>,
) -> Response {
    match super::search::search(&state.db.read, &query.q, 20).await {
        Ok(results) => {
            let html = leptos::prelude::Owner::new().with(|| {
                use leptos::prelude::*;
                view! { <super::pages::Results results/> }.to_html()
            });
            axum::response::Html(html).into_response()
        }
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct PreviewForm {
    #[serde(default)]
    body: String,
}

/// `POST /staff/faq/preview`: the body rendered by the publishing renderer, as an HTML
/// fragment, for the editor's live preview. Staff only; a problem comes back as plain text.
async fn preview_fragment(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    if let Err(e) = signed_in(&state, &parts).await {
        return e.into_response();
    }
    render_fragment(body).await
}

/// The posted `body` field rendered by the publishing renderer, as an HTML fragment; a
/// problem comes back as plain text (422), to be shown in the preview as it is.
pub(crate) async fn render_fragment(body: Body) -> Response {
    let form = match axum::body::to_bytes(body, crate::forms::MAX_FORM_BYTES).await {
        Ok(bytes) => serde_urlencoded::from_bytes::<PreviewForm>(&bytes).ok(),
        Err(_) => None,
    };
    let Some(form) = form else {
        return (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "This preview could not be read; press “Preview” instead.",
        )
            .into_response();
    };
    match super::render::render(&form.body) {
        Ok(r) => axum::response::Html(r.html).into_response(),
        Err(e) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
    }
}
