//! The expected resolution window: an earliest–latest range that is honest about uncertainty.
//!
//! It rests on the actual resolution times of similar resolved requests (same category), counted
//! in "active" time, that is, without the time spent waiting on the customer. Once a request has
//! been open for a while, only similar requests that took at least that long still say anything
//! about it, so the window is drawn from that conditional spread (10th–90th percentile). With too
//! little history it falls back to the category's SLA target. While the request waits on the
//! customer the clock is paused and the window moves with every day of waiting.

use serde::{Deserialize, Serialize};

/// Fewest similar resolved requests for the window to rest on history rather than the SLA.
pub const MIN_HISTORY: usize = 5;
/// Fewest similar requests that took at least as long as this one has been open so far.
const MIN_CONDITIONAL: usize = 3;
const DAY: i64 = 86_400;

/// What the estimate is computed from. All times are unix seconds.
#[derive(Debug, Clone)]
pub struct WindowInput<'a> {
    /// When the request was filed.
    pub created_at: i64,
    /// The moment the estimate is for.
    pub now: i64,
    /// Time already spent waiting on the customer (closed pauses).
    pub paused_seconds: i64,
    /// Set while the request is waiting on the customer.
    pub paused_since: Option<i64>,
    /// The category's SLA target.
    pub sla_seconds: i64,
    /// Active resolution times of similar resolved requests, sorted ascending.
    pub history: &'a [i64],
}

/// What the window rests on, said to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// The spread of `similar` resolved requests, of which `comparable` took at least as long
    /// as this one has so far.
    History { similar: usize, comparable: usize },
    /// This request has already taken longer than nearly all of `similar` requests.
    LongerThanUsual { similar: usize },
    /// Too little history: the category's SLA target.
    Sla,
}

/// The expected window for an open request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Earliest expected resolution (unix seconds).
    pub earliest: i64,
    /// Latest expected resolution (unix seconds).
    pub latest: i64,
    /// What it rests on.
    pub basis: Basis,
    /// The clock is paused while we wait on the customer.
    pub paused: bool,
    /// The SLA target (moved by pauses) has passed.
    pub late: bool,
    /// The SLA target, moved by pauses (unix seconds).
    pub due_at: i64,
}

fn quantile(sorted: &[i64], q: f64) -> i64 {
    let idx = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// Computes the window. Pure: the same input gives the same window.
pub fn estimate(input: &WindowInput<'_>) -> Window {
    let current_pause = input
        .paused_since
        .map(|p| (input.now - p).max(0))
        .unwrap_or(0);
    let total_paused = input.paused_seconds + current_pause;
    // Active time so far: wall time minus every pause.
    let active = (input.now - input.created_at - total_paused).max(0);
    // A wall-clock moment for an active duration from filing.
    let at = |d: i64| input.created_at + total_paused + d;
    let due_at = at(input.sla_seconds);

    let (lo, hi, basis) = if input.history.len() >= MIN_HISTORY {
        let start = input.history.partition_point(|&d| d < active);
        let comparable = &input.history[start..];
        if comparable.len() >= MIN_CONDITIONAL {
            (
                quantile(comparable, 0.1),
                quantile(comparable, 0.9),
                Basis::History {
                    similar: input.history.len(),
                    comparable: comparable.len(),
                },
            )
        } else {
            (
                active,
                active + (input.sla_seconds / 2).max(2 * DAY),
                Basis::LongerThanUsual {
                    similar: input.history.len(),
                },
            )
        }
    } else {
        (
            (input.sla_seconds / 2).max(active),
            input.sla_seconds.max(active + DAY),
            Basis::Sla,
        )
    };
    let earliest = at(lo).max(input.now);
    let latest = at(hi).max(earliest + DAY / 2);
    Window {
        earliest,
        latest,
        basis,
        paused: input.paused_since.is_some(),
        late: input.now > due_at,
        due_at,
    }
}

/// Why a window moved between two estimates, in plain words; `None` if it did not move by a
/// day or more.
pub fn why_moved(before: (i64, i64), after: &Window, paused_between: i64) -> Option<String> {
    let moved = (after.earliest - before.0).abs() >= DAY || (after.latest - before.1).abs() >= DAY;
    if !moved {
        return None;
    }
    let later = after.latest > before.1;
    Some(if paused_between >= DAY / 2 && later {
        let days = (paused_between + DAY / 2) / DAY;
        format!(
            "It moved later because the clock was paused for {} while we waited on your reply.",
            crate::ui::time::count(days.max(1), "day")
        )
    } else if matches!(after.basis, Basis::LongerThanUsual { .. }) {
        "It moved later because your request is taking longer than almost all similar ones.".into()
    } else if later {
        "It moved later because your request is taking longer than most similar ones.".into()
    } else {
        "It moved earlier because similar requests have recently been resolved faster.".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3600;

    fn input(history: &[i64]) -> WindowInput<'_> {
        WindowInput {
            created_at: 1_000_000,
            now: 1_000_000 + H,
            paused_seconds: 0,
            paused_since: None,
            sla_seconds: 3 * DAY,
            history,
        }
    }

    #[test]
    fn falls_back_to_sla_without_history() {
        let w = estimate(&input(&[]));
        assert_eq!(w.basis, Basis::Sla);
        assert_eq!(w.latest, 1_000_000 + 3 * DAY);
        assert!(!w.late);
    }

    #[test]
    fn rests_on_history_spread() {
        let history: Vec<i64> = (1..=100).map(|i| i * H).collect();
        let w = estimate(&input(&history));
        assert!(matches!(w.basis, Basis::History { similar: 100, .. }));
        assert!(w.earliest >= 1_000_000 + H);
        assert!(w.latest - 1_000_000 >= 85 * H && w.latest - 1_000_000 <= 95 * H);
    }

    #[test]
    fn conditional_on_time_already_open() {
        let history: Vec<i64> = (1..=100).map(|i| i * H).collect();
        let mut inp = input(&history);
        inp.now = 1_000_000 + 80 * H;
        let w = estimate(&inp);
        match w.basis {
            Basis::History { comparable, .. } => assert_eq!(comparable, 21),
            other => panic!("{other:?}"),
        }
        assert!(w.earliest >= inp.now);
    }

    #[test]
    fn pause_moves_window_and_is_reported() {
        let mut inp = input(&[]);
        inp.paused_since = Some(1_000_000 + H);
        inp.now = 1_000_000 + H + 2 * DAY;
        let before = estimate(&input(&[]));
        let w = estimate(&inp);
        assert!(w.paused);
        assert_eq!(w.latest, before.latest + 2 * DAY);
        let why = why_moved((before.earliest, before.latest), &w, 2 * DAY).unwrap();
        assert!(why.contains("paused for 2 days"), "{why}");
    }

    #[test]
    fn late_when_past_target() {
        let mut inp = input(&[]);
        inp.now = 1_000_000 + 4 * DAY;
        let w = estimate(&inp);
        assert!(w.late);
        assert!(w.earliest >= inp.now);
    }

    #[test]
    fn small_moves_are_not_reported() {
        let w = estimate(&input(&[]));
        assert_eq!(why_moved((w.earliest + 60, w.latest), &w, 0), None);
    }
}
