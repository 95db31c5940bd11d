//! The Waybill HTTP server: routes, middleware and start-up, as a library so that tests can
//! start the real app on an isolated database.

pub mod pagecache;
pub mod security;

use app::{db::Db, state::AppState};
use axum::{
    extract::DefaultBodyLimit, http::StatusCode, response::IntoResponse, routing::get, Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{compression::CompressionLayer, services::ServeDir, trace::TraceLayer};

/// Largest request body accepted anywhere, in bytes.
pub const BODY_LIMIT: usize = app::forms::MAX_FORM_BYTES;

/// Options for a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite URL, such as `sqlite://data/waybill.db`.
    pub database_url: String,
    /// Seed demo content into an empty database.
    pub seed: bool,
    /// Send cookies with `Secure` (serve over https).
    pub secure_cookies: bool,
    /// How long a rendered tracking page is kept (zero: not at all).
    pub page_cache: std::time::Duration,
}

/// Opens the database, creates the first admin and the demo content if the database is new.
pub async fn prepare(config: &Config) -> Result<Db, app::error::AppError> {
    let db = Db::open(&config.database_url).await?;
    if let Some((email, password)) = app::seed::ensure_admin(&db).await? {
        tracing::warn!(
            "created the first staff account: {email} with password {password} (shown once; \
             sign in at /staff/login and keep it safe)"
        );
    }
    if config.seed && app::seed::seed_demo(&db).await? {
        tracing::info!("seeded demo content");
    }
    Ok(db)
}

/// The whole app: pages, form posts, server functions, static files and middleware.
pub fn router(state: AppState) -> Router {
    let options = state.leptos.clone();
    let routes = route_list();
    let site_root = options.site_root.to_string();
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = options.clone();
                move || app::shell(options.clone())
            },
        )
        .merge(app::tracking::forms::routes())
        .merge(app::staff::forms::routes())
        .merge(app::faq::forms::routes())
        .merge(app::accounts::forms::routes())
        .merge(app::community::forms::routes())
        .merge(app::satisfaction::forms::routes())
        .route("/healthz", get(healthz))
        // The build writes .br and .gz next to each asset (see .ci/setup): they are sent as
        // they are, compressed once at the highest level instead of on every request.
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/{}", options.site_pkg_dir))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            app::shell,
        ))
        .with_state(state.clone());
    let cache = pagecache::PageCache::new(state.page_cache);
    pages
        .layer(axum::middleware::from_fn_with_state(
            cache,
            pagecache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            count_reads,
        ))
        .layer(axum::middleware::from_fn(security::same_origin))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// The app's routes, worked out once per process. Leptos works them out by rendering the app
/// with resource loading suspended through a process-wide flag; a resource first polled
/// meanwhile (a request being served by another router in the same process, as in the tests)
/// would wait forever (leptos-rs/leptos#4773).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// Counts every successful read of a help article, cached or not.
async fn count_reads(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let slug = (req.method() == axum::http::Method::GET)
        .then(|| req.uri().path().strip_prefix("/faq/").map(str::to_owned))
        .flatten()
        .filter(|s| s != "search" && !s.contains('/'));
    let res = next.run(req).await;
    if let (Some(slug), true) = (slug, res.status() == StatusCode::OK) {
        state.reads.add(&slug);
    }
    res
}

async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    match sqlx_ping(&state).await {
        true => (StatusCode::OK, "ok"),
        false => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

async fn sqlx_ping(state: &AppState) -> bool {
    app::tracking::store::categories(&state.db.read)
        .await
        .is_ok()
}
