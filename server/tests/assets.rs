//! The browser bundle is sent precompressed (brotli 11 from the build), not compressed per request.

use tower::ServiceExt;

#[tokio::test]
async fn precompressed_assets_are_sent_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("waybill.js"), "x".repeat(10_000)).unwrap();
    std::fs::write(pkg.join("waybill.js.br"), b"precompressed").unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let config = server::Config {
        database_url: url,
        seed: false,
        secure_cookies: false,
        page_cache: std::time::Duration::ZERO,
    };
    let db = server::prepare(&config).await.unwrap();
    let leptos = leptos::prelude::LeptosOptions::builder()
        .output_name("waybill")
        .site_root(dir.path().join("site").display().to_string())
        .build();
    let app = server::router(app::state::AppState::new(leptos, db, false));
    let get = |enc: &'static str| {
        axum::http::Request::builder()
            .uri("/pkg/waybill.js")
            .header("accept-encoding", enc)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let res = app.clone().oneshot(get("gzip, br")).await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    assert_eq!(&body[..], b"precompressed");
    let plain = app.oneshot(get("identity")).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        axum::body::to_bytes(plain.into_body(), 1 << 20)
            .await
            .unwrap()
            .len(),
        10_000
    );
}
