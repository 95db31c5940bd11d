//! FAQ store and search tests on a real SQLite file (run with `--features ssr`).
#![cfg(feature = "ssr")]

use app::{
    db::Db,
    faq::{
        files,
        model::{ArticleFields, ArticleLookup, ArticleState},
        search::search,
        store::{self, Author},
    },
};

async fn open() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}", dir.path().join("faq.db").display()))
        .await
        .unwrap();
    (db, dir)
}

fn me() -> Author {
    Author {
        staff_id: None,
        name: "Test editor".into(),
    }
}

fn article(title: &str, summary: &str, body: &str) -> ArticleFields {
    ArticleFields {
        title: title.into(),
        slug: String::new(),
        category: "Tracking your request".into(),
        tags: "tracking".into(),
        summary: summary.into(),
        order: 1,
        body: body.into(),
    }
}

async fn publish(db: &Db, title: &str, summary: &str, body: &str) -> i64 {
    store::create(
        db,
        &article(title, summary, body),
        ArticleState::Published,
        &me(),
    )
    .await
    .unwrap()
}

async fn found(db: &Db, q: &str) -> Vec<String> {
    search(&db.read, q, 20)
        .await
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

#[tokio::test]
async fn title_and_summary_rank_above_the_body() {
    let (db, _d) = open().await;
    publish(
        &db,
        "Opening hours",
        "When we answer.",
        "We answer refunds too, refunds and refunds again.",
    )
    .await;
    publish(&db, "Refunds", "How refunds work.", "Money back.").await;
    publish(&db, "Payments", "Paying for a refund-free plan.", "Cards.").await;
    let hits = found(&db, "refunds").await;
    assert_eq!(
        hits.first().map(String::as_str),
        Some("refunds"),
        "{hits:?}"
    );
    assert!(hits.contains(&"opening-hours".to_string()));
}

#[tokio::test]
async fn diacritics_and_prefixes_match() {
    let (db, _d) = open().await;
    publish(
        &db,
        "Sending your résumé",
        "Attach your CV.",
        "Write to José at the café.",
    )
    .await;
    assert_eq!(found(&db, "resume").await, ["sending-your-resume"]);
    assert_eq!(found(&db, "JOSE cafe").await, ["sending-your-resume"]);
    assert_eq!(
        found(&db, "résu").await,
        ["sending-your-resume"],
        "prefix while typing"
    );
    assert!(found(&db, "resumes").await.is_empty());
}

#[tokio::test]
async fn snippets_are_highlighted_and_misspellings_get_a_suggestion() {
    let (db, _d) = open().await;
    publish(
        &db,
        "Tracking codes",
        "What the code is.",
        "Your tracking code has sixteen characters.",
    )
    .await;
    let r = search(&db.read, "sixteen", 20).await.unwrap();
    assert!(r.hits[0]
        .snippet
        .iter()
        .any(|s| s.mark && s.text.to_lowercase() == "sixteen"));
    let r = search(&db.read, "trakcing", 20).await.unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("tracking"));
    assert_eq!(
        r.popular.len(),
        1,
        "the empty state lists the most-read articles"
    );
}

#[tokio::test]
async fn drafts_and_archived_articles_are_never_public() {
    let (db, _d) = open().await;
    let draft = store::create(
        &db,
        &article("Secret plans", "Not yet.", "Unicorn pricing."),
        ArticleState::Draft,
        &me(),
    )
    .await
    .unwrap();
    assert!(found(&db, "unicorn").await.is_empty());
    assert!(store::public_article(&db.read, "secret-plans")
        .await
        .unwrap()
        .is_none());
    assert!(store::index(&db.read).await.unwrap().is_empty());

    store::update(
        &db,
        draft,
        &article("Secret plans", "Not yet.", "Unicorn pricing."),
        ArticleState::Published,
        &me(),
    )
    .await
    .unwrap();
    assert_eq!(found(&db, "unicorn").await, ["secret-plans"]);
    assert_eq!(store::index(&db.read).await.unwrap()[0].articles.len(), 1);

    store::update(
        &db,
        draft,
        &article("Secret plans", "Not yet.", "Unicorn pricing."),
        ArticleState::Archived,
        &me(),
    )
    .await
    .unwrap();
    assert!(found(&db, "unicorn").await.is_empty());
    assert!(store::public_article(&db.read, "secret-plans")
        .await
        .unwrap()
        .is_none());
    assert!(store::index(&db.read).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_renamed_article_keeps_its_old_address_and_every_save_is_a_revision() {
    let (db, _d) = open().await;
    let id = publish(
        &db,
        "Lost code",
        "What to do.",
        "Look in your confirmation.",
    )
    .await;
    let mut renamed = article(
        "Lost your code?",
        "What to do.",
        "Look in your confirmation page.",
    );
    renamed.slug = "lost-your-code".into();
    store::update(&db, id, &renamed, ArticleState::Published, &me())
        .await
        .unwrap();
    assert_eq!(
        store::public_article(&db.read, "lost-code").await.unwrap(),
        Some(ArticleLookup::Moved("lost-your-code".into()))
    );
    // Another article can't take the old address.
    let mut other = article("Other", "Other.", "Other.");
    other.slug = "lost-code".into();
    let err = store::create(&db, &other, ArticleState::Draft, &me())
        .await
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "slug");
    assert!(err.field_errors()[0].message.contains("Lost your code?"));

    let editing = store::editing(&db.read, id).await.unwrap().unwrap();
    assert_eq!(editing.revisions.len(), 2);
    assert_eq!(editing.revisions[0].title, "Lost your code?");
    let first = editing.revisions[1].id;
    let (_, fields) = store::revision(&db.read, id, first).await.unwrap().unwrap();
    assert_eq!(fields.body, "Look in your confirmation.");
    store::update(&db, id, &fields, ArticleState::Published, &me())
        .await
        .unwrap();
    assert!(
        found(&db, "page").await.is_empty(),
        "the restored text is what is searched"
    );
    assert_eq!(
        store::editing(&db.read, id)
            .await
            .unwrap()
            .unwrap()
            .revisions
            .len(),
        3
    );
    // Renamed back: the address is its own again, and the newer one redirects.
    assert!(matches!(
        store::public_article(&db.read, "lost-code").await.unwrap(),
        Some(ArticleLookup::Found(_))
    ));
    assert_eq!(
        store::public_article(&db.read, "lost-your-code")
            .await
            .unwrap(),
        Some(ArticleLookup::Moved("lost-code".into()))
    );
}

#[tokio::test]
async fn one_vote_per_browser_changeable() {
    let (db, _d) = open().await;
    let id = publish(&db, "Stages", "What they mean.", "Received first.").await;
    store::vote(&db, id, "browser-a", true, "").await.unwrap();
    store::vote(&db, id, "browser-a", false, "Too short")
        .await
        .unwrap();
    store::vote(&db, id, "browser-b", true, "").await.unwrap();
    let e = store::editing(&db.read, id).await.unwrap().unwrap();
    assert_eq!(e.votes, (1, 1));
    assert_eq!(e.comments.len(), 1);
    assert_eq!(e.comments[0].comment, "Too short");
}

#[tokio::test]
async fn related_articles_share_tags_or_the_category() {
    let (db, _d) = open().await;
    let a = publish(&db, "A", "A.", "A.").await;
    let mut b = article("B", "B.", "B.");
    b.category = "Privacy".into();
    b.tags = "tracking".into();
    store::create(&db, &b, ArticleState::Published, &me())
        .await
        .unwrap();
    let mut c = article("C", "C.", "C.");
    c.category = "Privacy".into();
    c.tags = "other".into();
    store::create(&db, &c, ArticleState::Published, &me())
        .await
        .unwrap();
    let row = store::by_id(&db.read, a).await.unwrap().unwrap();
    let Some(ArticleLookup::Found(found)) =
        store::public_article(&db.read, &row.slug).await.unwrap()
    else {
        panic!("published");
    };
    let related: Vec<_> = found.related.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(related, ["b"]);
}

#[tokio::test]
async fn files_import_export_and_report_what_changed() {
    let (db, _d) = open().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lost-code.md"),
        "---\ntitle: Lost code\ncategory: Tracking\ntags: codes\nsummary: What to do.\norder: 2\n---\nLook in your confirmation.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.md"), "no front matter").unwrap();
    let report = files::import_dir(&db, dir.path()).await.unwrap();
    assert_eq!(report.created, ["lost-code"]);
    assert_eq!(report.failed.len(), 1);
    assert!(report.failed[0].1.contains("line 1"));

    let again = files::import_dir(&db, dir.path()).await.unwrap();
    assert_eq!(again.unchanged, ["lost-code"]);

    std::fs::remove_file(dir.path().join("broken.md")).unwrap();
    std::fs::write(
        dir.path().join("lost-code.md"),
        "---\ntitle: Lost your code?\ncategory: Tracking\ntags: codes\nsummary: What to do.\norder: 2\n---\nLook again.\n",
    )
    .unwrap();
    let changed = files::import_dir(&db, dir.path()).await.unwrap();
    assert_eq!(
        changed.updated,
        [("lost-code".to_string(), vec!["title", "body"])]
    );

    let out = tempfile::tempdir().unwrap();
    assert_eq!(files::export_dir(&db, out.path()).await.unwrap(), 1);
    let text = std::fs::read_to_string(out.path().join("lost-code.md")).unwrap();
    assert!(text.contains("title: Lost your code?") && text.contains("Look again."));
    let round = files::import_dir(&db, out.path()).await.unwrap();
    assert_eq!(
        round.unchanged,
        ["lost-code"],
        "an export imports back unchanged"
    );
}

#[tokio::test]
async fn the_shipped_articles_all_load() {
    let (db, _d) = open().await;
    let report = app::faq::seed::seed_articles(&db).await;
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.created.len(), app::faq::seed::ARTICLES.len());
    assert!(report.created.len() >= 15);
    let index = store::index(&db.read).await.unwrap();
    assert_eq!(index[0].name, "Tracking your request");
    assert!(!found(&db, "check character").await.is_empty());
}

#[tokio::test]
async fn the_most_read_articles_come_first_in_the_empty_state() {
    let (db, _d) = open().await;
    publish(&db, "Alpha", "A.", "First.").await;
    publish(&db, "Beta", "B.", "Second.").await;
    let reads = app::state::ReadCounter::default();
    for _ in 0..3 {
        reads.add("beta");
    }
    reads.add("alpha");
    reads.flush(&db).await;
    let r = search(&db.read, "nothingmatches", 20).await.unwrap();
    let order: Vec<_> = r.popular.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(order, ["beta", "alpha"]);
    reads.flush(&db).await;
    let views: i64 = sqlx::query_scalar("SELECT views FROM faq_articles WHERE slug = 'beta'")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(views, 3, "a flush writes each read once");
}
