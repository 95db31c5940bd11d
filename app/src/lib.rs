//! Waybill: a self-service customer portal. This crate holds the pages, components, server
//! functions and, behind the `ssr` feature, the store code. It is built in Leptos islands
//! mode: pages are rendered on the server and only the few interactive islands ship as wasm.

#![recursion_limit = "256"]

pub mod accounts;
pub mod community;
pub mod error;
pub mod faq;
pub mod satisfaction;
pub mod staff;
pub mod tracking;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod ctx;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod ratelimit;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;
/// The database toolkit, re-exported for the server and its tests.
#[cfg(feature = "ssr")]
pub use sqlx;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(nonce) = ctx::parts().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The per-response CSP nonce, put in the request's extensions by the security middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/waybill.css"/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("") view=tracking::pages::HomePage ssr=SsrMode::Async/>
                <Route path=path!("requests/new") view=tracking::pages::NewRequestPage ssr=SsrMode::Async/>
                <Route path=path!("requests/filed/:code") view=tracking::pages::FiledPage ssr=SsrMode::Async/>
                <Route path=path!("track") view=tracking::pages::TrackLookupPage ssr=SsrMode::Async/>
                <Route path=path!("track/:code") view=tracking::pages::TrackPage ssr=SsrMode::Async/>
                <Route path=path!("staff/login") view=staff::pages::LoginPage ssr=SsrMode::Async/>
                <Route path=path!("staff") view=staff::pages::QueuePage ssr=SsrMode::Async/>
                <Route path=path!("staff/requests/:code") view=staff::pages::RequestPage ssr=SsrMode::Async/>
                <Route path=path!("faq") view=faq::pages::FaqIndexPage ssr=SsrMode::Async/>
                <Route path=path!("faq/search") view=faq::pages::SearchPage ssr=SsrMode::Async/>
                <Route path=path!("faq/:slug") view=faq::pages::ArticlePage ssr=SsrMode::Async/>
                <Route path=path!("staff/faq") view=faq::staff_pages::StaffFaqPage ssr=SsrMode::Async/>
                <Route path=path!("staff/faq/new") view=faq::staff_pages::EditorPage ssr=SsrMode::Async/>
                <Route path=path!("staff/faq/:id") view=faq::staff_pages::EditorPage ssr=SsrMode::Async/>
                <Route path=path!("staff/faq/:id/revisions/:rev") view=faq::staff_pages::RevisionPage ssr=SsrMode::Async/>
                <Route path=path!("community") view=community::pages::ListPage ssr=SsrMode::Async/>
                <Route path=path!("community/ask") view=community::compose::AskPage ssr=SsrMode::Async/>
                <Route path=path!("community/:id") view=community::pages::QuestionPageView ssr=SsrMode::Async/>
                <Route path=path!("community/:id/:slug") view=community::pages::QuestionPageView ssr=SsrMode::Async/>
                <Route path=path!("community/posts/:id/edit") view=community::compose::EditPage ssr=SsrMode::Async/>
                <Route path=path!("account/signup") view=accounts::pages::SignupPage ssr=SsrMode::Async/>
                <Route path=path!("account/confirm") view=accounts::pages::ConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("account/login") view=accounts::pages::LoginPage ssr=SsrMode::Async/>
                <Route path=path!("account/password") view=accounts::pages::PasswordPage ssr=SsrMode::Async/>
                <Route path=path!("staff/moderation") view=community::staff_pages::ModerationPage ssr=SsrMode::Async/>
                <Route path=path!("testimonials") view=satisfaction::pages::TestimonialsPageView ssr=SsrMode::Async/>
                <Route path=path!("staff/testimonials") view=satisfaction::pages::StaffTestimonialsPage ssr=SsrMode::Async/>
                <Route path=path!("staff/satisfaction") view=satisfaction::pages::SatisfactionPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

/// Any path that is not a page: 404.
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <ui::Page title="Page not found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. " <a href="/">"Go to the start page"</a> "."</p>
        </ui::Page>
    }
}

/// The browser entry point: hydrate the islands.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
