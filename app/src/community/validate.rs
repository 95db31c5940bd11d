//! Checking what customers post.

use crate::error::FieldError;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 150;
/// Shortest title, in characters.
pub const TITLE_MIN: usize = 10;
/// Longest body, in characters.
pub const BODY_MAX: usize = 20_000;
/// Most tags on a question.
pub const TAGS_MAX: usize = 5;
/// Longest tag, in characters.
pub const TAG_MAX: usize = 25;
/// Longest flag reason, in characters.
pub const REASON_MAX: usize = 500;
/// Links a post of an account that is not yet trusted may carry.
pub const NEW_ACCOUNT_LINKS: usize = 2;

/// A question's title, cleaned, or the problem.
pub fn title(title: &str) -> Result<String, FieldError> {
    let t = crate::tracking::validate::one_line(title);
    let n = t.chars().count();
    if n == 0 {
        Err(FieldError::new("title", "Enter your question in one line."))
    } else if n < TITLE_MIN {
        Err(FieldError::new(
            "title",
            format!("Say a bit more: use at least {TITLE_MIN} characters."),
        ))
    } else if n > TITLE_MAX {
        Err(FieldError::new(
            "title",
            format!("Shorten the title to {TITLE_MAX} characters or fewer; it has {n}."),
        ))
    } else {
        Ok(t)
    }
}

/// A body, trimmed, or the problem.
pub fn body(body: &str, what: &str) -> Result<String, FieldError> {
    let b = crate::tracking::validate::multi_line(body);
    let n = b.chars().count();
    if n == 0 {
        Err(FieldError::new("body", format!("Write your {what}.")))
    } else if n > BODY_MAX {
        Err(FieldError::new(
            "body",
            format!("Shorten your {what} to {BODY_MAX} characters or fewer; it has {n}."),
        ))
    } else {
        Ok(b)
    }
}

/// Tags as typed ("Billing, invoices") to a clean list, or the problem.
pub fn tags(tags: &str) -> Result<Vec<String>, FieldError> {
    let list = crate::faq::validate::parse_tags(tags);
    if list.len() > TAGS_MAX {
        return Err(FieldError::new(
            "tags",
            format!("Use at most {TAGS_MAX} tags (there are {}).", list.len()),
        ));
    }
    if let Some(t) = list.iter().find(|t| t.chars().count() > TAG_MAX) {
        return Err(FieldError::new(
            "tags",
            format!("Shorten the tag “{t}” to {TAG_MAX} characters or fewer."),
        ));
    }
    Ok(list)
}

/// How many links a rendered post carries: every link to another site (however it was
/// written: `https://…`, `//host`, a reference used twice), and every address pasted as text.
/// Links within a page (`#…`) and to this site (`/…`) don't count.
pub fn links(html: &str) -> usize {
    let mut count = 0;
    let mut outside = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a ") {
        outside.push_str(&rest[..i]);
        let anchor = &rest[i..];
        let href = anchor
            .find("href=\"")
            .map(|h| &anchor[h + 6..])
            .unwrap_or("#");
        let internal = href.starts_with('#') || (href.starts_with('/') && !href.starts_with("//"));
        if !internal {
            count += 1;
        }
        rest = anchor.find("</a>").map(|e| &anchor[e + 4..]).unwrap_or("");
    }
    outside.push_str(rest);
    let text = outside.to_lowercase();
    count
        + text.matches("http://").count()
        + text.matches("https://").count()
        + text
            .match_indices("www.")
            .filter(|(i, _)| !text[..*i].ends_with("://"))
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_one_line_within_limits() {
        assert_eq!(
            title("  How do I   change\nmy email? ").unwrap(),
            "How do I change my email?"
        );
        assert!(title("Help").unwrap_err().message.contains("at least"));
        assert!(title(&"a".repeat(151)).unwrap_err().message.contains("150"));
        assert_eq!(title(&"é".repeat(150)).unwrap().chars().count(), 150);
    }

    #[test]
    fn tags_are_few_and_short() {
        assert_eq!(
            tags("Billing, invoices, billing").unwrap(),
            ["billing", "invoices"]
        );
        assert!(tags("a,b,c,d,e,f").is_err());
        assert!(tags(&"x".repeat(26)).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn links_are_counted_however_they_are_written() {
        let n = |md: &str| links(&crate::faq::render::render(md).unwrap().html);
        assert_eq!(n("no links here, [a section](#x) or [a page](/faq)"), 0);
        assert_eq!(n("[a](https://a.example) and HTTP://b.example"), 2);
        assert_eq!(n("www.c.example and <https://www.d.example>"), 2);
        assert_eq!(n("[x](//spam.example) [y](https:/spam.example)"), 2);
        assert_eq!(
            n("[a][r] [b][r] [c][r]\n\n[r]: https://spam.example"),
            3,
            "a reference used thrice"
        );
    }
}
