//! Checking what staff type into the article editor (and what import files say).

#[cfg(feature = "ssr")]
use super::{model::ArticleFields, render};
#[cfg(feature = "ssr")]
use crate::error::{AppError, FieldError};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 150;
/// Longest summary, in characters.
pub const SUMMARY_MAX: usize = 200;
/// Longest category name, in characters.
pub const CATEGORY_MAX: usize = 60;
/// Most tags on one article.
pub const TAGS_MAX: usize = 8;
/// Longest tag, in characters.
pub const TAG_MAX: usize = 30;
/// Longest slug, in bytes.
pub const SLUG_MAX: usize = 80;
/// Slugs that are other pages under `/faq/`.
pub const RESERVED_SLUGS: &[&str] = &["search", "new"];

/// Fields that passed the checks, normalized, with the body rendered.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct ValidArticle {
    /// Trimmed title.
    pub title: String,
    /// Normalized slug (from the title if none was given).
    pub slug: String,
    /// Trimmed category name.
    pub category: String,
    /// The category's slug.
    pub category_slug: String,
    /// Lowercase, deduplicated tags.
    pub tags: Vec<String>,
    /// Trimmed summary.
    pub summary: String,
    /// Position in the category.
    pub order: i64,
    /// The Markdown as typed.
    pub body: String,
    /// The body rendered and sanitized.
    pub rendered: render::Rendered,
}

/// Tags as typed ("Tracking, codes,, tracking") to a clean list (["tracking", "codes"]).
pub fn parse_tags(tags: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.split(',') {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// Checks every field and renders the body; every problem is reported at its field.
#[cfg(feature = "ssr")]
pub fn validate(fields: &ArticleFields) -> Result<ValidArticle, AppError> {
    let mut errors = Vec::new();
    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        errors.push(FieldError::new("title", "Enter a title."));
    } else if title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            format!("Shorten the title to {TITLE_MAX} characters or fewer."),
        ));
    }
    let typed_slug = fields.slug.trim();
    let slug = render::slugify(if typed_slug.is_empty() {
        &title
    } else {
        typed_slug
    });
    if slug.is_empty() && !title.is_empty() {
        errors.push(FieldError::new(
            "slug",
            "Enter an address made of letters or digits, such as “lost-tracking-code”.",
        ));
    } else if RESERVED_SLUGS.contains(&slug.as_str()) {
        errors.push(FieldError::new(
            "slug",
            format!("“{slug}” is the address of another page; choose another."),
        ));
    }
    let category = fields.category.trim().to_owned();
    let category_slug = render::slugify(&category);
    if category_slug.is_empty() {
        errors.push(FieldError::new("category", "Choose or type a category."));
    } else if category.chars().count() > CATEGORY_MAX {
        errors.push(FieldError::new(
            "category",
            format!("Shorten the category to {CATEGORY_MAX} characters or fewer."),
        ));
    }
    let tags = parse_tags(&fields.tags);
    if tags.len() > TAGS_MAX {
        errors.push(FieldError::new(
            "tags",
            format!("Use at most {TAGS_MAX} tags (there are {}).", tags.len()),
        ));
    } else if let Some(long) = tags.iter().find(|t| t.chars().count() > TAG_MAX) {
        errors.push(FieldError::new(
            "tags",
            format!("Shorten the tag “{long}” to {TAG_MAX} characters or fewer."),
        ));
    }
    let summary = fields.summary.trim().to_owned();
    if summary.is_empty() {
        errors.push(FieldError::new(
            "summary",
            "Write one line that says what the article answers.",
        ));
    } else if summary.contains(['\n', '\r']) {
        errors.push(FieldError::new("summary", "Keep the summary to one line."));
    } else if summary.chars().count() > SUMMARY_MAX {
        errors.push(FieldError::new(
            "summary",
            format!("Shorten the summary to {SUMMARY_MAX} characters or fewer."),
        ));
    }
    if !(0..=9999).contains(&fields.order) {
        errors.push(FieldError::new("order", "Enter a position from 0 to 9999."));
    }
    let rendered = if fields.body.trim().is_empty() {
        errors.push(FieldError::new("body", "Write the article."));
        None
    } else {
        match render::render(&fields.body) {
            Ok(r) => Some(r),
            Err(e) => {
                errors.push(FieldError::new("body", e.to_string()));
                None
            }
        }
    };
    match rendered {
        Some(rendered) if errors.is_empty() => Ok(ValidArticle {
            title,
            slug,
            category,
            category_slug,
            tags,
            summary,
            order: fields.order,
            body: fields.body.clone(),
            rendered,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn good() -> ArticleFields {
        ArticleFields {
            title: "Lost your code?".into(),
            slug: String::new(),
            category: "Tracking your request".into(),
            tags: "Tracking, codes, tracking".into(),
            summary: "What to do without the code.".into(),
            order: 3,
            body: "## Look in your confirmation\n\nIt is there.".into(),
        }
    }

    #[test]
    fn good_fields_are_normalized() {
        let v = validate(&good()).unwrap();
        assert_eq!(v.slug, "lost-your-code");
        assert_eq!(v.tags, ["tracking", "codes"]);
        assert_eq!(v.category_slug, "tracking-your-request");
        assert!(v.rendered.html.contains("<h2"));
    }

    #[test]
    fn each_mistake_is_reported_at_its_field() {
        let bad = ArticleFields {
            title: "x".repeat(TITLE_MAX + 1),
            slug: "search".into(),
            category: "  ".into(),
            tags: (0..10)
                .map(|i| format!("t{i}"))
                .collect::<Vec<_>>()
                .join(","),
            summary: "two\nlines".into(),
            order: -1,
            body: " ".into(),
        };
        let err = validate(&bad).unwrap_err();
        assert_eq!(
            err.field_names(),
            ["title", "slug", "category", "tags", "summary", "order", "body"]
        );
    }

    #[test]
    fn an_oversized_body_is_refused_at_the_body() {
        let mut f = good();
        f.body = "a".repeat(render::MAX_MARKDOWN_BYTES + 1);
        let err = validate(&f).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "body");
        assert!(err.field_errors()[0].message.contains("100,000"));
    }
}
