//! Fixed-window rate limits kept in memory, per key (a client address, an email).
//!
//! One process serves the portal, so memory is the right place; a deployment with several
//! processes would move these counters to the shared database.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Counts failures per key; past `limit` within `window` the key is refused until the window ends.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    entries: Mutex<HashMap<String, (Instant, u32)>>,
}

/// Keys kept before expired ones are swept.
const SWEEP_AT: usize = 10_000;

impl RateLimiter {
    /// Allows `limit` counted events per key in each `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `key` has used up its allowance.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((start, count)) if *count >= self.limit && start.elapsed() < self.window => {
                Err((self.window - start.elapsed()).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts one event for `key`.
    pub fn hit(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= SWEEP_AT {
            let window = self.window;
            entries.retain(|_, (start, _)| start.elapsed() < window);
        }
        let now = Instant::now();
        let entry = entries.entry(key.to_owned()).or_insert((now, 0));
        if entry.0.elapsed() >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }

    /// Counts one attempt for every (limiter, key) pair, unless one of them is used up:
    /// then nothing is counted and the caller is told to wait (429).
    pub fn spend(pairs: &[(&RateLimiter, &str)]) -> Result<(), crate::error::AppError> {
        for (limiter, key) in pairs {
            if let Err(retry_after_secs) = limiter.check(key) {
                return Err(crate::error::AppError::RateLimited { retry_after_secs });
            }
        }
        for (limiter, key) in pairs {
            limiter.hit(key);
        }
        Ok(())
    }

    /// Forgets `key` (after a successful sign-in, say).
    pub fn clear(&self, key: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_and_recovers() {
        let rl = RateLimiter::new(2, Duration::from_millis(50));
        assert!(rl.check("a").is_ok());
        rl.hit("a");
        rl.hit("a");
        assert!(rl.check("a").is_err());
        assert!(rl.check("b").is_ok(), "keys are separate");
        std::thread::sleep(Duration::from_millis(60));
        assert!(rl.check("a").is_ok());
    }
}
