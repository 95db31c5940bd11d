//! The benchmark's search figure: FAQ search latency over 100,000 generated published articles
//! for a query that matches about 1% of them. Usage: `faq_search [ARTICLES]`.

use app::{db::Db, faq::search::search, seed::Rng};
use std::time::{Duration, Instant};

/// A made-up word: syllables chosen by `n`.
fn word(n: u64) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa", "gu", "fe", "zo", "bi", "ha",
        "ju",
    ];
    let mut n = n;
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYLLABLES[(n % 16) as usize]);
        n /= 16;
    }
    w
}

#[tokio::main]
async fn main() {
    let articles: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!(
        "sqlite://{}",
        dir.path().join("search.db").display()
    ))
    .await
    .expect("database");
    let started = Instant::now();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut tx = db.write.begin().await.expect("begin");
    sqlx_exec(
        &mut tx,
        "INSERT INTO faq_categories (slug, name) VALUES ('bench', 'Bench')",
    )
    .await;
    for i in 0..articles {
        // 1 in 100 articles mentions the word searched for.
        let rare = if i % 100 == 7 { " zephyrine" } else { "" };
        let title: Vec<String> = (0..5).map(|_| word(rng.next_u64() % 4096)).collect();
        let body: Vec<String> = (0..120).map(|_| word(rng.next_u64() % 4096)).collect();
        let body = format!("{}{rare} {}", body[..60].join(" "), body[60..].join(" "));
        app::sqlx::query(
            "INSERT INTO faq_articles (slug, title, summary, category_id, tags, state, body_md, \
             body_html, body_text, created_at, updated_at) \
             VALUES (?, ?, ?, 1, '', 'published', ?, '', ?, 0, 0)",
        )
        .bind(format!("a-{i}"))
        .bind(title.join(" "))
        .bind(title[..3].join(" "))
        .bind(&body)
        .bind(&body)
        .execute(&mut *tx)
        .await
        .expect("insert");
    }
    tx.commit().await.expect("commit");
    app::sqlx::query("INSERT INTO faq_search (faq_search) VALUES ('optimize')")
        .execute(&db.write)
        .await
        .expect("optimize");
    // The server checkpoints the WAL in the background every few seconds; do the same here.
    app::sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&db.write)
        .await
        .expect("checkpoint");
    eprintln!("built {articles} articles in {:.1?}", started.elapsed());

    let matching = search(&db.read, "zephyrine", 20)
        .await
        .expect("search")
        .hits
        .len();
    assert_eq!(matching, 20, "the query must match");
    let mut times: Vec<Duration> = Vec::new();
    for i in 0..1000 {
        let q = if i % 2 == 0 { "zephyrine" } else { "zephyr" };
        let t = Instant::now();
        let r = search(&db.read, q, 20).await.expect("search");
        times.push(t.elapsed());
        assert!(!r.hits.is_empty());
    }
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    println!(
        "search over {articles} articles, query matching {}: p50 {:.2} ms, p99 {:.2} ms",
        articles / 100,
        pct(50).as_secs_f64() * 1000.0,
        pct(99).as_secs_f64() * 1000.0
    );
}

async fn sqlx_exec(tx: &mut app::sqlx::Transaction<'_, app::sqlx::Sqlite>, sql: &str) {
    app::sqlx::query(sql).execute(&mut **tx).await.expect(sql);
}
