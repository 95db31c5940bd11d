//! Wire types for staff pages.

use crate::tracking::model::{Category, Stage};
use serde::{Deserialize, Serialize};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Works requests.
    Agent,
    /// Works requests and publishes help articles.
    Editor,
    /// Works requests and manages the desk.
    Admin,
}

impl Role {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// From a stored or typed value.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "agent" => Some(Role::Agent),
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Sign-in email.
    pub email: String,
    /// Role.
    pub role: Role,
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// Tracking code, grouped.
    pub code: String,
    /// Subject.
    pub subject: String,
    /// Customer's full name (staff only).
    pub customer: String,
    /// Category name.
    pub category: String,
    /// Current stage.
    pub stage: Stage,
    /// SLA due time (unix seconds), moved by pauses.
    pub due_at: i64,
    /// Waiting on the customer: the clock is stopped.
    pub paused: bool,
    /// Assignee's name.
    pub assignee: Option<String>,
}

/// The queue page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// Open requests by due time.
    pub items: Vec<QueueItem>,
    /// Resolved requests rated low (1–2), waiting to be followed up.
    pub follow_ups: Vec<crate::satisfaction::model::FollowUp>,
    /// For the filter.
    pub categories: Vec<Category>,
    /// Server time.
    pub now: i64,
    /// Who is looking.
    pub me: StaffUser,
}

/// A timeline entry as staff see it (internal notes included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCheckpoint {
    /// Unix seconds.
    pub at: i64,
    /// stage, reply, note, assign.
    pub kind: String,
    /// Stage after it.
    pub stage: Stage,
    /// Text.
    pub body: String,
    /// Shown to the customer.
    pub public: bool,
    /// Who wrote it (none: the customer or the system).
    pub author: Option<String>,
}

/// A past request from the same customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastRequest {
    /// Tracking code.
    pub code: String,
    /// Subject.
    pub subject: String,
    /// Stage.
    pub stage: Stage,
    /// Filed at.
    pub created_at: i64,
}

/// The request detail page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub code: String,
    pub subject: String,
    pub description: String,
    pub customer_name: String,
    pub customer_email: String,
    pub category: String,
    pub stage: Stage,
    pub created_at: i64,
    pub due_at: i64,
    pub paused: bool,
    pub assignee_id: Option<i64>,
    /// Oldest first.
    pub timeline: Vec<StaffCheckpoint>,
    /// Earlier requests from the same email.
    pub history: Vec<PastRequest>,
    /// Everyone a request can be assigned to: (id, name).
    pub staff: Vec<(i64, String)>,
    /// The customer's rating: (score, comment), once given.
    pub rating: Option<(i64, String)>,
    pub now: i64,
}
