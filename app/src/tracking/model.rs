//! Wire types for tracking: what pages and server functions exchange. Database rows live in
//! `store`, and never leave the server as they are.

use super::window::Window;
use serde::{Deserialize, Serialize};

/// Where a request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Filed; nobody has looked yet.
    Received,
    /// Someone has read it and routed it.
    Triaged,
    /// Being worked on.
    InProgress,
    /// We need something from the customer; the clock is paused.
    WaitingOnCustomer,
    /// Done, from our side.
    Resolved,
    /// Finished for good.
    Closed,
}

impl Stage {
    /// Every stage in order.
    pub const ALL: [Stage; 6] = [
        Stage::Received,
        Stage::Triaged,
        Stage::InProgress,
        Stage::WaitingOnCustomer,
        Stage::Resolved,
        Stage::Closed,
    ];

    /// The value stored and posted in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Triaged => "triaged",
            Stage::InProgress => "in_progress",
            Stage::WaitingOnCustomer => "waiting_on_customer",
            Stage::Resolved => "resolved",
            Stage::Closed => "closed",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// What customers read.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Received => "Received",
            Stage::Triaged => "Triaged",
            Stage::InProgress => "In progress",
            Stage::WaitingOnCustomer => "Waiting on you",
            Stage::Resolved => "Resolved",
            Stage::Closed => "Closed",
        }
    }

    /// What staff read.
    pub fn staff_label(self) -> &'static str {
        match self {
            Stage::WaitingOnCustomer => "Waiting on customer",
            other => other.label(),
        }
    }

    /// What the stage means, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Stage::Received => "We have your request. Someone will read it soon.",
            Stage::Triaged => "We have read your request and sent it to the right team.",
            Stage::InProgress => "Someone is working on your request.",
            Stage::WaitingOnCustomer => {
                "We need something from you before we can go on: reply below."
            }
            Stage::Resolved => {
                "We think this is sorted. If it is not, reply below and we will pick it up again."
            }
            Stage::Closed => "This request is finished.",
        }
    }

    /// Resolved or closed.
    pub fn is_done(self) -> bool {
        matches!(self, Stage::Resolved | Stage::Closed)
    }
}

/// A category customers choose when filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Row id (not shown publicly).
    pub id: i64,
    /// Stable name used in forms and filters.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One line about what belongs here.
    pub description: String,
    /// The SLA target in hours.
    pub sla_hours: i64,
}

/// One public checkpoint on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCheckpoint {
    /// Unix seconds.
    pub at: i64,
    /// The stage after it.
    pub stage: Stage,
    /// What happened, in a few words.
    pub title: String,
    /// The public note staff wrote (plain text), if any.
    pub note: String,
}

/// The estimate shown on a tracking page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Estimate {
    /// Open: the expected window, and why it moved since the last checkpoint if it did.
    Open {
        /// The window.
        window: Window,
        /// The earlier window and why it moved.
        moved: Option<((i64, i64), String)>,
    },
    /// Resolved or closed at this time.
    Done {
        /// Unix seconds.
        resolved_at: i64,
        /// Whole days from filing to resolution (wall clock).
        days: i64,
    },
}

/// Everything the public tracking page shows. No personal data beyond a first name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingView {
    /// The code, grouped for reading.
    pub code: String,
    /// The customer's first name only.
    pub first_name: String,
    /// What the request is about.
    pub subject: String,
    /// Category display name.
    pub category: String,
    /// Its SLA target in hours.
    pub sla_hours: i64,
    /// Current stage.
    pub stage: Stage,
    /// When it was filed.
    pub created_at: i64,
    /// Newest first.
    pub checkpoints: Vec<PublicCheckpoint>,
    /// The expected window, or when it was resolved.
    pub estimate: Estimate,
    /// The server's clock when this view was made, for relative times.
    pub now: i64,
    /// The customer's rating, once the request is resolved and rated.
    #[serde(default)]
    pub rating: Option<crate::satisfaction::model::RatingSummary>,
}
