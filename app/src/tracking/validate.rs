//! Input for filing a request and its validation. Shared by the form post and tests.

use super::model::Category;
use crate::error::{AppError, FieldError};
use serde::{Deserialize, Serialize};

/// Longest subject, in characters.
pub const SUBJECT_MAX: usize = 200;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 10_000;
/// Longest name, in characters.
pub const NAME_MAX: usize = 100;
/// Longest email address (RFC 5321).
pub const EMAIL_MAX: usize = 254;

/// The filing form as posted. Field names match the form's inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewRequest {
    pub name: String,
    pub email: String,
    pub category: String,
    pub subject: String,
    pub description: String,
    /// One per form: a retry of the same submission returns the same request.
    pub submission_key: String,
    /// A field people never see; bots fill it in.
    pub website: String,
}

/// A request that passed validation.
#[derive(Debug, Clone)]
pub struct ValidRequest {
    pub name: String,
    pub email: String,
    pub category: Category,
    pub subject: String,
    pub description: String,
    /// The form's key, if it sent a well-formed one.
    pub submission_key: Option<String>,
}

impl ValidRequest {
    /// The idempotency key stored with the request: the form's key together with everything
    /// that was typed. A retry of the same submission finds its request again; a changed
    /// submission (a corrected email, another request from a second tab that restored the
    /// same draft) is a new request.
    pub fn fingerprint(&self) -> Option<Vec<u8>> {
        let key = self.submission_key.as_ref()?;
        let mut bytes = Vec::new();
        for part in [
            key.as_str(),
            &self.email.to_lowercase(),
            &self.category.slug,
            &self.name,
            &self.subject,
            &self.description,
        ] {
            bytes.extend_from_slice(part.as_bytes());
            bytes.push(0);
        }
        Some(bytes)
    }
}

/// Checks an email address the way people need: one `@`, something before it, a dotted domain.
pub fn check_email(email: &str) -> Result<(), &'static str> {
    if email.is_empty() {
        return Err("Enter your email address, so that you can prove the request is yours.");
    }
    if email.chars().count() > EMAIL_MAX {
        return Err("This email address is too long.");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("Enter an email address like name@example.com (it has no @).");
    };
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        return Err("Enter an email address like name@example.com.");
    }
    Ok(())
}

/// Trims and collapses a one-line field; strips control characters.
pub fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Trims a multi-line field and normalises line endings; strips control characters but newlines and tabs.
pub fn multi_line(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A required text with a length limit.
pub fn check_text(errors: &mut Vec<FieldError>, field: &str, value: &str, what: &str, max: usize) {
    let n = value.chars().count();
    if n == 0 {
        errors.push(FieldError::new(field, format!("Enter {what}.")));
    } else if n > max {
        errors.push(FieldError::new(
            field,
            format!(
                "{} must be {max} characters or fewer; it has {n}.",
                capitalise(what)
            ),
        ));
    }
}

fn capitalise(s: &str) -> String {
    let s = s.trim_start_matches("a ").trim_start_matches("your ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl NewRequest {
    /// Validates every field at once, so the customer sees all problems together.
    pub fn validate(&self, categories: &[Category]) -> Result<ValidRequest, AppError> {
        let mut errors = Vec::new();
        let name = one_line(&self.name);
        check_text(&mut errors, "name", &name, "your name", NAME_MAX);
        let email = self.email.trim().to_owned();
        if let Err(m) = check_email(&email) {
            errors.push(FieldError::new("email", m));
        }
        let category = categories.iter().find(|c| c.slug == self.category).cloned();
        if category.is_none() {
            errors.push(FieldError::new(
                "category",
                "Choose what your request is about.",
            ));
        }
        let subject = one_line(&self.subject);
        check_text(&mut errors, "subject", &subject, "a subject", SUBJECT_MAX);
        let description = multi_line(&self.description);
        check_text(
            &mut errors,
            "description",
            &description,
            "a description",
            DESCRIPTION_MAX,
        );
        // A missing or mangled key is no reason to turn the customer away: the request is
        // filed, only without protection against a retry.
        let key_ok = (16..=64).contains(&self.submission_key.len())
            && self.submission_key.bytes().all(|b| b.is_ascii_hexdigit());
        if !self.website.is_empty() {
            errors.push(FieldError::new("website", "Leave this field empty."));
        }
        match (errors.is_empty(), category) {
            (true, Some(category)) => Ok(ValidRequest {
                name,
                email,
                category,
                subject,
                description,
                submission_key: key_ok.then(|| self.submission_key.to_ascii_lowercase()),
            }),
            _ => Err(AppError::Validation(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Vec<Category> {
        vec![Category {
            id: 1,
            slug: "billing".into(),
            name: "Billing".into(),
            description: String::new(),
            sla_hours: 48,
        }]
    }

    fn good() -> NewRequest {
        NewRequest {
            name: " Ada  Lovelace ".into(),
            email: "ada@example.com".into(),
            category: "billing".into(),
            subject: "Invoice".into(),
            description: "Line one\r\nLine two".into(),
            submission_key: "0123456789abcdef0123456789abcdef".into(),
            website: String::new(),
        }
    }

    #[test]
    fn accepts_and_normalises() {
        let v = good().validate(&cats()).unwrap();
        assert_eq!(v.name, "Ada Lovelace");
        assert_eq!(v.description, "Line one\nLine two");
    }

    #[test]
    fn reports_every_field() {
        let bad = NewRequest {
            subject: "x".repeat(SUBJECT_MAX + 1),
            ..NewRequest::default()
        };
        let err = bad.validate(&cats()).unwrap_err();
        assert_eq!(
            err.field_names(),
            ["name", "email", "category", "subject", "description"]
        );
        assert!(err.field_errors()[3]
            .message
            .contains("200 characters or fewer; it has 201"));
    }

    #[test]
    fn a_changed_submission_has_another_fingerprint() {
        let a = good().validate(&cats()).unwrap();
        let mut other = good();
        other.email = "ada@example.org".into();
        let b = other.validate(&cats()).unwrap();
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(
            a.fingerprint(),
            good().validate(&cats()).unwrap().fingerprint()
        );
        let mut keyless = good();
        keyless.submission_key = "not hex".into();
        assert_eq!(keyless.validate(&cats()).unwrap().fingerprint(), None);
    }

    #[test]
    fn email_rules() {
        assert!(check_email("a@b.co").is_ok());
        for bad in [
            "", "ab.co", "a@b", "@b.co", "a b@c.de", "a@@b.co", "<a@b.co>",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut r = good();
        r.subject = "é".repeat(SUBJECT_MAX);
        assert!(r.validate(&cats()).is_ok());
    }
}
