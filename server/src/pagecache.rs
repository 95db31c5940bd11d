//! A short-lived, write-invalidated cache of rendered public pages: tracking pages and help
//! articles.
//!
//! The tracking page is the most-read page by far and changes only when someone posts (a
//! staff update, a customer reply), and every state change in Waybill is a POST. So a
//! rendered page is kept for a few seconds and dropped by any POST that succeeds (a refused
//! one changed nothing, and must not empty the cache at will): a reader never sees a
//! page older than the last change, and the only staleness is in relative times ("5 minutes
//! ago") and the moment a request turns late, both bounded by the time to live.
//!
//! Each response still gets its own CSP nonce: the cached body is kept split around the
//! nonce it was rendered with, and joined again with the nonce of the request being served.
//! The cache is per process; several processes behind one database would each keep their
//! own, so there the time to live bounds how long a change takes to show everywhere.

use app::{tracking::code::TrackingCode, CspNonce};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

/// The most pages kept; past it the cache starts over (a page is a few KB).
const MAX_ENTRIES: usize = 4096;
/// The largest page kept.
const MAX_PAGE_BYTES: usize = 256 * 1024;

/// The cache, shared by every request.
#[derive(Debug, Default)]
pub struct PageCache {
    ttl: Duration,
    /// Bumped by every state-changing request.
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

#[derive(Debug, Clone)]
struct Entry {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    /// The body, split where the nonce was.
    parts: Arc<Vec<Bytes>>,
}

impl PageCache {
    /// A cache keeping pages for `ttl`; zero turns it off.
    pub fn new(ttl: Duration) -> Arc<Self> {
        Arc::new(Self {
            ttl,
            ..Self::default()
        })
    }

    fn get(&self, key: &str) -> Option<Entry> {
        let generation = self.generation.load(Ordering::Acquire);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|e| e.generation == generation && e.at.elapsed() < self.ttl)
            .cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, entry);
    }

    /// Forgets every page (something changed).
    fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The cache key for a request, if its page may be cached: a GET without a query (a query
/// carries one-off messages such as "reply sent") of a tracking page at its canonical
/// address, the help index or a help article.
fn cache_key(req: &Request) -> Option<String> {
    if req.method() != Method::GET || req.uri().query().is_some() {
        return None;
    }
    let path = req.uri().path();
    if let Some(code) = path.strip_prefix("/track/") {
        let canonical = TrackingCode::parse(code).ok()?.display();
        return (canonical == code).then(|| path.to_owned());
    }
    if path == "/faq" {
        return Some(path.to_owned());
    }
    let slug = path.strip_prefix("/faq/")?;
    let plain = !slug.is_empty()
        && slug.len() <= 80
        && slug != "search"
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plain.then(|| path.to_owned())
}

/// Whether a post to `path` can change a page this cache keeps. Community posts, votes and
/// account forms can't (no kept page shows them), and they are frequent; server functions
/// only read (every change is a form post), and anyone may call them: they leave it be.
fn changes_cached_pages(path: &str) -> bool {
    !["/community/", "/account/", "/api/"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// The middleware: serves cached tracking pages, caches fresh ones, and forgets them all
/// after any request that may change state.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let touches_cached = changes_cached_pages(req.uri().path());
        let res = next.run(req).await;
        // A refused post (a mistake, a missing session, an unknown address) changed nothing,
        // and must not let anyone empty the cache at will.
        if res.status().as_u16() < 400 && touches_cached {
            cache.invalidate();
        }
        return res;
    }
    let (Some(key), Some(nonce)) = (
        cache_key(&req).filter(|_| !cache.ttl.is_zero()),
        req.extensions().get::<CspNonce>().map(|n| n.0.clone()),
    ) else {
        return next.run(req).await;
    };
    if let Some(hit) = cache.get(&key) {
        return respond(&hit.headers, &hit.parts, &nonce);
    }
    let generation = cache.generation.load(Ordering::Acquire);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (head, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!("rendering a tracking page failed: {e}");
            let mut res = Response::new(Body::from("Something went wrong. Please reload."));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return res;
        }
    };
    if bytes.len() > MAX_PAGE_BYTES {
        return Response::from_parts(head, Body::from(bytes));
    }
    let parts = Arc::new(split(&bytes, nonce.as_bytes()));
    cache.put(
        key,
        Entry {
            generation,
            at: Instant::now(),
            headers: head.headers.clone(),
            parts,
        },
    );
    Response::from_parts(head, Body::from(bytes))
}

/// A response from a cached page, with `nonce` where the old one was.
fn respond(headers: &HeaderMap, parts: &[Bytes], nonce: &str) -> Response {
    let mut body = Vec::with_capacity(parts.iter().map(Bytes::len).sum::<usize>() + 64);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            body.extend_from_slice(nonce.as_bytes());
        }
        body.extend_from_slice(part);
    }
    let mut res = Response::new(Body::from(body));
    *res.headers_mut() = headers.clone();
    res.headers_mut().remove(header::CONTENT_LENGTH);
    res
}

/// `bytes` split around each occurrence of `needle`.
fn split(bytes: &Bytes, needle: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while !needle.is_empty() && i + needle.len() <= bytes.len() {
        if &bytes[i..i + needle.len()] == needle {
            parts.push(bytes.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(bytes.slice(start..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_join_swap_the_nonce() {
        let page = Bytes::from_static(b"<script nonce=\"abc\">x</script><link nonce=\"abc\">");
        let parts = split(&page, b"abc");
        assert_eq!(parts.len(), 3);
        let res = respond(&HeaderMap::new(), &parts, "XYZ9");
        let body = body_text(res);
        assert_eq!(
            body,
            "<script nonce=\"XYZ9\">x</script><link nonce=\"XYZ9\">"
        );
    }

    fn body_text(res: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(axum::body::to_bytes(res.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn community_and_account_posts_leave_kept_pages_alone() {
        assert!(!changes_cached_pages("/community/3/why-was-i-charged"));
        assert!(!changes_cached_pages("/community/ask"));
        assert!(!changes_cached_pages("/account/login"));
        assert!(!changes_cached_pages("/api/track"));
        assert!(changes_cached_pages("/staff/requests/ABCD-EFGH-JKMN-PQRS"));
        assert!(changes_cached_pages("/staff/moderation"));
        assert!(changes_cached_pages("/faq/lost-code"));
        assert!(changes_cached_pages("/track/ABCD-EFGH-JKMN-PQRS"));
    }

    #[test]
    fn only_canonical_tracking_pages_without_a_query_are_cached() {
        let code = app::tracking::store::new_code().display();
        let req = |method: Method, uri: String| {
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .unwrap()
        };
        assert_eq!(
            cache_key(&req(Method::GET, format!("/track/{code}"))),
            Some(format!("/track/{code}"))
        );
        assert_eq!(
            cache_key(&req(Method::GET, format!("/track/{}", code.to_lowercase()))),
            None
        );
        assert_eq!(
            cache_key(&req(Method::GET, format!("/track/{code}?replied=1"))),
            None
        );
        assert_eq!(
            cache_key(&req(Method::POST, format!("/track/{code}"))),
            None
        );
        assert_eq!(cache_key(&req(Method::GET, "/staff".into())), None);
        assert_eq!(
            cache_key(&req(Method::GET, "/faq/lost-code".into())),
            Some("/faq/lost-code".into())
        );
        assert_eq!(cache_key(&req(Method::GET, "/faq/search".into())), None);
        assert_eq!(cache_key(&req(Method::GET, "/faq/search?q=x".into())), None);
        assert_eq!(
            cache_key(&req(Method::GET, "/faq/Lost%20code".into())),
            None
        );
    }
}
