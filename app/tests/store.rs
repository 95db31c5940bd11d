//! Store tests on a real SQLite file (run with `--features ssr`).
#![cfg(feature = "ssr")]

use app::{
    db::Db,
    seed,
    staff::{auth, model::Role},
    state::{AppState, HistoryCache},
    tracking::{model::Stage, store, validate::NewRequest},
};
use leptos::prelude::LeptosOptions;

async fn open() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&format!(
        "sqlite://{}",
        dir.path().join("store.db").display()
    ))
    .await
    .unwrap();
    (db, dir)
}

fn request(key: &str, email: &str) -> NewRequest {
    NewRequest {
        name: "Ada Lovelace".into(),
        email: email.into(),
        category: "billing".into(),
        subject: "Invoice".into(),
        description: "Wrong amount.".into(),
        submission_key: key.into(),
        website: String::new(),
    }
}

#[tokio::test]
async fn connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let (db, _dir) = open().await;
    for pool in [&db.read, &db.write] {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .unwrap();
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(pool)
            .await
            .unwrap();
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(pool)
            .await
            .unwrap();
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(pool)
            .await
            .unwrap();
        let auto: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(
            (mode.as_str(), fk, sync, busy, auto),
            ("wal", 1, 1, 5000, 0)
        );
    }
    // Foreign keys are enforced.
    let bad = sqlx::query("INSERT INTO checkpoints (request_id, at, kind, stage, public) VALUES (999, 0, 'stage', 'received', 1)")
        .execute(&db.write)
        .await;
    assert!(bad.is_err());
    // Migrations are idempotent: opening again is fine.
    drop(db);
    let again = Db::open(&format!(
        "sqlite://{}",
        _dir.path().join("store.db").display()
    ))
    .await;
    assert!(again.is_ok());
}

#[tokio::test]
async fn demo_seed_goes_only_into_an_empty_database() {
    let (db, _dir) = open().await;
    assert!(seed::seed_demo(&db).await.unwrap());
    assert!(!seed::seed_demo(&db).await.unwrap(), "never twice");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert!((35..=45).contains(&n), "{n}");
    let stages: Vec<String> = sqlx::query_scalar("SELECT DISTINCT stage FROM requests")
        .fetch_all(&db.read)
        .await
        .unwrap();
    for s in Stage::ALL {
        assert!(
            stages.iter().any(|x| x == s.as_str()),
            "demo has a request {}",
            s.as_str()
        );
    }
    let oldest: i64 = sqlx::query_scalar("SELECT MIN(created_at) FROM requests")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert!(
        app::db::now() - oldest > 80 * 86_400,
        "spread over ~90 days"
    );
    // Every request has a history that starts with Received.
    let orphan: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.request_id = r.id AND c.stage = 'received')",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(orphan, 0);
}

#[tokio::test]
async fn first_admin_gets_a_generated_password_once() {
    let (db, _dir) = open().await;
    let (email, password) = seed::ensure_admin(&db).await.unwrap().expect("created");
    assert!(password.len() >= 20);
    assert!(
        seed::ensure_admin(&db).await.unwrap().is_none(),
        "only when there is no staff"
    );
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM staff WHERE email = ?")
        .bind(&email)
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(auth::verify_password(&password, &hash));
    assert!(!auth::verify_password("password", &hash));
    // A second database gets a different password.
    let (db2, _d2) = open().await;
    let (_, other) = seed::ensure_admin(&db2).await.unwrap().unwrap();
    assert_ne!(password, other);
}

#[tokio::test]
async fn filing_is_idempotent_per_submission_key() {
    let (db, _dir) = open().await;
    seed::seed_categories(&db).await.unwrap();
    let cache = HistoryCache::default();
    let a = store::file_request(
        &db,
        &cache,
        &request("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ada@example.com"),
    )
    .await
    .unwrap();
    let again = store::file_request(
        &db,
        &cache,
        &request("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ada@example.com"),
    )
    .await
    .unwrap();
    let b = store::file_request(
        &db,
        &cache,
        &request("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "ada@example.com"),
    )
    .await
    .unwrap();
    assert_eq!(a, again);
    assert_ne!(a, b);
    // The same key with something else typed (a corrected email, a second tab that restored
    // the same draft) is another request, and never reveals the first one.
    let eve = request("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "eve@example.com");
    let changed = store::file_request(&db, &cache, &eve).await.unwrap();
    assert_ne!(changed, a);
    let changed_again = store::file_request(&db, &cache, &eve).await.unwrap();
    assert_eq!(changed, changed_again, "and its own retry finds it");
    let stored: String = sqlx::query_scalar("SELECT submission_key FROM requests WHERE code = ?")
        .bind(a.canonical())
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_ne!(
        stored, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "the raw form key is not stored"
    );
    let row = store::by_code(&db.read, &a).await.unwrap().unwrap();
    assert_eq!(row.stage(), Stage::Received);
    let cps = store::checkpoints(&db.read, row.id, false).await.unwrap();
    assert_eq!(cps.len(), 1);
    assert!(cps[0].window_lo.is_some(), "the first window is recorded");
}

#[tokio::test]
async fn waiting_on_the_customer_pauses_the_clock() {
    let (db, _dir) = open().await;
    seed::seed_categories(&db).await.unwrap();
    let cache = HistoryCache::default();
    let code = store::file_request(
        &db,
        &cache,
        &request("cccccccccccccccccccccccccccccccc", "ada@example.com"),
    )
    .await
    .unwrap();
    let row = store::by_code(&db.read, &code).await.unwrap().unwrap();
    let due_before = row.due_at;
    store::change_stage(
        &db,
        &cache,
        &row,
        Stage::WaitingOnCustomer,
        "Need a receipt",
        None,
        "stage",
    )
    .await
    .unwrap();
    // Pretend all of this happened two days ago, and the customer has not answered since.
    sqlx::query(
        "UPDATE requests SET created_at = created_at - 172800, due_at = due_at - 172800, \
         paused_since = paused_since - 172800 WHERE id = ?",
    )
    .bind(row.id)
    .execute(&db.write)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE checkpoints SET at = at - 172800, window_lo = window_lo - 172800, window_hi = window_hi - 172800 \
         WHERE request_id = ?",
    )
    .bind(row.id)
    .execute(&db.write)
    .await
    .unwrap();
    let waiting = store::by_id(&db.read, row.id).await.unwrap().unwrap();
    assert!(waiting.paused_since.is_some());
    let view = store::tracking_view(&db.read, &cache, &waiting)
        .await
        .unwrap();
    match view.estimate {
        app::tracking::model::Estimate::Open { window, moved } => {
            assert!(window.paused);
            let (_, why) = moved.expect("the window moved");
            assert!(why.contains("paused for 2 days"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    store::customer_reply(&db, &cache, &waiting, "Here it is")
        .await
        .unwrap();
    let back = store::by_id(&db.read, row.id).await.unwrap().unwrap();
    assert_eq!(back.stage(), Stage::InProgress);
    assert!(back.paused_since.is_none());
    assert!(
        (172_800..172_900).contains(&back.paused_seconds),
        "{}",
        back.paused_seconds
    );
    assert_eq!(
        back.due_at,
        due_before - 172_800 + back.paused_seconds,
        "the SLA target moved by the pause"
    );
    // A closed request takes no replies.
    store::change_stage(&db, &cache, &back, Stage::Closed, "", None, "stage")
        .await
        .unwrap();
    let closed = store::by_id(&db.read, row.id).await.unwrap().unwrap();
    assert!(closed.resolved_at.is_some());
    assert!(store::customer_reply(&db, &cache, &closed, "Hello?")
        .await
        .is_err());
}

#[tokio::test]
async fn sessions_are_server_side_and_expire() {
    let (db, _dir) = open().await;
    auth::add_staff(
        &db,
        "agent@example.com",
        "Agent",
        Role::Agent,
        "a long enough password",
    )
    .await
    .unwrap();
    assert!(
        auth::add_staff(
            &db,
            "AGENT@example.com",
            "Again",
            Role::Agent,
            "a long enough password"
        )
        .await
        .is_err(),
        "emails are unique, case-insensitively"
    );
    assert!(
        auth::add_staff(&db, "short@example.com", "Short", Role::Agent, "short")
            .await
            .is_err()
    );
    let state = AppState::new(
        LeptosOptions::builder().output_name("waybill").build(),
        db.clone(),
        false,
    );
    let token = auth::login(
        &state,
        "127.0.0.1",
        "Agent@Example.com",
        "a long enough password",
    )
    .await
    .unwrap();
    let user = auth::session_user(&db.read, &token)
        .await
        .unwrap()
        .expect("live session");
    assert_eq!(
        (user.email.as_str(), user.role),
        ("agent@example.com", Role::Agent)
    );
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_ne!(stored, token, "only a hash of the token is stored");
    sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(&db.write)
        .await
        .unwrap();
    assert!(
        auth::session_user(&db.read, &token)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    let token = auth::login(
        &state,
        "127.0.0.1",
        "agent@example.com",
        "a long enough password",
    )
    .await
    .unwrap();
    auth::logout(&db, &token).await.unwrap();
    assert!(
        auth::session_user(&db.read, &token)
            .await
            .unwrap()
            .is_none(),
        "signed out"
    );
}
