//! The page frame: skip link, header, main, footer.

use super::time;
use leptos::prelude::*;
use leptos_meta::Title;

/// A page with its title (shown as "<title> · Waybill").
#[component]
pub fn Page(#[prop(into)] title: String, children: Children) -> impl IntoView {
    // leptos_meta 0.8 writes the title into <head> without escaping it, so a subject like
    // `</title><script>…` would become markup: escape it here (the page is only ever rendered
    // on the server, so this is the one place the text is turned into HTML).
    let full = escape_text(&format!("{title} · Waybill"));
    view! {
        <Title text=full/>
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <a class="brand" href="/">"Waybill"</a>
            <nav aria-label="Main">
                <a href="/track">"Track a request"</a>
                <a href="/requests/new">"File a request"</a>
                <a href="/faq">"Help"</a>
                <a href="/community">"Community"</a>
                <a href="/staff">"Staff"</a>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site">
            <p>"Waybill: follow your request like a parcel. No account needed. "
                <a href="/testimonials">"What customers say"</a></p>
        </footer>
    }
}

/// A moment shown relative ("2 hours ago") and absolute ("Tue 8 Dec 2026, 14:05 UTC").
#[component]
pub fn When(at: i64, now: i64) -> impl IntoView {
    let absolute = time::full(at);
    let title = absolute.clone();
    view! {
        <time datetime=time::iso(at) title=title>
            {time::relative(at, now)}
            <span class="abs">" (" {absolute} ")"</span>
        </time>
    }
}

/// The route parameter `name` as a row id (0, which no row has, when it is not a number).
pub fn id_param(params: leptos_router::params::ParamsMap, name: &str) -> i64 {
    params
        .get(name)
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0)
}

/// A path kept to letters, digits, `/`, `-` and `_`: safe to put in a `?next=` and to follow
/// after sign-in (no scheme, query, fragment, backslash or control character survives).
pub fn plain_path(path: &str) -> String {
    path.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect()
}

/// Whether `path` is already a [`plain_path`] and stays on this site (`//host` does not).
pub fn is_plain_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && plain_path(path) == path
}

/// Escapes text for HTML (`&`, `<`, `>`, quotes).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
