//! FAQ over HTTP against the running app: reading, search, authoring by role, preview without
//! JavaScript, renames, votes, and the staff functions' checks.

mod common;

use app::staff::model::Role;
use common::TestApp;

/// An editor form with every field filled in.
fn form<'a>(intent: &'a str, title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("intent", intent),
        ("title", title),
        ("slug", ""),
        ("category", "Billing"),
        ("tags", "refunds, money"),
        ("summary", "How and when you get your money back."),
        ("order", "1"),
        ("body", body),
    ]
}

/// The article id a save redirected to (`/staff/faq/{id}?saved=…`).
fn saved_id(location: &str) -> String {
    location
        .trim_start_matches("/staff/faq/")
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn customers_browse_read_and_search_the_shipped_articles() {
    let app = TestApp::start().await;
    let index = app.get("/faq").await;
    assert_eq!(index.status, 200);
    assert!(index.body.contains("Tracking your request"));
    assert!(index.body.contains("href=\"/faq/what-is-a-tracking-code\""));

    let page = app.get("/faq/what-is-a-tracking-code").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("aria-label=\"Breadcrumb\""));
    assert!(page.body.contains("On this page"), "a table of contents");
    assert!(page.body.contains("Last updated"));
    assert!(page.body.contains("Related articles"));
    assert!(page.body.contains("Was this helpful?"));

    let missing = app.get("/faq/no-such-article").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("can't find that article"));

    let found = app.get("/faq/search?q=cafe").await;
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains("href=\"/faq/too-many-tries\""),
        "diacritics folded"
    );
    assert!(found.body.contains("<mark>"));

    let empty = app.get("/faq/search?q=trakcing+cdoe").await;
    assert!(empty.body.contains("No help articles match"));
    assert!(empty.body.contains("Did you mean"));
    assert!(empty.body.contains("Most read"));
}

#[tokio::test]
async fn agents_draft_editors_publish_and_customers_see_only_published() {
    let app = TestApp::start_with(false).await;
    let agent = app.staff_session("agent@example.com", Role::Agent).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;

    let res = app
        .post_form(
            "/staff/faq/new",
            &form("draft", "Refunds", "## When\n\nWithin 5 days."),
            Some(&agent),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let id = saved_id(&res.location());
    assert_eq!(
        app.get("/faq/refunds").await.status,
        404,
        "drafts are not public"
    );

    let path = format!("/staff/faq/{id}");
    let res = app
        .post_form(
            &path,
            &form("publish", "Refunds", "## When\n\nWithin 5 days."),
            Some(&agent),
        )
        .await;
    assert_eq!(res.status, 403, "agents may not publish");
    assert_eq!(app.get("/faq/refunds").await.status, 404);

    let res = app
        .post_form(
            &path,
            &form("publish", "Refunds", "## When\n\nWithin 5 days."),
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 303);
    let public = app.get("/faq/refunds").await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("Within 5 days."));

    // Now public: an agent can't change it.
    let res = app
        .post_form(&path, &form("draft", "Refunds", "Gone."), Some(&agent))
        .await;
    assert_eq!(res.status, 403);
    assert!(app
        .get("/faq/refunds")
        .await
        .body
        .contains("Within 5 days."));

    // Archived: gone from every public page.
    let res = app
        .post_form(
            &path,
            &form("archive", "Refunds", "## When\n\nWithin 5 days."),
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(app.get("/faq/refunds").await.status, 404);
    assert!(!app.get("/faq").await.body.contains("/faq/refunds"));
    assert!(!app
        .get("/faq/search?q=refunds")
        .await
        .body
        .contains("/faq/refunds"));
}

#[tokio::test]
async fn preview_without_javascript_renders_and_keeps_everything_typed() {
    let app = TestApp::start_with(false).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let res = app
        .post_form(
            "/staff/faq/new",
            &form(
                "preview",
                "Refunds <b>now</b>",
                "## Steps\n\n- [x] ask\n\n<script>alert(1)</script>",
            ),
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(
        res.body.contains("<h2 id=\"steps\">"),
        "rendered as it will publish"
    );
    assert!(res.body.contains("disabled"), "task list boxes");
    assert!(
        !res.body.contains("<script>alert(1)"),
        "raw HTML never runs"
    );
    assert!(
        res.body.contains("&lt;script&gt;alert(1)"),
        "…it shows as text"
    );
    assert_eq!(
        res.input_value("title").as_deref(),
        Some("Refunds &lt;b&gt;now&lt;/b&gt;")
    );
    assert!(res.body.contains("How and when you get your money back."));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM faq_articles").await,
        0,
        "a preview saves nothing"
    );
}

#[tokio::test]
async fn mistakes_come_back_at_their_fields_with_everything_kept() {
    let app = TestApp::start_with(false).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let mut f = form("publish", "", "Some body text that must survive.");
    f[6] = ("order", "third");
    let res = app.post_form("/staff/faq/new", &f, Some(&editor)).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Enter the position as a whole number"));
    assert!(res.body.contains("Some body text that must survive."));
    let f = form("publish", "", "Some body text that must survive.");
    let res = app.post_form("/staff/faq/new", &f, Some(&editor)).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("href=\"#title\""), "in the error summary");
    assert!(res.body.contains("Enter a title."));
    let huge = "x".repeat(120_000);
    let res = app
        .post_form(
            "/staff/faq/new",
            &form("publish", "Huge", &huge),
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains("the limit is 100,000"),
        "{}",
        &res.body[..200.min(res.body.len())]
    );
}

#[tokio::test]
async fn markup_in_any_field_stays_text_on_every_page() {
    let app = TestApp::start_with(false).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let mut f = form(
        "publish",
        "<img src=x onerror=alert(1)> title",
        "[x](javascript:alert(2)) <iframe src=//e.example></iframe>",
    );
    f[3] = ("category", "<script>alert(3)</script>");
    f[4] = ("tags", "<b>tag</b>");
    f[5] = ("summary", "\"><svg onload=alert(4)>");
    let res = app.post_form("/staff/faq/new", &f, Some(&editor)).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let slug = "img-src-x-onerror-alert-1-title";
    for page in [
        format!("/faq/{slug}"),
        "/faq".into(),
        "/faq/search?q=title".into(),
        "/staff/faq".into(),
    ] {
        let res = app.get_with_cookie(&page, &editor).await;
        assert_eq!(res.status, 200, "{page}");
        for bad in [
            "<img src=x",
            "<script>alert(3)",
            "<svg onload",
            "javascript:alert",
            "<iframe",
            "<b>tag",
        ] {
            assert!(!res.body.contains(bad), "{page} contains {bad}");
        }
    }
}

#[tokio::test]
async fn a_renamed_article_redirects_permanently_and_revisions_restore() {
    let app = TestApp::start_with(false).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let res = app
        .post_form(
            "/staff/faq/new",
            &form("publish", "Refunds", "First text."),
            Some(&editor),
        )
        .await;
    let id = saved_id(&res.location());
    let path = format!("/staff/faq/{id}");
    let mut f = form("publish", "Refunds", "Second text.");
    f[2] = ("slug", "getting-your-money-back");
    assert_eq!(app.post_form(&path, &f, Some(&editor)).await.status, 303);
    let old = app.get("/faq/refunds").await;
    assert_eq!(old.status, 301);
    assert_eq!(old.location(), "/faq/getting-your-money-back");
    assert!(app
        .get("/faq/getting-your-money-back")
        .await
        .body
        .contains("Second text."));

    let first_rev: i64 = app
        .count(&format!(
            "SELECT min(id) FROM faq_revisions WHERE article_id = {id}"
        ))
        .await;
    let rev_page = app
        .get_with_cookie(&format!("{path}/revisions/{first_rev}"), &editor)
        .await;
    assert!(rev_page.body.contains("First text."));
    let res = app
        .post_form(
            &format!("{path}/revisions/{first_rev}"),
            &[("intent", "restore")],
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 303);
    let now = app.get("/faq/refunds").await;
    assert_eq!(
        now.status, 200,
        "the restored revision had the first address"
    );
    assert!(now.body.contains("First text."));
    let editor_page = app.get_with_cookie(&path, &editor).await;
    assert_eq!(
        editor_page.body.matches("by Test Agent").count(),
        3,
        "three saves in the history"
    );
}

#[tokio::test]
async fn one_vote_per_browser_and_staff_see_the_feedback() {
    let app = TestApp::start_with(false).await;
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let res = app
        .post_form(
            "/staff/faq/new",
            &form("publish", "Refunds", "Text."),
            Some(&editor),
        )
        .await;
    let id = saved_id(&res.location());
    let first = app
        .post_form(
            "/faq/refunds",
            &[("helpful", "no"), ("comment", "Say <b>how</b> long")],
            None,
        )
        .await;
    assert_eq!(first.status, 303);
    assert_eq!(first.location(), "/faq/refunds?voted=1#helpful");
    let cookie = first.headers["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("waybill_voter="));
    // The same browser changes its mind; a second browser votes too.
    app.post_form("/faq/refunds", &[("helpful", "yes")], Some(&cookie))
        .await;
    app.post_form("/faq/refunds", &[("helpful", "yes")], None)
        .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM faq_votes").await, 2);
    let staff = app
        .get_with_cookie(&format!("/staff/faq/{id}"), &editor)
        .await;
    assert!(staff.body.contains("2 found it helpful, 0 did not."));
    assert!(staff.body.contains("Say &lt;b&gt;how&lt;/b&gt; long"));
    let thanks = app.get("/faq/refunds?voted=1").await;
    assert!(thanks.body.contains("Thanks for telling us"));

    let long = "x".repeat(1001);
    let res = app
        .post_form(
            "/faq/refunds",
            &[("helpful", "yes"), ("comment", &long)],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains("1000 characters or fewer"),
        "{}",
        &res.body[res.body.find("<main").unwrap_or(0)..]
    );
    let res = app
        .post_form("/faq/nothing", &[("helpful", "yes")], None)
        .await;
    assert_eq!(res.status, 404);
}

#[tokio::test]
async fn faq_staff_functions_and_forms_refuse_customers() {
    let app = TestApp::start().await;
    for (path, body) in [
        ("/api/staff/faq/list", String::new()),
        ("/api/staff/faq/editor", "id=1".into()),
        ("/api/staff/faq/revision", "id=1&revision=1".into()),
    ] {
        let res = app
            .post_raw(path, body, &[("origin", app.base.as_str())])
            .await;
        assert_eq!(res.status, 401, "{path}");
    }
    for page in [
        "/staff/faq",
        "/staff/faq/new",
        "/staff/faq/1",
        "/staff/faq/1/revisions/1",
    ] {
        let res = app.get(page).await;
        assert_eq!(res.status, 302, "{page}");
        assert!(res.location().starts_with("/staff/login"));
    }
    let before = app.count("SELECT COUNT(*) FROM faq_revisions").await;
    let res = app
        .post_form("/staff/faq/new", &form("publish", "Sneaky", "x"), None)
        .await;
    assert_eq!(res.location(), "/staff/login?next=/staff/faq/new");
    let res = app
        .post_form("/staff/faq/1/revisions/1", &[("intent", "restore")], None)
        .await;
    assert_eq!(res.location(), "/staff/login?next=/staff/faq/1/revisions/1");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM faq_revisions").await,
        before
    );
    // Public functions answer anyone.
    let res = app
        .post_raw(
            "/api/faq/search",
            "q=code".into(),
            &[("origin", app.base.as_str())],
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("what-is-a-tracking-code"));
    // Search as you type gets the results as HTML, with what was typed escaped.
    let res = app.get("/faq/results?q=%3Cb%3Ezz").await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("No help articles match") && res.body.contains("&lt;b&gt;zz"));
    assert!(!res.body.contains("<b>zz"));
    let res = app.get("/faq/results?q=tracking+code").await;
    assert!(
        res.body.contains("<mark>") && res.body.contains("href=\"/faq/what-is-a-tracking-code\"")
    );
    // The live preview is for staff only, and renders like publishing.
    let res = app
        .post_form("/staff/faq/preview", &[("body", "## Hi")], None)
        .await;
    assert_eq!(res.status, 401);
    let editor = app.staff_session("editor@example.com", Role::Editor).await;
    let res = app
        .post_form(
            "/staff/faq/preview",
            &[("body", "## Hi\n\n<script>x</script>")],
            Some(&editor),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("<h2 id=\"hi\">") && res.body.contains("&lt;script&gt;"));
    let huge = "x".repeat(120_000);
    let res = app
        .post_form("/staff/faq/preview", &[("body", &huge)], Some(&editor))
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("the limit is 100,000"));
}
