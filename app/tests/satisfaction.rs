//! Satisfaction ratings on a real SQLite file (run with `--features ssr`).
#![cfg(feature = "ssr")]

use app::{
    db::Db,
    error::AppError,
    satisfaction::store as ratings,
    seed,
    state::HistoryCache,
    tracking::{model::Stage, store, validate::NewRequest},
};

async fn open() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}", dir.path().join("s.db").display()))
        .await
        .unwrap();
    seed::seed_categories(&db).await.unwrap();
    (db, dir)
}

/// A request filed by a customer, moved to `stage`.
async fn request(db: &Db, key: char, stage: Stage) -> store::RequestRow {
    let cache = HistoryCache::default();
    let input = NewRequest {
        name: "Ada Lovelace".into(),
        email: "ada@example.com".into(),
        category: "billing".into(),
        subject: "Invoice".into(),
        description: "Wrong amount.".into(),
        submission_key: key.to_string().repeat(32),
        website: String::new(),
    };
    let code = store::file_request(db, &cache, &input).await.unwrap();
    let row = store::by_code(&db.read, &code).await.unwrap().unwrap();
    if stage != Stage::Received {
        store::change_stage(db, &cache, &row, stage, "", None, "stage")
            .await
            .unwrap();
    }
    store::by_id(&db.read, row.id).await.unwrap().unwrap()
}

#[tokio::test]
async fn only_resolved_requests_are_rated_once_and_changeable_for_14_days() {
    let (db, _d) = open().await;
    let open_one = request(&db, 'a', Stage::InProgress).await;
    assert!(matches!(
        ratings::rate(&db, &open_one, &input("5", "", false, "")).await,
        Err(AppError::Denied(m)) if m.contains("once it is resolved")
    ));
    let done = request(&db, 'b', Stage::Resolved).await;
    assert_eq!(
        ratings::rate(&db, &done, &input("6", "", false, ""))
            .await
            .unwrap_err()
            .field_names(),
        ["score"]
    );
    assert_eq!(
        ratings::rate(&db, &done, &input("4", &"x".repeat(1001), false, ""))
            .await
            .unwrap_err()
            .field_names(),
        ["comment"]
    );
    ratings::rate(&db, &done, &input("2", "Took too long.", false, ""))
        .await
        .unwrap();
    ratings::rate(&db, &done, &input("4", "Actually fine.", false, ""))
        .await
        .unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ratings")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(count, 1, "one rating per request, changed in place");
    let summary = ratings::summary(&db.read, done.id).await.unwrap().unwrap();
    assert_eq!(summary.score, 4);
    assert_eq!(summary.changeable_until - summary.rated_at, 14 * 86_400);

    // Fifteen days later the rating stands.
    sqlx::query("UPDATE ratings SET created_at = created_at - 15 * 86400")
        .execute(&db.write)
        .await
        .unwrap();
    assert!(matches!(
        ratings::rate(&db, &done, &input("1", "", false, "")).await,
        Err(AppError::Denied(m)) if m.contains("14 days")
    ));
    assert_eq!(
        ratings::summary(&db.read, done.id)
            .await
            .unwrap()
            .unwrap()
            .score,
        4
    );
}

#[tokio::test]
async fn low_ratings_wait_for_follow_up_until_someone_follows_them_up() {
    let (db, _d) = open().await;
    let done = request(&db, 'c', Stage::Resolved).await;
    let closed = request(&db, 'd', Stage::Closed).await;
    ratings::rate(
        &db,
        &done,
        &input("1", "<b>Nobody called me</b>", false, ""),
    )
    .await
    .unwrap();
    ratings::rate(&db, &closed, &input("5", "", false, ""))
        .await
        .unwrap();
    let waiting = ratings::to_follow_up(&db.read).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        waiting[0].comment, "<b>Nobody called me</b>",
        "kept as typed, shown as text"
    );
    let staff = app::staff::auth::add_staff(
        &db,
        "agent@example.com",
        "Agent",
        app::staff::model::Role::Agent,
        "a long staff password",
    )
    .await
    .unwrap();
    ratings::mark_followed_up(&db, done.id, staff)
        .await
        .unwrap();
    assert!(ratings::to_follow_up(&db.read).await.unwrap().is_empty());
    assert!(ratings::mark_followed_up(&db, done.id, staff)
        .await
        .is_err());
    // Rated low again: back in the list.
    ratings::rate(&db, &done, &input("2", "Still unhappy.", false, ""))
        .await
        .unwrap();
    assert_eq!(ratings::to_follow_up(&db.read).await.unwrap().len(), 1);
}

fn input(score: &str, comment: &str, publish: bool, name_shown: &str) -> ratings::RatingInput {
    ratings::RatingInput {
        score: score.into(),
        comment: comment.into(),
        publish,
        name_shown: name_shown.into(),
    }
}

#[tokio::test]
async fn testimonials_need_consent_and_approval_and_go_when_withdrawn() {
    let (db, _d) = open().await;
    let staff = app::staff::auth::add_staff(
        &db,
        "agent@example.com",
        "Agent",
        app::staff::model::Role::Agent,
        "a long staff password",
    )
    .await
    .unwrap();
    let quiet = request(&db, 'e', Stage::Resolved).await;
    let happy = request(&db, 'f', Stage::Resolved).await;
    ratings::rate(&db, &quiet, &input("1", "Not for publishing.", false, ""))
        .await
        .unwrap();
    assert_eq!(
        ratings::rate(&db, &happy, &input("5", "", true, ""))
            .await
            .unwrap_err()
            .field_names(),
        ["comment"],
        "publishing needs words"
    );
    ratings::rate(&db, &happy, &input("5", "Fixed in a day!", true, "first"))
        .await
        .unwrap();
    let page = ratings::published(&db.read, 10).await.unwrap();
    assert!(
        page.testimonials.is_empty(),
        "nothing public before staff approve"
    );
    assert_eq!(
        (page.ratings, page.average),
        (2, 3.0),
        "figures over every rating"
    );

    assert_eq!(
        ratings::moderate(&db, staff, happy.id, false, " ", None)
            .await
            .unwrap_err()
            .field_names(),
        ["reason"]
    );
    ratings::moderate(&db, staff, happy.id, true, "", None)
        .await
        .unwrap();
    let page = ratings::published(&db.read, 10).await.unwrap();
    assert_eq!(page.testimonials.len(), 1);
    let t = &page.testimonials[0];
    assert_eq!(
        (t.comment.as_str(), t.name.as_str(), t.score),
        ("Fixed in a day!", "Ada", 5)
    );
    assert_eq!(t.category, "Billing and payments");
    assert!(
        ratings::moderate(&db, staff, quiet.id, true, "", None)
            .await
            .is_err(),
        "no consent, nothing to approve"
    );

    // Changed words go back to moderation.
    ratings::rate(
        &db,
        &happy,
        &input("5", "Fixed in a day, thanks!", true, "first"),
    )
    .await
    .unwrap();
    assert!(ratings::published(&db.read, 10)
        .await
        .unwrap()
        .testimonials
        .is_empty());
    ratings::moderate(&db, staff, happy.id, true, "", None)
        .await
        .unwrap();
    assert!(ratings::withdraw(&db, happy.id).await.unwrap());
    assert!(ratings::published(&db.read, 10)
        .await
        .unwrap()
        .testimonials
        .is_empty());
    assert!(
        ratings::moderate(&db, staff, happy.id, true, "", None)
            .await
            .is_err(),
        "withdrawn stays withdrawn"
    );
    assert!(!ratings::withdraw(&db, quiet.id).await.unwrap());
}

#[tokio::test]
async fn a_moderator_approves_only_the_words_they_saw_and_stars_changed_need_a_new_look() {
    let (db, _d) = open().await;
    let staff = app::staff::auth::add_staff(
        &db,
        "agent@example.com",
        "Agent",
        app::staff::model::Role::Agent,
        "a long staff password",
    )
    .await
    .unwrap();
    let r = request(&db, 'j', Stage::Resolved).await;
    ratings::rate(&db, &r, &input("5", "Great help.", true, "anonymous"))
        .await
        .unwrap();
    let seen: i64 = sqlx::query_scalar("SELECT updated_at FROM ratings")
        .fetch_one(&db.read)
        .await
        .unwrap();
    // The customer changes the words while the moderator reads the old ones.
    sqlx::query("UPDATE ratings SET updated_at = updated_at + 1")
        .execute(&db.write)
        .await
        .unwrap();
    assert!(matches!(
        ratings::moderate(&db, staff, r.id, true, "", Some(seen)).await,
        Err(AppError::Denied(m)) if m.contains("since you opened")
    ));
    ratings::moderate(&db, staff, r.id, true, "", Some(seen + 1))
        .await
        .unwrap();
    assert_eq!(
        ratings::published(&db.read, 5).await.unwrap().testimonials[0].name,
        "A customer"
    );
    // Only the stars change (comment left empty): the words are kept, the choice of name too,
    // and it waits for a moderator again.
    ratings::rate(&db, &r, &input("1", "", true, "anonymous"))
        .await
        .unwrap();
    let summary = ratings::summary(&db.read, r.id).await.unwrap().unwrap();
    assert_eq!(
        (summary.testimonial.as_str(), summary.name_choice.as_str()),
        ("pending", "anonymous")
    );
    assert_eq!(
        ratings::score_and_comment(&db.read, r.id).await.unwrap(),
        Some((1, "Great help.".into()))
    );
    assert!(ratings::published(&db.read, 5)
        .await
        .unwrap()
        .testimonials
        .is_empty());
    // A request reopened after approval: its testimonial is not shown as "resolved".
    ratings::moderate(&db, staff, r.id, true, "", None)
        .await
        .unwrap();
    let cache = HistoryCache::default();
    store::change_stage(&db, &cache, &r, Stage::InProgress, "", None, "stage")
        .await
        .unwrap();
    assert!(ratings::published(&db.read, 5)
        .await
        .unwrap()
        .testimonials
        .is_empty());
}

#[test]
fn names_are_shown_as_the_customer_chose() {
    use app::satisfaction::model::NameShown;
    assert_eq!(
        NameShown::FirstAndInitial.apply("Ada King Lovelace"),
        "Ada L."
    );
    assert_eq!(NameShown::FirstAndInitial.apply("Ada"), "Ada");
    assert_eq!(NameShown::FirstOnly.apply("Ada Lovelace"), "Ada");
    assert_eq!(NameShown::Anonymous.apply("Ada Lovelace"), "A customer");
    assert_eq!(NameShown::parse("nonsense"), None);
}

#[tokio::test]
async fn the_report_gives_csat_per_category_and_agent_over_the_period() {
    let (db, _d) = open().await;
    let agent = app::staff::auth::add_staff(
        &db,
        "agent@example.com",
        "Agent Ana",
        app::staff::model::Role::Agent,
        "a long staff password",
    )
    .await
    .unwrap();
    let a = request(&db, 'g', Stage::Resolved).await;
    let b = request(&db, 'h', Stage::Resolved).await;
    let c = request(&db, 'i', Stage::Resolved).await;
    sqlx::query("UPDATE requests SET assignee_id = ? WHERE id IN (?, ?)")
        .bind(agent)
        .bind(a.id)
        .bind(b.id)
        .execute(&db.write)
        .await
        .unwrap();
    ratings::rate(&db, &a, &input("5", "", false, ""))
        .await
        .unwrap();
    ratings::rate(&db, &b, &input("2", "Slow", false, ""))
        .await
        .unwrap();
    ratings::rate(&db, &c, &input("4", "", false, ""))
        .await
        .unwrap();
    let (total, by_category, by_agent, low) = ratings::report(&db.read, 30).await.unwrap();
    assert_eq!(total.count, 3);
    assert!((total.average - 11.0 / 3.0).abs() < 1e-9);
    assert!((total.satisfied - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(by_category.len(), 1);
    let ana = by_agent.iter().find(|r| r.label == "Agent Ana").unwrap();
    assert_eq!((ana.count, ana.average, ana.satisfied), (2, 3.5, 0.5));
    let none = by_agent.iter().find(|r| r.label == "Not assigned").unwrap();
    assert_eq!(none.count, 1);
    assert_eq!(low.len(), 1);
    assert_eq!(low[0].0.comment, "Slow");
    // A rating from 40 days ago is outside the last 30 days, inside "all time".
    sqlx::query("UPDATE ratings SET updated_at = updated_at - 40 * 86400 WHERE request_id = ?")
        .bind(a.id)
        .execute(&db.write)
        .await
        .unwrap();
    assert_eq!(ratings::report(&db.read, 30).await.unwrap().0.count, 2);
    assert_eq!(ratings::report(&db.read, 0).await.unwrap().0.count, 3);
}
