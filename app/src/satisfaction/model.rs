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
