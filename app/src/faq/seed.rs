//! The help articles shipped with Waybill (`app/content/faq`), loaded into a new database by
//! the demo seed through the same import as `server faq import`.

use super::{files, store::Author};
use crate::db::Db;

/// (file name, text) of every shipped article, in the order their categories are listed.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "what-is-a-tracking-code.md",
        include_str!("../../content/faq/what-is-a-tracking-code.md"),
    ),
    (
        "typing-your-tracking-code.md",
        include_str!("../../content/faq/typing-your-tracking-code.md"),
    ),
    (
        "what-the-stages-mean.md",
        include_str!("../../content/faq/what-the-stages-mean.md"),
    ),
    (
        "lost-your-tracking-code.md",
        include_str!("../../content/faq/lost-your-tracking-code.md"),
    ),
    (
        "filing-a-good-request.md",
        include_str!("../../content/faq/filing-a-good-request.md"),
    ),
    (
        "your-draft-is-kept.md",
        include_str!("../../content/faq/your-draft-is-kept.md"),
    ),
    (
        "submitting-twice.md",
        include_str!("../../content/faq/submitting-twice.md"),
    ),
    (
        "replying-to-a-request.md",
        include_str!("../../content/faq/replying-to-a-request.md"),
    ),
    (
        "response-targets.md",
        include_str!("../../content/faq/response-targets.md"),
    ),
    (
        "expected-resolution-window.md",
        include_str!("../../content/faq/expected-resolution-window.md"),
    ),
    (
        "why-the-window-moved.md",
        include_str!("../../content/faq/why-the-window-moved.md"),
    ),
    (
        "paused-while-waiting-on-you.md",
        include_str!("../../content/faq/paused-while-waiting-on-you.md"),
    ),
    (
        "what-late-means.md",
        include_str!("../../content/faq/what-late-means.md"),
    ),
    (
        "what-the-tracking-page-shows.md",
        include_str!("../../content/faq/what-the-tracking-page-shows.md"),
    ),
    (
        "too-many-tries.md",
        include_str!("../../content/faq/too-many-tries.md"),
    ),
    (
        "without-javascript-and-accessibility.md",
        include_str!("../../content/faq/without-javascript-and-accessibility.md"),
    ),
];

/// Imports the shipped articles; returns what the import did.
pub async fn seed_articles(db: &Db) -> files::ImportReport {
    let author = Author {
        staff_id: None,
        name: "Waybill (shipped articles)".into(),
    };
    let mut report = files::ImportReport::default();
    for (name, text) in ARTICLES {
        files::import_text(db, name, text, &author, &mut report).await;
    }
    report
}
