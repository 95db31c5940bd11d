//! Customer accounts and the community on a real SQLite file (run with `--features ssr`).
//! Every rule of who may do what is checked by calling the store functions that the form
//! handlers and server functions call.
#![cfg(feature = "ssr")]

use app::{
    accounts::{
        model::{Customer, Viewer},
        store::{self as accounts, SignUp},
    },
    community::{
        model::{PostState, Sort},
        moderation::{self, Decision},
        queries,
        reactions::{self, VoteOutcome},
        store::{self, Draft},
    },
    db::Db,
    error::AppError,
    staff::{auth::add_staff, model::Role},
};

async fn open() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}", dir.path().join("c.db").display()))
        .await
        .unwrap();
    (db, dir)
}

/// A confirmed customer, made without the (slow) password hash.
async fn customer(db: &Db, name: &str, reputation: i64) -> Customer {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO customers (email, display_name, password_hash, reputation, created_at) \
         VALUES (?, ?, 'x', ?, 0) RETURNING id",
    )
    .bind(format!(
        "{}@example.com",
        name.to_lowercase().replace(' ', ".")
    ))
    .bind(name)
    .bind(reputation)
    .fetch_one(&db.write)
    .await
    .unwrap();
    Customer {
        id,
        display_name: name.into(),
        reputation,
    }
}

/// A staff account, as the moderation functions take it.
async fn staff(db: &Db, email: &str, name: &str, role: Role) -> app::staff::model::StaffUser {
    let id = add_staff(db, email, name, role, "a long staff password")
        .await
        .unwrap();
    app::staff::model::StaffUser {
        id,
        name: name.into(),
        email: email.into(),
        role,
    }
}

async fn reputation(db: &Db, c: &Customer) -> i64 {
    sqlx::query_scalar("SELECT reputation FROM customers WHERE id = ?")
        .bind(c.id)
        .fetch_one(&db.read)
        .await
        .unwrap()
}

fn question(title: &str) -> Draft {
    Draft {
        title: title.into(),
        tags: "billing, invoices".into(),
        body: "My invoice shows the wrong amount. What can I do?".into(),
    }
}

async fn score(db: &Db, id: i64) -> (i64, i64) {
    sqlx::query_as("SELECT up, down FROM community_posts WHERE id = ?")
        .bind(id)
        .fetch_one(&db.read)
        .await
        .unwrap()
}

fn denied(r: Result<impl std::fmt::Debug, AppError>) -> String {
    match r {
        Err(AppError::Denied(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn sign_up_answers_the_same_for_a_registered_email_and_only_link_and_password_together_confirm(
) {
    let (db, _d) = open().await;
    let input = SignUp {
        display_name: "Ana".into(),
        email: "ana@example.com".into(),
        password: "violet kettle harbour".into(),
    };
    let state = app::state::AppState::new(
        leptos::prelude::LeptosOptions::builder()
            .output_name("waybill")
            .build(),
        db.clone(),
        false,
    );
    let link = |email: &'static str| {
        let db = db.clone();
        async move {
            let (_, body) = app::mail::latest(&db, email).await.unwrap().unwrap();
            body.split("token=")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .to_owned()
        }
    };
    accounts::sign_up(&db, "http://w.example", &input)
        .await
        .unwrap();
    let ana = link("ana@example.com").await;
    // Someone else signs up with Ana's address before she follows her link.
    let squatter = SignUp {
        display_name: "Not Ana".into(),
        password: "squatters long password".into(),
        ..input.clone()
    };
    accounts::sign_up(&db, "http://w.example", &squatter)
        .await
        .unwrap();
    let theirs = link("ana@example.com").await;
    // No account until a link is followed, so no way in.
    let err = accounts::log_in(
        &state,
        "1.1.1.1",
        "ana@example.com",
        "violet kettle harbour",
    )
    .await
    .unwrap_err();
    assert_eq!(err.field_names(), ["email"]);
    // The newest link (the squatter's) needs the squatter's password, which Ana doesn't know;
    // the squatter has the password but not the mail. Ana's own link and password work.
    let err = accounts::confirm(&state, "1.1.1.1", &theirs, "violet kettle harbour")
        .await
        .unwrap_err();
    assert_eq!(err.field_names(), ["password"]);
    accounts::confirm(&state, "1.1.1.1", &ana, "violet kettle harbour")
        .await
        .unwrap();
    assert!(
        accounts::confirm(&state, "1.1.1.1", &ana, "violet kettle harbour")
            .await
            .is_err(),
        "a link works once"
    );
    assert!(
        accounts::confirm(&state, "1.1.1.1", &theirs, "squatters long password")
            .await
            .is_err(),
        "the other links of the address are gone"
    );
    accounts::log_in(
        &state,
        "1.1.1.1",
        "ana@example.com",
        "violet kettle harbour",
    )
    .await
    .unwrap();
    let name: String =
        sqlx::query_scalar("SELECT display_name FROM customers WHERE email = 'ana@example.com'")
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert_eq!(name, "Ana");

    // Signing up again with the same address: the same Ok, a note by mail, nothing changed.
    let again = SignUp {
        password: "another long passphrase".into(),
        ..input.clone()
    };
    assert_eq!(
        accounts::sign_up(&db, "http://w.example", &again).await,
        Ok(())
    );
    let (subject, _) = app::mail::latest(&db, "ana@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(subject, "You already have a Waybill account");
    assert!(accounts::log_in(
        &state,
        "1.1.1.1",
        "ana@example.com",
        "another long passphrase"
    )
    .await
    .is_err());
    let customers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(customers, 1);

    // Common passwords are refused at the field.
    let weak = SignUp {
        email: "bo@example.com".into(),
        password: "password1".into(),
        ..input
    };
    let err = accounts::sign_up(&db, "http://w.example", &weak)
        .await
        .unwrap_err();
    assert_eq!(err.field_names(), ["password"]);
}

#[tokio::test]
async fn only_authors_edit_and_delete_and_only_askers_accept() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let other = customer(&db, "Other", 50).await;
    let q = store::ask(&db, &asker, &question("Why is my invoice wrong?"))
        .await
        .unwrap();
    assert_eq!(q.state, PostState::Public, "trusted accounts post at once");
    let a = store::answer(&db, &other, q.id, "Ask for a corrected invoice.")
        .await
        .unwrap();

    assert!(
        denied(store::edit(&db, &other, q.id, &question("Hijacked title here")).await)
            .contains("your own")
    );
    assert!(denied(store::delete_own(&db, &other, q.id).await).contains("your own"));
    assert!(denied(store::edit(&db, &asker, a.id, &question("x")).await).contains("your own"));
    assert!(denied(reactions::accept(&db, &other, a.id).await).contains("asked"));
    assert!(reactions::accept(&db, &asker, a.id).await.unwrap());

    // The question has an answer now: it stays. The answer has no votes: its author may delete it.
    assert!(denied(store::delete_own(&db, &asker, q.id).await).contains("answers"));
    reactions::vote(&db, &asker, a.id, 1).await.unwrap();
    assert!(denied(store::delete_own(&db, &other, a.id).await).contains("accepted"));

    // An edit keeps the earlier version.
    store::edit(
        &db,
        &asker,
        q.id,
        &Draft {
            body: "Edited: it says 120 EUR.".into(),
            ..question("Why is my invoice wrong?")
        },
    )
    .await
    .unwrap();
    let me = Viewer::Customer(asker.clone());
    let data = queries::edit_data(&db.read, q.id, &me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(data.revisions.len(), 2);
    assert!(data.revisions[1].body.contains("wrong amount"));
    assert!(queries::edit_data(&db.read, q.id, &Viewer::Customer(other))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn votes_are_one_per_account_changeable_and_never_on_your_own_post() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let voter = customer(&db, "Voter", 0).await;
    let q = store::ask(&db, &asker, &question("Where is my parcel now?"))
        .await
        .unwrap();
    assert!(denied(reactions::vote(&db, &asker, q.id, 1).await).contains("own post"));
    assert_eq!(
        reactions::vote(&db, &voter, q.id, 1).await.unwrap(),
        VoteOutcome::Counted
    );
    assert_eq!(score(&db, q.id).await, (1, 0));
    assert_eq!(reputation(&db, &asker).await, 55);
    // The same vote again takes it back; it never counts twice.
    assert_eq!(
        reactions::vote(&db, &voter, q.id, 1).await.unwrap(),
        VoteOutcome::Withdrawn
    );
    assert_eq!(score(&db, q.id).await, (0, 0));
    assert_eq!(reputation(&db, &asker).await, 50);
    reactions::vote(&db, &voter, q.id, 1).await.unwrap();
    reactions::vote(&db, &voter, q.id, -1).await.unwrap();
    assert_eq!(score(&db, q.id).await, (0, 1), "changed, not added");
    assert_eq!(reputation(&db, &asker).await, 48);
    assert!(matches!(
        reactions::vote(&db, &voter, q.id, 5).await,
        Err(AppError::Validation(_))
    ));
    assert_eq!(
        reactions::vote(&db, &voter, 999_999, 1).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn many_simultaneous_votes_give_an_exact_count() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let q = store::ask(&db, &asker, &question("Does anyone else see this?"))
        .await
        .unwrap();
    let mut voters = Vec::new();
    for i in 0..60 {
        voters.push(customer(&db, &format!("Voter {i}"), 0).await);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, v) in voters.into_iter().enumerate() {
        let db = db.clone();
        tasks.spawn(async move {
            let value = if i % 3 == 0 { -1 } else { 1 };
            reactions::vote(&db, &v, q.id, value).await.map(|_| value)
        });
    }
    let (mut up, mut down) = (0, 0);
    while let Some(r) = tasks.join_next().await {
        match r.unwrap().unwrap() {
            1 => up += 1,
            _ => down += 1,
        }
    }
    assert_eq!((up, down), (40, 20));
    assert_eq!(score(&db, q.id).await, (40, 20));
    assert_eq!(reputation(&db, &asker).await, 50 + 40 * 5 - 20 * 2);
}

#[tokio::test]
async fn reputation_follows_accepted_answers() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let first = customer(&db, "First", 50).await;
    let second = customer(&db, "Second", 50).await;
    let q = store::ask(&db, &asker, &question("Which plan includes phone support?"))
        .await
        .unwrap();
    let a1 = store::answer(&db, &first, q.id, "The business plan.")
        .await
        .unwrap();
    let a2 = store::answer(&db, &second, q.id, "Business, and the add-on.")
        .await
        .unwrap();
    reactions::vote(&db, &asker, a1.id, 1).await.unwrap();
    assert_eq!(
        reputation(&db, &first).await,
        60,
        "an answer upvote is worth 10"
    );
    reactions::accept(&db, &asker, a1.id).await.unwrap();
    assert_eq!(reputation(&db, &first).await, 75);
    reactions::accept(&db, &asker, a2.id).await.unwrap();
    assert_eq!(
        (
            reputation(&db, &first).await,
            reputation(&db, &second).await
        ),
        (60, 65),
        "the choice moves"
    );
    let page = queries::question_page(&db.read, q.id, &Viewer::Anonymous, 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.accepted_id, Some(a2.id));
    assert_eq!(
        page.answers[0].id, a2.id,
        "the accepted answer is pinned first"
    );
    assert!(
        !reactions::accept(&db, &asker, a2.id).await.unwrap(),
        "accepting again takes it back"
    );
    assert_eq!(reputation(&db, &second).await, 50);
}

#[tokio::test]
async fn new_accounts_wait_for_moderation_and_nobody_else_sees_their_posts() {
    let (db, _d) = open().await;
    let newbie = customer(&db, "Newbie", 0).await;
    let other = customer(&db, "Other", 50).await;
    let q = store::ask(&db, &newbie, &question("How do I change my email address?"))
        .await
        .unwrap();
    assert_eq!(q.state, PostState::Queued);
    let sees = |v: Viewer| {
        let db = db.clone();
        async move {
            queries::question_page(&db.read, q.id, &v, 0)
                .await
                .unwrap()
                .is_some()
        }
    };
    assert!(
        sees(Viewer::Customer(newbie.clone())).await,
        "its author sees it"
    );
    assert!(!sees(Viewer::Customer(other.clone())).await);
    assert!(!sees(Viewer::Anonymous).await);
    assert!(
        sees(Viewer::Staff {
            id: 1,
            name: "Mod".into()
        })
        .await
    );
    assert!(queries::list(&db.read, Sort::Newest, None, None)
        .await
        .unwrap()
        .0
        .is_empty());
    assert_eq!(
        store::answer(&db, &other, q.id, "Can't answer yet").await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        reactions::vote(&db, &other, q.id, 1).await,
        Err(AppError::NotFound)
    );

    // Too many links from a new account: refused at the body.
    let spam = Draft {
        body: "https://a.example https://b.example https://c.example".into(),
        ..question("Cheap watches for everyone here")
    };
    assert_eq!(
        store::ask(&db, &newbie, &spam)
            .await
            .unwrap_err()
            .field_names(),
        ["body"]
    );

    let mod_ = staff(&db, "mod@example.com", "Mod", Role::Agent).await;
    assert_eq!(moderation::queued(&db.read).await.unwrap().len(), 1);
    moderation::decide(&db, &mod_, q.id, Decision::Approve)
        .await
        .unwrap();
    assert!(sees(Viewer::Anonymous).await);
    // After two approved posts an account is trusted.
    let q2 = store::ask(&db, &newbie, &question("Can I reopen a closed request?"))
        .await
        .unwrap();
    moderation::decide(&db, &mod_, q2.id, Decision::Approve)
        .await
        .unwrap();
    let q3 = store::ask(&db, &newbie, &question("Can I file for someone else?"))
        .await
        .unwrap();
    assert_eq!(q3.state, PostState::Public);
}

#[tokio::test]
async fn flags_reach_moderators_who_hide_or_suspend() {
    let (db, _d) = open().await;
    let spammer = customer(&db, "Spammer", 50).await;
    let reader = customer(&db, "Reader", 0).await;
    let q = store::ask(&db, &spammer, &question("Best prices on everything today"))
        .await
        .unwrap();
    assert!(denied(reactions::flag(&db, &spammer, q.id, "spam", "").await).contains("own"));
    assert_eq!(
        reactions::flag(&db, &reader, q.id, "nonsense", "")
            .await
            .unwrap_err()
            .field_names(),
        ["reason"]
    );
    assert_eq!(
        reactions::flag(&db, &reader, q.id, "other", "")
            .await
            .unwrap_err()
            .field_names(),
        ["details"]
    );
    reactions::flag(&db, &reader, q.id, "spam", "<script>x</script>")
        .await
        .unwrap();
    assert!(denied(reactions::flag(&db, &reader, q.id, "spam", "").await).contains("already"));
    let flagged = moderation::flagged(&db.read).await.unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(
        flagged[0].flags[0].0,
        "Spam or advertising: <script>x</script>"
    );

    let mod_ = staff(&db, "mod@example.com", "Mod", Role::Agent).await;
    moderation::decide(&db, &mod_, q.id, Decision::Suspend)
        .await
        .unwrap();
    assert!(
        moderation::flagged(&db.read).await.unwrap().is_empty(),
        "flags are closed"
    );
    assert!(
        queries::question_page(&db.read, q.id, &Viewer::Anonymous, 0)
            .await
            .unwrap()
            .is_none()
    );
    let suspended: Option<i64> =
        sqlx::query_scalar("SELECT suspended_at FROM customers WHERE id = ?")
            .bind(spammer.id)
            .fetch_one(&db.read)
            .await
            .unwrap();
    assert!(suspended.is_some());
}

#[tokio::test]
async fn an_accepted_answer_becomes_a_draft_help_article_with_a_link_back() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let helper = customer(&db, "[Helper](javascript:x)", 50).await;
    let q = store::ask(&db, &asker, &question("How do I download my invoice?"))
        .await
        .unwrap();
    let a = store::answer(
        &db,
        &helper,
        q.id,
        "Open the request and choose **Download**.",
    )
    .await
    .unwrap();
    let ed = staff(&db, "ed@example.com", "Ed", Role::Editor).await;
    assert!(denied(moderation::to_faq(&db, &ed, a.id).await).contains("accepted"));
    reactions::accept(&db, &asker, a.id).await.unwrap();
    let id = moderation::to_faq(&db, &ed, a.id).await.unwrap();
    let row = app::faq::store::by_id(&db.read, id).await.unwrap().unwrap();
    assert_eq!(row.state(), app::faq::model::ArticleState::Draft);
    let fields = row.fields();
    assert_eq!(fields.title, "How do I download my invoice?");
    assert!(fields.body.contains("choose **Download**"));
    assert!(fields
        .body
        .contains(&format!("(/community/{}/{}#post-{})", q.id, q.slug, a.id)));
    assert!(
        row.body_html.contains("by [Helper](javascript:x)."),
        "the name stays text: {}",
        row.body_html
    );
    assert!(!row.body_html.contains("href=\"javascript"));
    // A second time: another draft, under another address.
    assert_ne!(moderation::to_faq(&db, &ed, a.id).await.unwrap(), id);
}

#[tokio::test]
async fn lists_page_by_keyset_without_repeats_and_search_finds_accepted_answers() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let voter = customer(&db, "Voter", 50).await;
    let mut ids = Vec::new();
    for i in 0..45 {
        let tags = if i % 5 == 0 { "refunds" } else { "billing" };
        let p = store::ask(
            &db,
            &asker,
            &Draft {
                tags: tags.into(),
                ..question(&format!("Question number {i} about invoices"))
            },
        )
        .await
        .unwrap();
        ids.push(p.id);
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (page, next) = queries::list(&db.read, Sort::Newest, None, after.as_deref())
            .await
            .unwrap();
        seen.extend(page.iter().map(|q| q.id));
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let mut expected = ids.clone();
    expected.reverse();
    assert_eq!(seen, expected, "newest first, every question once");

    reactions::vote(&db, &voter, ids[3], 1).await.unwrap();
    let (top, _) = queries::list(&db.read, Sort::Top, None, None)
        .await
        .unwrap();
    assert_eq!(top[0].id, ids[3]);
    let (tagged, next) = queries::list(&db.read, Sort::Newest, Some("refunds"), None)
        .await
        .unwrap();
    assert_eq!((tagged.len(), next), (9, None));
    let a = store::answer(
        &db,
        &voter,
        ids[7],
        "Ask for a credit note from accounting.",
    )
    .await
    .unwrap();
    let (unanswered, _) = queries::list(&db.read, Sort::Unanswered, None, None)
        .await
        .unwrap();
    assert!(!unanswered.iter().any(|q| q.id == ids[7]));

    // Search: titles, and the accepted answer once it is accepted.
    let found = |q: &'static str| {
        let db = db.clone();
        async move {
            app::faq::search::search(&db.read, q, 10)
                .await
                .unwrap()
                .community
        }
    };
    assert!(found("credit note").await.is_empty());
    reactions::accept(&db, &asker, a.id).await.unwrap();
    let hits = found("credit note").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, ids[7]);
    assert!(hits[0]
        .snippet
        .iter()
        .any(|s| s.mark && s.text.to_lowercase() == "credit"));
    assert_eq!(found("number 12").await[0].id, ids[12]);
}

#[tokio::test]
async fn deleting_or_hiding_takes_back_the_reputation_a_post_earned() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let helper = customer(&db, "Helper", 50).await;
    let voter = customer(&db, "Voter", 50).await;
    let mod_ = staff(&db, "mod@example.com", "Mod", Role::Agent).await;
    let q = store::ask(&db, &asker, &question("Can I move my appointment?"))
        .await
        .unwrap();
    let a = store::answer(&db, &helper, q.id, "Yes, from the tracking page.")
        .await
        .unwrap();
    reactions::accept(&db, &asker, a.id).await.unwrap();
    assert!(denied(store::delete_own(&db, &helper, a.id).await).contains("accepted"));
    reactions::vote(&db, &voter, a.id, 1).await.unwrap();
    reactions::vote(&db, &voter, q.id, 1).await.unwrap();
    assert_eq!(reputation(&db, &helper).await, 50 + 15 + 10);
    assert_eq!(reputation(&db, &asker).await, 55);

    moderation::decide(&db, &mod_, a.id, Decision::Hide)
        .await
        .unwrap();
    assert_eq!(
        reputation(&db, &helper).await,
        60,
        "a hidden answer is no longer accepted"
    );
    moderation::decide(&db, &mod_, a.id, Decision::Delete)
        .await
        .unwrap();
    assert_eq!(
        reputation(&db, &helper).await,
        50,
        "nothing is kept from a deleted answer"
    );
    moderation::decide(&db, &mod_, q.id, Decision::Delete)
        .await
        .unwrap();
    assert_eq!(reputation(&db, &asker).await, 50);
    let votes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM community_votes")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(votes, 0);
}

#[tokio::test]
async fn an_untrusted_accounts_edit_goes_back_to_moderation() {
    let (db, _d) = open().await;
    let newbie = customer(&db, "Newbie", 0).await;
    let mod_ = staff(&db, "mod@example.com", "Mod", Role::Agent).await;
    let q = store::ask(&db, &newbie, &question("A harmless question to start"))
        .await
        .unwrap();
    moderation::decide(&db, &mod_, q.id, Decision::Approve)
        .await
        .unwrap();
    let spam = Draft {
        body: "Now selling [watches](https://spam.example).".into(),
        ..question("A harmless question to start")
    };
    let (_, _, state) = store::edit(&db, &newbie, q.id, &spam).await.unwrap();
    assert_eq!(state, PostState::Queued);
    assert!(
        queries::question_page(&db.read, q.id, &Viewer::Anonymous, 0)
            .await
            .unwrap()
            .is_none()
    );
    // One upvote (10) is not trust: reputation alone needs 50.
    let ten = customer(&db, "Ten", 10).await;
    let b = store::ask(&db, &ten, &question("My first question here"))
        .await
        .unwrap();
    assert_eq!(b.state, PostState::Queued);
}

#[tokio::test]
async fn ids_in_a_post_cannot_take_over_the_pages_own() {
    let (db, _d) = open().await;
    let asker = customer(&db, "Asker", 50).await;
    let draft = Draft {
        body: "## Preview body\n\nSee [below](#preview-body) and a note.[^1]\n\n[^1]: The note."
            .into(),
        ..question("Headings that look like page ids")
    };
    let q = store::ask(&db, &asker, &draft).await.unwrap();
    let page = queries::question_page(&db.read, q.id, &Viewer::Anonymous, 0)
        .await
        .unwrap()
        .unwrap();
    let html = page.question.html;
    assert!(!html.contains("id=\"preview-body\""), "{html}");
    assert!(!html.contains("href=\"#preview-body\""), "{html}");
    let id = html
        .split("<h2 id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(id.starts_with('u') && id.ends_with("-preview-body"), "{id}");
    assert!(
        html.contains(&format!("href=\"#{id}\"")),
        "links within the post still work"
    );
}
