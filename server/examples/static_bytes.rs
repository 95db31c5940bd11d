//! The benchmark's baseline: axum serving one file's bytes from memory, with the same
//! compression layer as Waybill. Usage: `static_bytes FILE ADDR`.

use axum::{http::header, routing::get, Router};
use tower_http::compression::CompressionLayer;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: static_bytes FILE ADDR");
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3201".into());
    let bytes: &'static [u8] = std::fs::read(&file).expect("read FILE").leak();
    let app = Router::new()
        .fallback(get(move || async move {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes)
        }))
        .layer(CompressionLayer::new());
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
