//! The benchmark's community figure: how long a page of a question list takes over 100,000
//! public questions, for the first page and for pages deep in the list (reached by the keyset
//! cursor a "Next page" link carries), for each order and for a tag. Usage:
//! `community_pages [QUESTIONS]`.

use app::{
    community::{model::Sort, queries::list},
    db::Db,
    seed::Rng,
};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!("sqlite://{}", dir.path().join("c.db").display()))
        .await
        .expect("database");
    let started = Instant::now();
    let mut rng = Rng(0x51_7CC1_B727_220A);
    let mut tx = db.write.begin().await.expect("begin");
    for i in 0..1000 {
        app::sqlx::query(
            "INSERT INTO customers (email, display_name, password_hash, created_at) \
             VALUES (?, ?, 'x', 0)",
        )
        .bind(format!("c{i}@example.com"))
        .bind(format!("Customer {i}"))
        .execute(&mut *tx)
        .await
        .expect("customer");
    }
    for i in 0..n {
        let tag = if i % 100 == 3 { "refunds" } else { "billing" };
        let up = (rng.next_u64() % 30) as i64;
        let answers = if i % 4 == 0 {
            0
        } else {
            1 + (rng.next_u64() % 5) as i64
        };
        app::sqlx::query(
            "INSERT INTO community_posts (kind, author_id, state, title, slug, tags, body_md, body_html, \
             up, answer_count, created_at) VALUES ('question', ?, 'public', ?, ?, ?, 'b', '<p>b</p>', ?, ?, ?)",
        )
        .bind(1 + (rng.next_u64() % 1000) as i64)
        .bind(format!("Question number {i} about invoices"))
        .bind(format!("question-number-{i}"))
        .bind(tag)
        .bind(up)
        .bind(answers)
        .bind(i)
        .execute(&mut *tx)
        .await
        .expect("question");
        app::sqlx::query(
            "INSERT INTO community_tags (tag, post_id) VALUES (?, last_insert_rowid())",
        )
        .bind(tag)
        .execute(&mut *tx)
        .await
        .expect("tag");
    }
    tx.commit().await.expect("commit");
    app::sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&db.write)
        .await
        .expect("checkpoint");
    app::sqlx::query("ANALYZE")
        .execute(&db.write)
        .await
        .expect("analyze");
    eprintln!("built {n} questions in {:.1?}", started.elapsed());

    for (label, sort, tag) in [
        ("newest", Sort::Newest, None),
        ("unanswered", Sort::Unanswered, None),
        ("top", Sort::Top, None),
        ("newest, tagged (1%)", Sort::Newest, Some("refunds")),
    ] {
        // Cursors spread over the whole list, as deep as it goes.
        let mut cursors: Vec<Option<String>> = vec![None];
        let mut after = None;
        let mut pages = 0;
        loop {
            let (_, next) = list(&db.read, sort, tag, after.as_deref())
                .await
                .expect("list");
            pages += 1;
            match next {
                Some(c) => {
                    if pages % 10 == 0 {
                        cursors.push(Some(c.clone()));
                    }
                    after = Some(c);
                }
                None => break,
            }
        }
        let mut times: Vec<Duration> = Vec::new();
        for round in 0..5 {
            for c in &cursors {
                let t = Instant::now();
                let (page, _) = list(&db.read, sort, tag, c.as_deref()).await.expect("list");
                times.push(t.elapsed());
                assert!(!page.is_empty() || round > 0 || c.is_some());
            }
        }
        times.sort();
        let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
        println!(
            "{label:<22} {pages:>5} pages: p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms",
            pct(50).as_secs_f64() * 1000.0,
            pct(99).as_secs_f64() * 1000.0,
            times.last().unwrap().as_secs_f64() * 1000.0
        );
    }
}
