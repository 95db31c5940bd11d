//! Wire types for community pages (what pages and server functions exchange, separate from
//! the database rows in `store`).

use crate::accounts::model::Viewer;
use serde::{Deserialize, Serialize};

/// How a question list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Newest first.
    #[default]
    Newest,
    /// Newest first, only those without a public answer.
    Unanswered,
    /// Highest score first.
    Top,
}

impl Sort {
    /// As in the address (`?sort=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Unanswered => "unanswered",
            Sort::Top => "top",
        }
    }

    /// From the address; anything else is the default.
    pub fn parse(s: &str) -> Sort {
        match s {
            "unanswered" => Sort::Unanswered,
            "top" => Sort::Top,
            _ => Sort::Newest,
        }
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "Newest",
            Sort::Unanswered => "Unanswered",
            Sort::Top => "Top",
        }
    }
}

/// Where a post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostState {
    /// Waiting for a moderator: only its author and staff see it.
    Queued,
    /// Everyone sees it.
    Public,
    /// Hidden by staff.
    Hidden,
}

impl PostState {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PostState::Queued => "queued",
            PostState::Public => "public",
            PostState::Hidden => "hidden",
        }
    }

    /// From the database.
    pub fn parse(s: &str) -> PostState {
        match s {
            "public" => PostState::Public,
            "queued" => PostState::Queued,
            _ => PostState::Hidden,
        }
    }
}

/// Who wrote a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorView {
    /// Customer id.
    pub id: i64,
    /// Display name (text).
    pub name: String,
    /// Reputation.
    pub reputation: i64,
}

/// One line of a question list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    /// Question id.
    pub id: i64,
    /// Address slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Up minus down votes.
    pub score: i64,
    /// Public answers.
    pub answers: i64,
    /// The asker accepted an answer.
    pub accepted: bool,
    /// Tags.
    pub tags: Vec<String>,
    /// Who asked.
    pub author: AuthorView,
    /// Asked at (unix seconds).
    pub created_at: i64,
}

/// A page of a question list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionList {
    /// The order.
    pub sort: Sort,
    /// Only questions with this tag.
    pub tag: Option<String>,
    /// The questions on this page.
    pub questions: Vec<QuestionSummary>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    /// This is not the first page.
    pub paged: bool,
    /// Who is looking.
    pub viewer: Viewer,
    /// Server time.
    pub now: i64,
}

/// A question or an answer, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    /// Post id.
    pub id: i64,
    /// Where it stands.
    pub state: PostState,
    /// Who wrote it.
    pub author: AuthorView,
    /// Sanitized HTML of the body, made at save.
    pub html: String,
    /// Up minus down votes.
    pub score: i64,
    /// Written at.
    pub created_at: i64,
    /// Last edited at.
    pub edited_at: Option<i64>,
    /// The staff member who endorsed it (answers).
    pub endorsed_by: Option<String>,
    /// The viewer's vote: 1, -1 or 0.
    pub my_vote: i64,
    /// The viewer wrote it.
    pub mine: bool,
    /// The viewer may delete it (theirs, and no answers or votes yet).
    pub can_delete: bool,
    /// Open flags (shown to staff only; zero for others).
    pub flags: i64,
}

/// A question page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPage {
    /// Question id.
    pub id: i64,
    /// Address slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The question itself.
    pub question: PostView,
    /// Answers the viewer may see: the accepted one first, then by score.
    pub answers: Vec<PostView>,
    /// The accepted answer.
    pub accepted_id: Option<i64>,
    /// Who is looking.
    pub viewer: Viewer,
    /// Server time.
    pub now: i64,
}

/// A post being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditData {
    /// Post id.
    pub id: i64,
    /// Question (a question's own id, or the answered one).
    pub question_id: i64,
    /// The question's slug (for links back).
    pub question_slug: String,
    /// A question (with title and tags) or an answer.
    pub is_question: bool,
    /// Title as stored.
    pub title: String,
    /// Tags, comma-separated.
    pub tags: String,
    /// Markdown as stored.
    pub body: String,
    /// Earlier versions, newest first: (at, title, body Markdown).
    pub revisions: Vec<Revision>,
    /// Who is editing.
    pub viewer: Viewer,
}

/// One saved version of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// Saved at.
    pub at: i64,
    /// Title (questions).
    pub title: String,
    /// Tags (questions).
    pub tags: String,
    /// Markdown, shown as text.
    pub body: String,
}

/// A post waiting for moderation or flagged, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    /// Post id.
    pub id: i64,
    /// Question id (its own, or the one answered).
    pub question_id: i64,
    /// The question's slug.
    pub question_slug: String,
    /// The question's title.
    pub question_title: String,
    /// An answer (else a question).
    pub is_answer: bool,
    /// Where it stands.
    pub state: PostState,
    /// Who wrote it.
    pub author: AuthorView,
    /// The author is suspended.
    pub author_suspended: bool,
    /// Rendered body.
    pub html: String,
    /// Written at.
    pub created_at: i64,
    /// Open flags: (reason, by whom).
    pub flags: Vec<(String, String)>,
}

/// The moderation page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationData {
    /// Posts waiting for approval, oldest first.
    pub queued: Vec<ModerationItem>,
    /// Flagged posts, most flagged first.
    pub flagged: Vec<ModerationItem>,
    /// The staff member looking.
    pub me: crate::staff::model::StaffUser,
    /// Server time.
    pub now: i64,
}

/// A community question found by search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityHit {
    /// Question id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Title with matches marked.
    pub title: Vec<crate::faq::model::Segment>,
    /// From the accepted answer, matches marked.
    pub snippet: Vec<crate::faq::model::Segment>,
    /// Has an accepted answer.
    pub answered: bool,
}

/// Reasons a post can be flagged for: (value, label).
pub fn flag_reasons() -> &'static [(&'static str, &'static str)] {
    &[
        ("spam", "Spam or advertising"),
        ("rude", "Rude or abusive"),
        ("personal", "Shares someone's personal details"),
        ("off-topic", "Not about Waybill"),
        ("other", "Something else"),
    ]
}
