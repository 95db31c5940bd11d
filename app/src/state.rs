//! Server state shared by every handler, provided to Leptos as context.

use crate::{db::Db, ratelimit::RateLimiter};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Limits on guessing.
#[derive(Debug)]
pub struct Limits {
    /// Failed tracking lookups (typos and unknown codes) per client address.
    pub lookups: RateLimiter,
    /// Failed staff sign-ins per client address.
    pub login_by_addr: RateLimiter,
    /// Failed staff sign-ins per email.
    pub login_by_email: RateLimiter,
    /// Failed "prove it's you" email checks on tracking pages, per client address.
    pub email_checks: RateLimiter,
    /// "Was this helpful?" votes per client address.
    pub votes: RateLimiter,
    /// Sign-ups per client address (every attempt counts).
    pub signups: RateLimiter,
    /// Sign-ups per email address: nobody can flood an inbox with confirmation mail.
    pub signups_by_email: RateLimiter,
    /// Community questions and answers per account.
    pub posts_by_account: RateLimiter,
    /// Community questions and answers per client address.
    pub posts_by_addr: RateLimiter,
    /// Community votes and flags per account.
    pub votes_by_account: RateLimiter,
    /// Community votes and flags per client address.
    pub votes_by_addr: RateLimiter,
}

impl Default for Limits {
    fn default() -> Self {
        let min = |m: u64| Duration::from_secs(60 * m);
        Self {
            lookups: RateLimiter::new(20, min(10)),
            login_by_addr: RateLimiter::new(10, min(15)),
            login_by_email: RateLimiter::new(5, min(15)),
            email_checks: RateLimiter::new(10, min(15)),
            votes: RateLimiter::new(30, min(10)),
            signups: RateLimiter::new(5, min(60)),
            signups_by_email: RateLimiter::new(3, min(60)),
            posts_by_account: RateLimiter::new(10, min(10)),
            posts_by_addr: RateLimiter::new(20, min(10)),
            votes_by_account: RateLimiter::new(60, min(10)),
            votes_by_addr: RateLimiter::new(120, min(10)),
        }
    }
}

/// Sorted active resolution times per category, cached for a minute.
#[derive(Debug, Default)]
pub struct HistoryCache(Mutex<HashMap<i64, Spread>>);

/// When a spread was computed, and the spread.
type Spread = (Instant, Arc<Vec<i64>>);

impl HistoryCache {
    /// How long a cached spread is used.
    pub const TTL: Duration = Duration::from_secs(60);

    /// The cached spread for `category`, if fresh.
    pub fn get(&self, category: i64) -> Option<Arc<Vec<i64>>> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&category)
            .filter(|(at, _)| at.elapsed() < Self::TTL)
            .map(|(_, v)| v.clone())
    }

    /// Stores a spread.
    pub fn put(&self, category: i64, history: Arc<Vec<i64>>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(category, (Instant::now(), history));
    }

    /// Drops a category's spread (a request in it was just resolved).
    pub fn invalidate(&self, category: i64) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&category);
    }
}

/// Reads of help articles, counted in memory on the request path and written to the
/// database now and then (see `faq::store::add_views`).
#[derive(Debug, Default)]
pub struct ReadCounter(Mutex<HashMap<String, i64>>);

impl ReadCounter {
    /// Counts one read of the article at `slug`.
    pub fn add(&self, slug: &str) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() < 100_000 || map.contains_key(slug) {
            *map.entry(slug.to_owned()).or_default() += 1;
        }
    }

    /// The reads counted since the last call.
    fn take(&self) -> Vec<(String, i64)> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
            .into_iter()
            .collect()
    }

    /// Writes the counted reads to the database.
    pub async fn flush(&self, db: &Db) {
        let reads = self.take();
        if !reads.is_empty() {
            if let Err(e) = crate::faq::store::add_views(db, &reads).await {
                tracing::warn!("article reads not saved: {e}");
            }
        }
    }
}

/// Everything a handler needs.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Leptos settings (site root, output name).
    pub leptos: LeptosOptions,
    /// The database.
    pub db: Db,
    /// Rate limits.
    pub limits: Arc<Limits>,
    /// Resolution-time spreads.
    pub history: Arc<HistoryCache>,
    /// Mark cookies `Secure` (serving over https).
    pub secure_cookies: bool,
    /// How long a rendered tracking page is served again until something changes (zero: never).
    pub page_cache: Duration,
    /// Reads of help articles not yet written to the database.
    pub reads: Arc<ReadCounter>,
    /// The address customers reach Waybill at, for links in mail (never taken from a
    /// request's Host header, which a client controls).
    pub public_url: String,
}

impl AppState {
    /// The default time a rendered tracking page is kept.
    pub const PAGE_CACHE: Duration = Duration::from_secs(10);

    /// State over an open database.
    pub fn new(leptos: LeptosOptions, db: Db, secure_cookies: bool) -> Self {
        Self {
            leptos,
            db,
            limits: Arc::default(),
            history: Arc::default(),
            secure_cookies,
            page_cache: Self::PAGE_CACHE,
            reads: Arc::default(),
            public_url: "http://127.0.0.1:3000".into(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
