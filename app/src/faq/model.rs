//! FAQ wire types, shared by the server and the browser.

use serde::{Deserialize, Serialize};

/// One entry of an article's table of contents (its h2 and h3 headings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's `id`, the target of `#id`.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// Where an article is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArticleState {
    /// Being written; only staff see it.
    Draft,
    /// Public.
    Published,
    /// Taken down; only staff see it.
    Archived,
}

impl ArticleState {
    /// The value stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleState::Draft => "draft",
            ArticleState::Published => "published",
            ArticleState::Archived => "archived",
        }
    }

    /// The state for a stored value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ArticleState::Draft),
            "published" => Some(ArticleState::Published),
            "archived" => Some(ArticleState::Archived),
            _ => None,
        }
    }

    /// How staff pages name it.
    pub fn label(self) -> &'static str {
        match self {
            ArticleState::Draft => "Draft",
            ArticleState::Published => "Published",
            ArticleState::Archived => "Archived",
        }
    }
}

/// A link to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ArticleLink {
    /// Its address: `/faq/{slug}`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its one-line summary.
    pub summary: String,
}

/// A category with its published articles, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqCategory {
    /// Its anchor on `/faq`.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its published articles.
    pub articles: Vec<ArticleLink>,
}

/// A published article as customers read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Its address.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its one-line summary.
    pub summary: String,
    /// Its category's anchor and name (for the breadcrumbs).
    pub category_slug: String,
    /// Its category's name.
    pub category_name: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// The body, already rendered and sanitized.
    pub html: String,
    /// Its table of contents.
    pub toc: Vec<TocEntry>,
    /// When it last changed (unix seconds).
    pub updated_at: i64,
    /// Articles in the same category or with shared tags.
    pub related: Vec<ArticleLink>,
}

/// What `/faq/{slug}` finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArticleLookup {
    /// The article.
    Found(Box<Article>),
    /// The article was renamed: its current slug.
    Moved(String),
}

/// A piece of highlighted text: `mark` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The text (plain; shown as text).
    pub text: String,
    /// Whether it matched.
    pub mark: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article's address.
    pub slug: String,
    /// The title, highlighted.
    pub title: Vec<Segment>,
    /// A passage around the matches, highlighted.
    pub snippet: Vec<Segment>,
    /// The article's category.
    pub category: String,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// The best matches first.
    pub hits: Vec<SearchHit>,
    /// A spelling that would find something, when nothing was found.
    pub suggestion: Option<String>,
    /// The most-read articles, shown when nothing was found.
    pub popular: Vec<ArticleLink>,
    /// Community questions that match, shown in their own group below the articles.
    #[serde(default)]
    pub community: Vec<crate::community::model::CommunityHit>,
}

/// An article as staff list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffArticle {
    /// Its id (staff pages only; public addresses use the slug).
    pub id: i64,
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its category.
    pub category: String,
    /// Its state.
    pub state: ArticleState,
    /// When it last changed.
    pub updated_at: i64,
    /// Reads counted.
    pub views: i64,
    /// "Yes, helpful" votes.
    pub helpful: i64,
    /// "Not helpful" votes.
    pub not_helpful: i64,
    /// Votes with a comment.
    pub comments: i64,
}

/// The fields staff edit. Also the shape of an import file's front matter and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleFields {
    /// The title.
    pub title: String,
    /// The address; derived from the title when left empty.
    pub slug: String,
    /// The category's name.
    pub category: String,
    /// Comma-separated tags.
    pub tags: String,
    /// One line that says what the article answers.
    pub summary: String,
    /// Position within its category (smaller first).
    pub order: i64,
    /// The Markdown body.
    pub body: String,
}

/// A saved revision, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    /// Its id.
    pub id: i64,
    /// When it was saved.
    pub at: i64,
    /// Who saved it.
    pub author: String,
    /// The state it was saved in.
    pub state: ArticleState,
    /// The title then.
    pub title: String,
}

/// Feedback left on an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackComment {
    /// Whether the reader found it helpful.
    pub helpful: bool,
    /// What they wrote (plain text).
    pub comment: String,
    /// When.
    pub at: i64,
}

/// An article as its editor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editing {
    /// Its id.
    pub id: i64,
    /// Its state.
    pub state: ArticleState,
    /// The saved fields.
    pub fields: ArticleFields,
    /// The saved body, rendered.
    pub html: String,
    /// Every save, newest first.
    pub revisions: Vec<RevisionInfo>,
    /// Helpfulness: (yes, no).
    pub votes: (i64, i64),
    /// Readers' comments, newest first.
    pub comments: Vec<FeedbackComment>,
    /// When it last changed.
    pub updated_at: i64,
}

/// The staff article list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFaqList {
    /// Who is signed in.
    pub me: crate::staff::model::StaffUser,
    /// Every article.
    pub articles: Vec<StaffArticle>,
}

/// What the editor page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    /// Who is signed in (agents may only draft).
    pub me: crate::staff::model::StaffUser,
    /// The article, unless this is a new one.
    pub article: Option<Editing>,
    /// Existing category names, to choose from.
    pub categories: Vec<String>,
}

/// One saved revision, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionData {
    /// Who is signed in.
    pub me: crate::staff::model::StaffUser,
    /// The article's id.
    pub article_id: i64,
    /// The article's state now.
    pub current_state: ArticleState,
    /// The revision.
    pub info: RevisionInfo,
    /// Its fields.
    pub fields: ArticleFields,
    /// Its body, rendered.
    pub html: String,
}

/// Whether `role` may save an article now in `current` (None: new) as `target`. Agents draft;
/// editors and admins also publish, archive and change published articles.
pub fn may_save(
    role: crate::staff::model::Role,
    current: Option<ArticleState>,
    target: ArticleState,
) -> bool {
    use crate::staff::model::Role;
    match role {
        Role::Editor | Role::Admin => true,
        Role::Agent => {
            target == ArticleState::Draft && matches!(current, None | Some(ArticleState::Draft))
        }
    }
}
