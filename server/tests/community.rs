//! The community and customer accounts over HTTP, against the real app on its own database.
//! Every rule of who may do what is checked by calling the endpoint directly, as an attacker
//! would, not through the page that hides the button.

mod common;

use common::TestApp;

/// Asks a question as `cookie`; returns the redirect target.
async fn ask(app: &TestApp, cookie: &str, title: &str, body: &str, tags: &str) -> common::Page {
    app.post_form(
        "/community/ask",
        &[
            ("intent", "ask"),
            ("title", title),
            ("body", body),
            ("tags", tags),
            ("website", ""),
        ],
        Some(cookie),
    )
    .await
}

/// Calls a server function directly, as a script would.
async fn api(app: &TestApp, path: &str, body: String, cookie: Option<&str>) -> common::Page {
    let origin = app.origin();
    let mut headers = vec![("origin", origin.as_str())];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    app.post_raw(path, body, &headers).await
}

/// The question path ("/community/1/slug") and post id of a redirect after posting.
fn posted(res: &common::Page) -> (String, i64) {
    assert_eq!(res.status, 303, "{}", res.body);
    let loc = res.location();
    let path = loc.split(['?', '#']).next().unwrap().to_owned();
    let id = loc.rsplit("#post-").next().unwrap().parse().unwrap();
    (path, id)
}

#[tokio::test]
async fn sign_up_looks_the_same_whether_or_not_the_email_is_registered() {
    let app = TestApp::start_with(false).await;
    app.customer_session("ana@example.com", "Ana").await;
    let form = |email: &'static str| {
        [
            ("display_name", "Someone"),
            ("email", email),
            ("password", "a different passphrase"),
            ("website", ""),
        ]
    };
    let known = app
        .post_form("/account/signup", &form("ana@example.com"), None)
        .await;
    let new = app
        .post_form("/account/signup", &form("new@example.com"), None)
        .await;
    assert_eq!((known.status, new.status), (303, 303));
    assert_eq!(known.location(), new.location());
    assert_eq!(known.body, new.body);
    assert!(known.headers.get("set-cookie").is_none() && new.headers.get("set-cookie").is_none());
    let page = app.get(&known.location()).await;
    assert!(page.body.contains("Check your email"));

    // A weak password: the message at its field, the rest kept, the password not echoed.
    let res = app
        .post_form(
            "/account/signup",
            &[
                ("display_name", "Bo"),
                ("email", "bo@example.com"),
                ("password", "iloveyou1"),
                ("website", ""),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("most common"));
    assert_eq!(res.input_value("email").as_deref(), Some("bo@example.com"));
    assert!(!res.body.contains("iloveyou1"));
    assert!(
        res.body.contains("href=\"#password\""),
        "the error summary links to the field"
    );
}

#[tokio::test]
async fn a_new_accounts_question_waits_for_a_moderator() {
    let app = TestApp::start_with(false).await;
    let newbie = app.customer_session("new@example.com", "Newbie").await;
    let other = app.customer_session("other@example.com", "Other").await;
    let res = ask(
        &app,
        &newbie,
        "How do I change my email address?",
        "I moved to a new provider.",
        "account",
    )
    .await;
    assert!(res.location().contains("?queued=1"));
    let (path, id) = posted(&res);
    let mine = app.get_with_cookie(&path, &newbie).await;
    assert_eq!(mine.status, 200);
    assert!(mine.body.contains("Waiting for a moderator"));
    assert_eq!(app.get_with_cookie(&path, &other).await.status, 404);
    assert_eq!(app.get(&path).await.status, 404);
    let res = api(
        &app,
        "/api/community/question",
        format!("id={id}"),
        Some(&other),
    )
    .await;
    assert_eq!(
        res.status, 404,
        "the server function refuses it too: {}",
        res.body
    );
    assert!(!app.get("/community").await.body.contains("change my email"));

    let staff = app
        .staff_session("mod@example.com", app::staff::model::Role::Agent)
        .await;
    let queue = app.get_with_cookie("/staff/moderation", &staff).await;
    assert!(queue.body.contains("How do I change my email address?"));
    let res = app
        .post_form(
            "/staff/moderation",
            &[("intent", "approve"), ("post_id", &id.to_string())],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(app.get(&path).await.status, 200);
    assert!(app
        .get("/community")
        .await
        .body
        .contains("How do I change my email address?"));
}

#[tokio::test]
async fn nobody_acts_on_someone_elses_post_or_calls_a_staff_function() {
    let app = TestApp::start_with(false).await;
    let asker = app.customer_session("asker@example.com", "Asker").await;
    let other = app.customer_session("other@example.com", "Other").await;
    app.trust("asker@example.com").await;
    app.trust("other@example.com").await;
    let (path, qid) = posted(
        &ask(
            &app,
            &asker,
            "Why was I charged twice?",
            "Two charges on my card.",
            "billing",
        )
        .await,
    );
    let (_, aid) = posted(
        &app.post_form(
            &path,
            &[
                ("intent", "answer"),
                ("body", "Pending charges drop off."),
                ("website", ""),
            ],
            Some(&other),
        )
        .await,
    );

    // Someone else's question: no edit, delete or accept.
    let res = app
        .post_form(
            &format!("/community/posts/{qid}/edit"),
            &[
                ("intent", "save"),
                ("title", "Hijacked question title"),
                ("body", "x"),
                ("tags", ""),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("only edit your own posts"));
    let res = app
        .post_form(
            &path,
            &[("intent", "delete"), ("post_id", &qid.to_string())],
            Some(&other),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .post_form(
            &path,
            &[("intent", "accept"), ("post_id", &aid.to_string())],
            Some(&other),
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("Only the person who asked"));
    let res = api(
        &app,
        "/api/community/edit",
        format!("id={qid}"),
        Some(&other),
    )
    .await;
    assert_eq!(res.status, 404);
    let res = api(&app, "/api/community/edit", format!("id={qid}"), None).await;
    assert_eq!(res.status, 401);

    // Own post: no vote. Another's: once, however often it is sent.
    let res = app
        .post_form(
            &path,
            &[("intent", "up"), ("post_id", &qid.to_string())],
            Some(&asker),
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("your own post"));
    for _ in 0..2 {
        app.post_form(
            &path,
            &[("intent", "up"), ("post_id", &aid.to_string())],
            Some(&asker),
        )
        .await;
    }
    app.post_form(
        &path,
        &[("intent", "up"), ("post_id", &aid.to_string())],
        Some(&asker),
    )
    .await;
    assert_eq!(
        app.count(&format!("SELECT up FROM community_posts WHERE id = {aid}"))
            .await,
        1
    );

    // Signed out: sent to sign in, nothing done.
    let res = app
        .post_form(
            &path,
            &[("intent", "up"), ("post_id", &qid.to_string())],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(res
        .location()
        .starts_with("/account/login?next=/community/"));
    let res = app
        .post_form(
            "/community/ask",
            &[
                ("intent", "ask"),
                ("title", "Signed out question"),
                ("body", "x"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), "/account/login?next=/community/ask");

    // A customer calling staff functions: refused, nothing changed.
    let aid_text = aid.to_string();
    for intent in ["endorse", "to_faq"] {
        let form = [("intent", intent), ("post_id", aid_text.as_str())];
        let res = app.post_form(&path, &form, Some(&asker)).await;
        assert_eq!(res.status, 403, "{intent}");
        assert!(res.body.contains("Only staff can"));
    }
    let res = app
        .post_form(
            "/staff/moderation",
            &[("intent", "delete"), ("post_id", &qid.to_string())],
            Some(&asker),
        )
        .await;
    assert_eq!(res.status, 403, "a customer is told it is for staff");
    let res = api(&app, "/api/staff/moderation", String::new(), Some(&asker)).await;
    assert_eq!(res.status, 401);
    assert_eq!(app.count("SELECT COUNT(*) FROM community_posts").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM community_posts WHERE endorsed_by IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM faq_articles WHERE title LIKE 'Why was I%'")
            .await,
        0
    );
    let res = app
        .post_raw(
            "/community/preview",
            "body=hi".into(),
            &[("origin", &app.origin())],
        )
        .await;
    assert_eq!(
        res.status, 401,
        "the live preview is for signed-in customers"
    );
}

#[tokio::test]
async fn markup_stays_text_in_titles_bodies_names_and_tags() {
    let app = TestApp::start_with(false).await;
    let evil = app
        .customer_session("evil@example.com", "<img src=x onerror=alert(1)>")
        .await;
    app.trust("evil@example.com").await;
    let (path, _) = posted(
        &ask(
            &app,
            &evil,
            "<script>alert('t')</script> in my title",
            "<script>alert('b')</script>\n\n**bold**",
            "<b>tag</b>",
        )
        .await,
    );
    let staff = app
        .staff_session("mod@example.com", app::staff::model::Role::Agent)
        .await;
    let reader = app.customer_session("reader@example.com", "Reader").await;
    let res = app
        .post_form(
            &path,
            &[
                ("intent", "flag"),
                ("post_id", path.split('/').nth(2).unwrap()),
                ("reason", "spam"),
                ("details", "<i>x</i>"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    for (page, cookie) in [
        (path.clone(), None),
        ("/community".to_string(), None),
        ("/community?sort=top".to_string(), Some(evil.as_str())),
        ("/faq/search?q=title".to_string(), None),
        ("/staff/moderation".to_string(), Some(staff.as_str())),
    ] {
        let res = match cookie {
            Some(c) => app.get_with_cookie(&page, c).await,
            None => app.get(&page).await,
        };
        assert_eq!(res.status, 200, "{page}");
        assert!(!res.body.contains("<script>alert"), "{page}");
        assert!(!res.body.contains("<img src=x"), "{page}");
        assert!(!res.body.contains("<b>tag</b>"), "{page}");
        assert!(!res.body.contains("<i>x</i>"), "{page}");
    }
    let q = app.get(&path).await;
    assert!(
        q.body.contains("&lt;script&gt;alert"),
        "the title is shown as text"
    );
    assert!(
        q.body.contains("<strong>bold</strong>"),
        "Markdown still renders"
    );
    let (_, aid) = posted(
        &app.post_form(
            &path,
            &[
                ("intent", "answer"),
                ("body", "See [this](https://spam.example)."),
                ("website", ""),
            ],
            Some(&evil),
        )
        .await,
    );
    // A flag without a reason: told at that post's flag form, what was typed kept.
    let res = app
        .post_form(
            &path,
            &[
                ("intent", "flag"),
                ("post_id", &aid.to_string()),
                ("details", "it <is> spam"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains(&format!("href=\"#flag-{aid}\"")),
        "the summary links to the form"
    );
    assert!(
        res.body
            .contains(&format!("id=\"flag-{aid}\" tabindex=\"-1\" open")),
        "that form is open"
    );
    assert!(res.body.contains("it &lt;is&gt; spam"));
    let q = app.get(&path).await;
    assert!(
        q.body.contains(
            r#"<a href="https://spam.example" rel="nofollow ugc noopener noreferrer">this</a>"#
        ),
        "answer {aid}: customers' links earn no ranking"
    );
    assert!(
        q.body.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the name is shown as text"
    );
    let staff_page = app.get_with_cookie("/staff/moderation", &staff).await;
    assert!(staff_page.body.contains("&lt;i&gt;x&lt;/i&gt;"));
}

#[tokio::test]
async fn simultaneous_votes_over_http_are_counted_exactly() {
    let app = TestApp::start_with(false).await;
    let asker = app.customer_session("asker@example.com", "Asker").await;
    app.trust("asker@example.com").await;
    let (path, qid) = posted(
        &ask(
            &app,
            &asker,
            "Is the portal down for anyone else?",
            "It loads slowly.",
            "",
        )
        .await,
    );
    let mut cookies = Vec::new();
    for i in 0..40 {
        let id: i64 = app::sqlx::query_scalar(
            "INSERT INTO customers (email, display_name, password_hash, created_at) VALUES (?, ?, 'x', 0) RETURNING id",
        )
        .bind(format!("v{i}@example.com"))
        .bind(format!("Voter {i}"))
        .fetch_one(&app.db.write)
        .await
        .unwrap();
        let token = app::session::start(&app.db, app::session::Holder::Customer(id))
            .await
            .unwrap();
        cookies.push(format!("waybill_session={token}"));
    }
    let app = std::sync::Arc::new(app);
    let mut tasks = tokio::task::JoinSet::new();
    for c in cookies {
        let (app, path) = (app.clone(), path.clone());
        tasks.spawn(async move {
            app.post_form(
                &path,
                &[("intent", "up"), ("post_id", &qid.to_string())],
                Some(&c),
            )
            .await
            .status
        });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.unwrap(), 303);
    }
    assert_eq!(
        app.count(&format!("SELECT up FROM community_posts WHERE id = {qid}"))
            .await,
        40
    );
    assert_eq!(
        app.count("SELECT reputation FROM customers WHERE email = 'asker@example.com'")
            .await,
        50 + 40 * 5
    );
    assert!(app.get(&path).await.body.contains("Score 40"));
}

#[tokio::test]
async fn posting_is_rate_limited_and_bots_are_turned_away() {
    let app = TestApp::start_with(false).await;
    let me = app.customer_session("busy@example.com", "Busy").await;
    app.trust("busy@example.com").await;
    let res = app
        .post_form(
            "/community/ask",
            &[
                ("intent", "ask"),
                ("title", "A question from a bot"),
                ("body", "buy"),
                ("website", "http://spam.example"),
            ],
            Some(&me),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM community_posts").await, 0);

    // Preview without JavaScript: the rendered body, everything typed kept.
    let res = app
        .post_form(
            "/community/ask",
            &[
                ("intent", "preview"),
                ("title", "What does **this** look like?"),
                ("body", "Some *emphasis*"),
                ("tags", "x"),
            ],
            Some(&me),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("<em>emphasis</em>"));
    assert_eq!(
        res.input_value("title").as_deref(),
        Some("What does **this** look like?")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM community_posts").await, 0);

    let mut last = 0;
    for i in 0..11 {
        last = ask(
            &app,
            &me,
            &format!("Question number {i} for the limit"),
            "body",
            "",
        )
        .await
        .status;
    }
    assert_eq!(last, 429);
    let res = ask(&app, &me, "One more question please", "body", "").await;
    assert_eq!(res.status, 429);
    assert!(res.headers.get("retry-after").is_some());
    assert!(res.body.contains("too many attempts"));
    assert_eq!(
        res.input_value("title").as_deref(),
        Some("One more question please"),
        "nothing typed is lost"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM community_posts").await, 10);
}

#[tokio::test]
async fn the_faq_search_finds_community_questions_in_their_own_group() {
    let app = TestApp::start_with(false).await;
    let asker = app.customer_session("asker@example.com", "Asker").await;
    let helper = app.customer_session("helper@example.com", "Helper").await;
    app.trust("asker@example.com").await;
    app.trust("helper@example.com").await;
    let (path, _) = posted(
        &ask(
            &app,
            &asker,
            "Can I pay my invoice by bank transfer?",
            "Card only?",
            "billing",
        )
        .await,
    );
    let (_, aid) = posted(
        &app.post_form(
            &path,
            &[
                ("intent", "answer"),
                ("body", "Yes: use the IBAN printed on the invoice."),
                ("website", ""),
            ],
            Some(&helper),
        )
        .await,
    );
    assert!(!app
        .get("/faq/search?q=iban")
        .await
        .body
        .contains("From the community"));
    app.post_form(
        &path,
        &[("intent", "accept"), ("post_id", &aid.to_string())],
        Some(&asker),
    )
    .await;
    let res = app.get("/faq/search?q=iban").await;
    assert!(res.body.contains("From the community"));
    assert!(res.body.contains(&path));
    assert!(res.body.contains("<mark>IBAN</mark>"));
    let page = app.get(&path).await;
    assert!(page.body.contains("Accepted answer"));
    // The short address redirects to the full one.
    let id = path.split('/').nth(2).unwrap();
    let res = app.get(&format!("/community/{id}")).await;
    assert_eq!(res.status, 301);
    assert_eq!(res.location(), path);
}
