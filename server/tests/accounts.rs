//! Customer accounts over HTTP: sessions, password changes, suspension, sign-up limits; and
//! the staff actions on answers.

mod common;

use app::staff::model::Role;
use common::TestApp;

#[tokio::test]
async fn sessions_are_new_at_every_sign_in_and_end_on_the_server() {
    let app = TestApp::start_with(false).await;
    let first = app.customer_session("ana@example.com", "Ana").await;
    let login = |password: &'static str| {
        let app = &app;
        async move {
            app.post_form(
                "/account/login?next=/community/ask",
                &[("email", "ana@example.com"), ("password", password)],
                None,
            )
            .await
        }
    };
    let wrong = login("not the password").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .body
        .contains("The email address or the password is not right."));
    let res = login("violet kettle harbour").await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.location(),
        "/community/ask",
        "back where they were going"
    );
    let cookie = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let second = res.session_cookie().unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    assert!(app
        .get_with_cookie("/community", &second)
        .await
        .body
        .contains("Signed in as"));

    // Signing out ends the session on the server: the old cookie no longer works.
    let res = app.post_form("/account/logout", &[], Some(&second)).await;
    assert_eq!(res.status, 303);
    assert!(!app
        .get_with_cookie("/community", &second)
        .await
        .body
        .contains("Signed in as"));
    assert!(app
        .get_with_cookie("/community", &first)
        .await
        .body
        .contains("Signed in as"));

    // A customer session is not a staff session.
    let res = app.get_with_cookie("/staff", &first).await;
    assert_eq!(res.status, 302);
    assert!(res.location().starts_with("/staff/login"));
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_signs_other_devices_out() {
    let app = TestApp::start_with(false).await;
    let here = app.customer_session("ana@example.com", "Ana").await;
    let other_device = app
        .post_form(
            "/account/login",
            &[
                ("email", "ana@example.com"),
                ("password", "violet kettle harbour"),
            ],
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    let change = |current: &'static str, new: &'static str| {
        let (app, here) = (&app, here.clone());
        async move {
            app.post_form(
                "/account/password",
                &[("current_password", current), ("new_password", new)],
                Some(&here),
            )
            .await
        }
    };
    let res = change("wrong one", "a brand new passphrase").await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("This is not your current password."));
    let res = change("violet kettle harbour", "12345678").await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("most common"));
    let res = change("violet kettle harbour", "a brand new passphrase").await;
    assert_eq!(res.status, 303);
    assert!(app
        .get_with_cookie("/account/password?changed=1", &here)
        .await
        .body
        .contains("Your password is changed"));
    assert!(!app
        .get_with_cookie("/community", &other_device)
        .await
        .body
        .contains("Signed in as"));
    let res = app
        .post_form(
            "/account/login",
            &[
                ("email", "ana@example.com"),
                ("password", "a brand new passphrase"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    // Signed out, the page sends you to sign in.
    let res = app.get("/account/password").await;
    assert_eq!(res.status, 302);
    assert_eq!(res.location(), "/account/login?next=/account/password");
}

#[tokio::test]
async fn sign_ups_are_limited_per_address_and_links_work_once() {
    let app = TestApp::start_with(false).await;
    for i in 0..5 {
        let email = format!("p{i}@example.com");
        let res = app
            .post_form(
                "/account/signup",
                &[
                    ("display_name", "Pat"),
                    ("email", &email),
                    ("password", "violet kettle harbour"),
                ],
                None,
            )
            .await;
        assert_eq!(res.status, 303);
    }
    let res = app
        .post_form(
            "/account/signup",
            &[
                ("display_name", "Pat"),
                ("email", "p9@example.com"),
                ("password", "violet kettle harbour"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 429);
    assert!(res.body.contains("too many attempts"));
    assert_eq!(res.input_value("email").as_deref(), Some("p9@example.com"));

    let token = app.mailed_token("p0@example.com").await;
    let page = app.get(&format!("/account/confirm?token={token}")).await;
    assert_eq!(page.status, 200, "a GET only shows the button");
    let confirmed = "SELECT COUNT(*) FROM customers";
    assert_eq!(app.count(confirmed).await, 0);
    assert_eq!(
        app.post_form(
            "/account/confirm",
            &[("token", &token), ("password", "violet kettle harbour")],
            None
        )
        .await
        .status,
        303
    );
    assert_eq!(app.count(confirmed).await, 1);
    let again = app
        .post_form(
            "/account/confirm",
            &[("token", &token), ("password", "violet kettle harbour")],
            None,
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("expired or was already used"));
}

#[tokio::test]
async fn staff_endorse_answers_turn_them_into_drafts_and_suspend_accounts() {
    let app = TestApp::start_with(false).await;
    let asker = app.customer_session("asker@example.com", "Asker").await;
    let helper = app.customer_session("helper@example.com", "Helper").await;
    app.trust("asker@example.com").await;
    app.trust("helper@example.com").await;
    let res = app
        .post_form(
            "/community/ask",
            &[
                ("intent", "ask"),
                ("title", "How do I print my invoice?"),
                ("body", "I need paper."),
                ("website", ""),
            ],
            Some(&asker),
        )
        .await;
    let path = res.location().split('#').next().unwrap().to_owned();
    let res = app
        .post_form(
            &path,
            &[
                ("intent", "answer"),
                ("body", "Use **Print** in your browser."),
                ("website", ""),
            ],
            Some(&helper),
        )
        .await;
    let aid = res.location().rsplit("#post-").next().unwrap().to_owned();
    app.post_form(
        &path,
        &[("intent", "accept"), ("post_id", &aid)],
        Some(&asker),
    )
    .await;

    let staff = app.staff_session("agent@example.com", Role::Agent).await;
    let res = app
        .post_form(
            &path,
            &[("intent", "endorse"), ("post_id", &aid)],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(app
        .get(&path)
        .await
        .body
        .contains("Staff endorsed (Test Agent)"));
    let res = app
        .post_form(
            &path,
            &[("intent", "to_faq"), ("post_id", &aid)],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(
        res.location().starts_with("/staff/faq/"),
        "{}",
        res.location()
    );
    let editor = app.get_with_cookie(&res.location(), &staff).await;
    assert!(editor.body.contains("How do I print my invoice?"));
    assert!(editor.body.contains("Use **Print** in your browser."));
    assert!(editor.body.contains("an answer in the community"));

    // Suspending: the account's sessions end and its posts are hidden.
    let res = app
        .post_form(
            "/staff/moderation",
            &[("intent", "suspend"), ("post_id", &aid)],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(!app
        .get_with_cookie("/community", &helper)
        .await
        .body
        .contains("Signed in as"));
    assert!(!app
        .get(&path)
        .await
        .body
        .contains("Use <strong>Print</strong>"));
    let res = app
        .post_form(
            "/account/login",
            &[
                ("email", "helper@example.com"),
                ("password", "violet kettle harbour"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("This account is suspended"));
}
