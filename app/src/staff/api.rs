//! Staff server functions. Each one checks the session itself: no session, 401.

use super::model::{Queue, RequestDetail};
use crate::error::AppError;
use leptos::prelude::*;

/// Open requests by SLA due time, optionally filtered by stage and category slug.
#[server(endpoint = "staff/queue")]
pub async fn staff_queue(
    stage: Option<String>,
    category: Option<String>,
) -> Result<Queue, AppError> {
    crate::error::respond(ssr::queue(stage, category).await)
}

/// Everything about one request, for staff.
#[server(endpoint = "staff/request")]
pub async fn staff_request(code: String) -> Result<RequestDetail, AppError> {
    crate::error::respond(ssr::detail(&code).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::super::{
        auth::{all_staff, require_staff},
        model::{PastRequest, QueueItem, StaffCheckpoint},
    };
    use super::*;
    use crate::{
        db::now,
        tracking::{code::TrackingCode, model::Stage, store},
    };
    use std::collections::HashMap;

    pub async fn queue(stage: Option<String>, category: Option<String>) -> Result<Queue, AppError> {
        let me = require_staff().await?;
        let state = crate::ctx::state()?;
        let categories = store::categories(&state.db.read).await?;
        let stage = stage
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(Stage::parse);
        let category_id = category
            .as_deref()
            .and_then(|slug| categories.iter().find(|c| c.slug == slug))
            .map(|c| c.id);
        let names: HashMap<i64, String> = all_staff(&state.db.read).await?.into_iter().collect();
        let cat_names: HashMap<i64, String> =
            categories.iter().map(|c| (c.id, c.name.clone())).collect();
        let items = store::queue(&state.db.read, stage, category_id)
            .await?
            .into_iter()
            .map(|r| QueueItem {
                code: r.code_display(),
                subject: r.subject.clone(),
                customer: r.customer_name.clone(),
                category: cat_names.get(&r.category_id).cloned().unwrap_or_default(),
                stage: r.stage(),
                due_at: r.due_at,
                paused: r.paused_since.is_some(),
                assignee: r.assignee_id.and_then(|id| names.get(&id).cloned()),
            })
            .collect();
        Ok(Queue {
            items,
            follow_ups: crate::satisfaction::store::to_follow_up(&state.db.read).await?,
            categories,
            now: now(),
            me,
        })
    }

    pub async fn detail(code: &str) -> Result<RequestDetail, AppError> {
        require_staff().await?;
        let state = crate::ctx::state()?;
        let code = TrackingCode::parse(code).map_err(|_| AppError::NotFound)?;
        let row = store::by_code(&state.db.read, &code)
            .await?
            .ok_or(AppError::NotFound)?;
        let category = store::categories(&state.db.read)
            .await?
            .into_iter()
            .find(|c| c.id == row.category_id)
            .map(|c| c.name)
            .unwrap_or_default();
        let timeline = store::checkpoints(&state.db.read, row.id, true)
            .await?
            .into_iter()
            .map(|c| StaffCheckpoint {
                at: c.at,
                stage: Stage::parse(&c.stage).unwrap_or(Stage::Received),
                body: c.body,
                public: c.public,
                author: c.staff_name,
                kind: c.kind,
            })
            .collect();
        let history = store::by_email(&state.db.read, &row.customer_email, row.id)
            .await?
            .into_iter()
            .map(|r| PastRequest {
                code: r.code_display(),
                subject: r.subject.clone(),
                stage: r.stage(),
                created_at: r.created_at,
            })
            .collect();
        Ok(RequestDetail {
            code: row.code_display(),
            subject: row.subject.clone(),
            description: row.description.clone(),
            customer_name: row.customer_name.clone(),
            customer_email: row.customer_email.clone(),
            category,
            stage: row.stage(),
            created_at: row.created_at,
            due_at: row.due_at,
            paused: row.paused_since.is_some(),
            assignee_id: row.assignee_id,
            timeline,
            history,
            staff: all_staff(&state.db.read).await?,
            rating: crate::satisfaction::store::score_and_comment(&state.db.read, row.id).await?,
            now: now(),
        })
    }
}
