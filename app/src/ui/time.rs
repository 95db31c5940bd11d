//! Dates and times in plain words ("Tue 8 Dec", "2 hours ago"), UTC, no dependencies.

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date and time of day in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0 = Monday.
    pub weekday: u32,
    pub hour: u32,
    pub minute: u32,
}

/// Unix seconds to a UTC calendar date (Howard Hinnant's days-from-civil, inverted).
pub fn civil(ts: i64) -> Civil {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        weekday: (days + 3).rem_euclid(7) as u32,
        hour: (secs / 3600) as u32,
        minute: (secs % 3600 / 60) as u32,
    }
}

/// "Tue 8 Dec".
pub fn short_date(ts: i64) -> String {
    let c = civil(ts);
    format!(
        "{} {} {}",
        WEEKDAYS[c.weekday as usize],
        c.day,
        MONTHS[(c.month - 1) as usize]
    )
}

/// "Tue 8 Dec 2026, 14:05 UTC".
pub fn full(ts: i64) -> String {
    let c = civil(ts);
    format!(
        "{} {}, {:02}:{:02} UTC",
        short_date(ts),
        c.year,
        c.hour,
        c.minute
    )
}

/// An RFC 3339 timestamp for `<time datetime>`.
pub fn iso(ts: i64) -> String {
    let c = civil(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
        c.year, c.month, c.day, c.hour, c.minute
    )
}

/// "between Tue 8 and Thu 10 Dec", "on Tue 8 Dec", "between Mon 30 Nov and Wed 2 Dec".
pub fn window_words(lo: i64, hi: i64) -> String {
    let (a, b) = (civil(lo), civil(hi));
    if (a.year, a.month, a.day) == (b.year, b.month, b.day) {
        format!("on {}", short_date(lo))
    } else if (a.year, a.month) == (b.year, b.month) {
        format!(
            "between {} {} and {}",
            WEEKDAYS[a.weekday as usize],
            a.day,
            short_date(hi)
        )
    } else {
        format!("between {} and {}", short_date(lo), short_date(hi))
    }
}

/// "just now", "5 minutes ago", "in 3 days".
pub fn relative(ts: i64, now: i64) -> String {
    let d = now - ts;
    let (n, future) = (d.abs(), d < 0);
    let text = match n {
        0..=59 => return "just now".into(),
        60..=3599 => count(n / 60, "minute"),
        3600..=86_399 => count(n / 3600, "hour"),
        _ => count(n / 86_400, "day"),
    };
    if future {
        format!("in {text}")
    } else {
        format!("{text} ago")
    }
}

/// "3 hours", "2 days": a duration in whole units, hours up to two days.
pub fn duration(secs: i64) -> String {
    let n = secs.abs();
    match n {
        0..=3599 => count((n / 60).max(1), "minute"),
        3600..=172_799 => count(n / 3600, "hour"),
        _ => count(n / 86_400, "day"),
    }
}

/// "1 day", "3 days".
pub fn count(n: i64, name: &str) -> String {
    if n == 1 {
        format!("1 {name}")
    } else {
        format!("{n} {name}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-08 14:05 UTC is a Tuesday.
    const T: i64 = 1_796_738_700;

    #[test]
    fn calendar() {
        let c = civil(T);
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute),
            (2026, 12, 8, 14, 5)
        );
        assert_eq!(short_date(T), "Tue 8 Dec");
        assert_eq!(full(T), "Tue 8 Dec 2026, 14:05 UTC");
        assert_eq!(iso(T), "2026-12-08T14:05:00Z");
        assert_eq!(short_date(0), "Thu 1 Jan");
    }

    #[test]
    fn windows_in_words() {
        assert_eq!(
            window_words(T, T + 2 * 86_400),
            "between Tue 8 and Thu 10 Dec"
        );
        assert_eq!(window_words(T, T + 3600), "on Tue 8 Dec");
        assert_eq!(
            window_words(T - 9 * 86_400, T),
            "between Sun 29 Nov and Tue 8 Dec"
        );
    }

    #[test]
    fn relative_times() {
        assert_eq!(relative(T, T + 30), "just now");
        assert_eq!(relative(T, T + 7200), "2 hours ago");
        assert_eq!(relative(T + 86_400 * 3, T), "in 3 days");
        assert_eq!(duration(90_000), "25 hours");
        assert_eq!(duration(47 * 3600 + 59 * 60), "47 hours");
        assert_eq!(duration(3 * 86_400), "3 days");
    }
}
