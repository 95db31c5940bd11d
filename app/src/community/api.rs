//! Community server functions. Reading is public, but what a reader sees depends on who they
//! are (posts waiting for moderation only to their author and staff); editing data only to a
//! post's author; the moderation queue only to staff.

use super::model::{EditData, ModerationData, QuestionList, QuestionPage};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of public questions: `sort` is newest, unanswered or top; `after` a cursor from the
/// previous page. Public.
#[server(endpoint = "community/list")]
pub async fn community_list(
    sort: String,
    tag: Option<String>,
    after: Option<String>,
) -> Result<QuestionList, AppError> {
    crate::error::respond(ssr::list(&sort, tag, after).await)
}

/// A question with the answers the caller may see. 404 if there is none, or the caller may
/// not see it (queued posts of others).
#[server(endpoint = "community/question")]
pub async fn community_question(id: i64) -> Result<QuestionPage, AppError> {
    crate::error::respond(ssr::question(id).await)
}

/// A post and its history, for its author to edit. 401 signed out; 404 for anyone else's.
#[server(endpoint = "community/edit")]
pub async fn community_edit(id: i64) -> Result<EditData, AppError> {
    crate::error::respond(ssr::edit(id).await)
}

/// Queued and flagged posts. Staff only.
#[server(endpoint = "staff/moderation")]
pub async fn moderation_queue() -> Result<ModerationData, AppError> {
    crate::error::respond(ssr::moderation().await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::super::{model::Sort, moderation, queries};
    use super::*;
    use crate::{accounts::store::current_viewer, db::now};

    pub async fn list(
        sort: &str,
        tag: Option<String>,
        after: Option<String>,
    ) -> Result<QuestionList, AppError> {
        let state = crate::ctx::state()?;
        let sort = Sort::parse(sort);
        let tag = tag
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        let (questions, next) =
            queries::list(&state.db.read, sort, tag.as_deref(), after.as_deref()).await?;
        Ok(QuestionList {
            sort,
            tag,
            questions,
            next,
            paged: after.is_some(),
            viewer: current_viewer().await?,
            now: now(),
        })
    }

    pub async fn question(id: i64) -> Result<QuestionPage, AppError> {
        let state = crate::ctx::state()?;
        let viewer = current_viewer().await?;
        queries::question_page(&state.db.read, id, &viewer, now())
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn edit(id: i64) -> Result<EditData, AppError> {
        let state = crate::ctx::state()?;
        let viewer = current_viewer().await?;
        if viewer.customer().is_none() {
            return Err(AppError::Unauthorized);
        }
        queries::edit_data(&state.db.read, id, &viewer)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn moderation() -> Result<ModerationData, AppError> {
        let me = crate::staff::auth::require_staff().await?;
        let pool = &crate::ctx::state()?.db.read;
        Ok(ModerationData {
            queued: moderation::queued(pool).await?,
            flagged: moderation::flagged(pool).await?,
            me,
            now: now(),
        })
    }
}
