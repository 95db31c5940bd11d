//! Wire types for satisfaction ratings.

use serde::{Deserialize, Serialize};

/// Longest comment with a rating, in characters.
pub const COMMENT_MAX: usize = 1000;
/// Days a rating can be changed after it was first given.
pub const CHANGEABLE_DAYS: i64 = 14;

/// The scores and what they mean, best last.
pub const SCORES: [(i64, &str); 5] = [
    (1, "Very poor"),
    (2, "Poor"),
    (3, "OK"),
    (4, "Good"),
    (5, "Excellent"),
];

/// A request's rating as its tracking page shows it (the comment stays with staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// 1 to 5.
    pub score: i64,
    /// First given.
    pub rated_at: i64,
    /// Until when it can be changed.
    pub changeable_until: i64,
    /// The testimonial's state: none, pending, approved, rejected or withdrawn.
    pub testimonial: String,
    /// How the customer chose to be named ("initial", "first", "anonymous").
    pub name_choice: String,
}

/// A low rating waiting for follow-up, as the staff queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Tracking code, grouped.
    pub code: String,
    /// Subject.
    pub subject: String,
    /// 1 or 2.
    pub score: i64,
    /// What the customer wrote (text).
    pub comment: String,
    /// Rated at.
    pub rated_at: i64,
}

/// How a testimonial's author is named.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameShown {
    /// "Ada L." (the default).
    #[default]
    FirstAndInitial,
    /// "Ada".
    FirstOnly,
    /// "A customer".
    Anonymous,
}

impl NameShown {
    /// From the form.
    pub fn parse(s: &str) -> Option<NameShown> {
        match s {
            "" | "initial" => Some(NameShown::FirstAndInitial),
            "first" => Some(NameShown::FirstOnly),
            "anonymous" => Some(NameShown::Anonymous),
            _ => None,
        }
    }

    /// The form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            NameShown::FirstAndInitial => "initial",
            NameShown::FirstOnly => "first",
            NameShown::Anonymous => "anonymous",
        }
    }

    /// The name shown, from the name the request was filed under.
    pub fn apply(self, full_name: &str) -> String {
        let mut words = full_name.split_whitespace();
        let first = words.next().unwrap_or("");
        match self {
            _ if first.is_empty() => "A customer".to_owned(),
            NameShown::FirstAndInitial => match words.last().and_then(|l| l.chars().next()) {
                Some(initial) => format!("{first} {}.", initial.to_uppercase()),
                None => first.to_owned(),
            },
            NameShown::FirstOnly => first.to_owned(),
            NameShown::Anonymous => "A customer".to_owned(),
        }
    }
}

/// A published testimonial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testimonial {
    /// The customer's words, as they wrote them (text).
    pub comment: String,
    /// 1 to 5.
    pub score: i64,
    /// The name they chose to show.
    pub name: String,
    /// The request's category.
    pub category: String,
    /// Rated at.
    pub rated_at: i64,
    /// Days from filing to resolution (the "verified" badge).
    pub resolved_in_days: i64,
}

/// What `/testimonials` shows: the published ones, and figures over every rating.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TestimonialsPage {
    /// Newest first.
    pub testimonials: Vec<Testimonial>,
    /// Every rating given, published or not.
    pub ratings: i64,
    /// Their average (0 when there are none).
    pub average: f64,
}

/// A testimonial as staff moderate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestimonialReview {
    /// The request (for the form).
    pub request_id: i64,
    /// Tracking code, grouped.
    pub code: String,
    /// pending, approved, rejected or withdrawn.
    pub state: String,
    /// The customer's words.
    pub comment: String,
    /// 1 to 5.
    pub score: i64,
    /// The name they chose to show.
    pub name: String,
    /// Last changed by the customer.
    pub updated_at: i64,
    /// Why it was rejected (staff only).
    pub reject_reason: String,
}

/// The staff testimonials page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    /// Who is looking.
    pub me: crate::staff::model::StaffUser,
    /// Waiting first, then the rest.
    pub items: Vec<TestimonialReview>,
    /// Server time.
    pub now: i64,
}

/// Periods the satisfaction report can cover, in days (0: all time).
pub const PERIODS: [(i64, &str); 5] = [
    (7, "Last 7 days"),
    (30, "Last 30 days"),
    (90, "Last 90 days"),
    (365, "Last 12 months"),
    (0, "All time"),
];

/// CSAT figures for one group of ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsatRow {
    /// The category's or agent's name.
    pub label: String,
    /// Ratings.
    pub count: i64,
    /// Their average score.
    pub average: f64,
    /// The share rated 4 or 5, from 0 to 1.
    pub satisfied: f64,
}

/// `/staff/satisfaction`'s data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionReport {
    /// Who is looking.
    pub me: crate::staff::model::StaffUser,
    /// The period, in days (0: all time).
    pub days: i64,
    /// Every rating in the period.
    pub total: CsatRow,
    /// By the request's category.
    pub by_category: Vec<CsatRow>,
    /// By the request's assignee.
    pub by_agent: Vec<CsatRow>,
    /// Low ratings (1–2) in the period, newest first, with whether they were followed up.
    pub low: Vec<(FollowUp, bool)>,
    /// Server time.
    pub now: i64,
}
