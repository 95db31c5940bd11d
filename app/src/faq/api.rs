//! FAQ server functions: public reading and search, staff-only authoring. Each staff function
//! checks the session itself (no session: 401).

use super::model::{
    ArticleLookup, EditorData, FaqCategory, RevisionData, SearchResults, StaffFaqList,
};
use crate::error::AppError;
use leptos::prelude::*;

/// Published articles by category. Public.
#[server(endpoint = "faq/index")]
pub async fn faq_index() -> Result<Vec<FaqCategory>, AppError> {
    let state = crate::ctx::state()?;
    super::store::index(&state.db.read).await
}

/// A published article by slug, or where a renamed one moved. Public.
#[server(endpoint = "faq/article")]
pub async fn faq_article(slug: String) -> Result<ArticleLookup, AppError> {
    let state = crate::ctx::state()?;
    crate::error::respond(
        super::store::public_article(&state.db.read, &slug)
            .await
            .and_then(|found| found.ok_or(AppError::NotFound)),
    )
}

/// Published articles matching `q`, best first. Public.
#[server(endpoint = "faq/search")]
pub async fn search_faq(q: String) -> Result<SearchResults, AppError> {
    let state = crate::ctx::state()?;
    super::search::search(&state.db.read, &q, 20).await
}

/// Every article, with readers' feedback counts. Staff only.
#[server(endpoint = "staff/faq/list")]
pub async fn staff_faq_articles() -> Result<StaffFaqList, AppError> {
    crate::error::respond(ssr::list().await)
}

/// An article with its history and feedback (or none, for a new one). Staff only.
#[server(endpoint = "staff/faq/editor")]
pub async fn staff_faq_editor(id: Option<i64>) -> Result<EditorData, AppError> {
    crate::error::respond(ssr::editor(id).await)
}

/// One saved revision and its rendering. Staff only.
#[server(endpoint = "staff/faq/revision")]
pub async fn staff_faq_revision(id: i64, revision: i64) -> Result<RevisionData, AppError> {
    crate::error::respond(ssr::revision(id, revision).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::super::{render, store};
    use super::*;
    use crate::staff::auth::require_staff;

    pub async fn list() -> Result<StaffFaqList, AppError> {
        let me = require_staff().await?;
        let articles = store::staff_list(&crate::ctx::state()?.db.read).await?;
        Ok(StaffFaqList { me, articles })
    }

    pub async fn editor(id: Option<i64>) -> Result<EditorData, AppError> {
        let me = require_staff().await?;
        let pool = &crate::ctx::state()?.db.read;
        let article = match id {
            Some(id) => Some(store::editing(pool, id).await?.ok_or(AppError::NotFound)?),
            None => None,
        };
        let categories = store::category_names(pool).await?;
        Ok(EditorData {
            me,
            article,
            categories,
        })
    }

    pub async fn revision(id: i64, revision: i64) -> Result<RevisionData, AppError> {
        let me = require_staff().await?;
        let pool = &crate::ctx::state()?.db.read;
        let (info, fields) = store::revision(pool, id, revision)
            .await?
            .ok_or(AppError::NotFound)?;
        let current_state = store::by_id(pool, id)
            .await?
            .ok_or(AppError::NotFound)?
            .state();
        let html = render::render(&fields.body)
            .map(|r| r.html)
            .unwrap_or_default();
        Ok(RevisionData {
            me,
            article_id: id,
            current_state,
            info,
            fields,
            html,
        })
    }
}
