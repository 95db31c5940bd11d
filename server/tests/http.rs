//! HTTP tests against the running app: each test starts the real server on its own SQLite file.

mod common;

use app::staff::model::Role;
use common::{enc, TestApp};

fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}

#[tokio::test]
async fn health_and_security_headers() {
    let app = TestApp::start().await;
    let health = app.get("/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));

    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    let csp = home.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    let nonce = nonce_of(&home);
    assert!(
        home.body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the response's nonce"
    );
    assert_eq!(home.headers["x-content-type-options"], "nosniff");
    assert_eq!(home.headers["referrer-policy"], "same-origin");
    let other = app.get("/").await;
    assert!(!other.body.contains(&nonce), "a new nonce per response");

    let missing = app.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
}

/// The nonce in a response's CSP header.
fn nonce_of(page: &common::Page) -> String {
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    nonce.to_owned()
}

#[tokio::test]
async fn a_tracking_page_seen_again_gets_its_own_nonce() {
    let app = TestApp::start().await;
    let code = app
        .file_request("Boiler", "Ana Lima", "ana@example.com")
        .await;
    let first = app.get(&format!("/track/{code}")).await;
    let second = app.get(&format!("/track/{code}")).await;
    let (a, b) = (nonce_of(&first), nonce_of(&second));
    assert_ne!(a, b);
    for (page, nonce, other) in [(&first, &a, &b), (&second, &b, &a)] {
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Boiler"));
        assert!(
            page.body.contains(&format!("nonce=\"{nonce}\"")),
            "scripts carry this response's nonce"
        );
        assert!(!page.body.contains(other.as_str()));
    }
}

#[tokio::test]
async fn filing_a_request_gives_a_code_and_a_tracking_page() {
    let app = TestApp::start().await;
    let code = app
        .file_request(
            "Invoice shows the wrong amount",
            "Ada Lovelace",
            "ada@example.com",
        )
        .await;
    assert_eq!(code.len(), 19, "four groups of four: {code}");

    let filed = app.get(&format!("/requests/filed/{code}")).await;
    assert_eq!(filed.status, 200);
    assert!(filed.body.contains(&code));
    assert!(filed.body.contains(&format!("href=\"/track/{code}\"")));
    assert!(filed.body.contains("What happens next"));

    let page = app.get(&format!("/track/{code}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Invoice shows the wrong amount"));
    assert!(page.body.contains("filed by Ada "), "first name only");
    assert!(
        !page.body.contains("Lovelace"),
        "no surname on the public page"
    );
    assert!(
        !page.body.contains("ada@example.com"),
        "no email on the public page"
    );
    assert!(page.body.contains("Expected resolution"));
    assert!(page.body.contains("aria-current=\"step\""));

    // Forgiving input: lowercase, no dashes, O for 0 and L for 1.
    let sloppy = code
        .to_lowercase()
        .replace('-', "")
        .replace('0', "o")
        .replace('1', "l");
    let lookup = app.get(&format!("/track?code={}", enc(&sloppy))).await;
    assert_eq!(lookup.status, 302);
    assert_eq!(lookup.location(), format!("/track/{code}"));
}

#[tokio::test]
async fn a_retried_submission_returns_the_same_request() {
    let app = TestApp::start().await;
    let form = app.get("/requests/new").await;
    let key = form.input_value("submission_key").unwrap();
    let fields = [
        ("submission_key", key.as_str()),
        ("name", "Grace Hopper"),
        ("email", "grace.hopper@example.net"),
        ("category", "billing"),
        ("subject", "Double charge"),
        ("description", "Charged twice."),
    ];
    let first = app.post_form("/requests/new", &fields, None).await;
    let second = app.post_form("/requests/new", &fields, None).await;
    assert_eq!(first.status, 303);
    assert_eq!(
        first.location(),
        second.location(),
        "the retry lands on the same request"
    );
    let n = app
        .count("SELECT COUNT(*) FROM requests WHERE customer_email = 'grace.hopper@example.net'")
        .await;
    assert_eq!(n, 1);
    // Two different forms are two requests.
    let other_key = app.form_key().await;
    assert_ne!(key, other_key);
}

#[tokio::test]
async fn mistakes_come_back_at_their_fields_with_everything_kept() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let long = "x".repeat(201);
    let res = app
        .post_form(
            "/requests/new",
            &[
                ("submission_key", &key),
                ("name", "Ada"),
                ("email", "not-an-email"),
                ("category", ""),
                ("subject", &long),
                ("description", "My long description\nthat must not be lost"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("There is a problem"));
    assert!(
        res.body.contains("href=\"#email\""),
        "the summary links to the field"
    );
    assert!(res
        .body
        .contains("Enter an email address like name@example.com"));
    assert!(res.body.contains("Choose what your request is about."));
    assert!(res
        .body
        .contains("Subject must be 200 characters or fewer; it has 201."));
    assert!(
        res.body
            .contains("My long description\nthat must not be lost"),
        "description kept"
    );
    assert!(res.body.contains("value=\"not-an-email\""), "email kept");
    assert_eq!(
        res.input_value("submission_key").as_deref(),
        Some(key.as_str()),
        "same key kept"
    );
    assert!(res.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn lookups_distinguish_typos_from_unknown_codes_and_are_rate_limited() {
    let app = TestApp::start().await;
    let good = app
        .file_request("Where is my parcel", "Alan Turing", "alan@example.com")
        .await;
    // One character changed: the check character catches it.
    let mut typo: Vec<char> = good.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    let res = app.get(&format!("/track/{typo}")).await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("This code has a typo"));

    let unknown = app::tracking::store::new_code().display();
    let res = app.get(&format!("/track/{unknown}")).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("We can't find that request"));

    let res = app.get("/track?code=ABCD-EFGH-U").await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("never appears in tracking codes"));
    assert!(
        res.body.contains("value=\"ABCD-EFGH-U\""),
        "the typed code is kept"
    );

    // 20 failures are allowed per window; we have used 3.
    for _ in 0..17 {
        assert_eq!(app.get(&format!("/track/{unknown}")).await.status, 404);
    }
    let limited = app.get(&format!("/track/{unknown}")).await;
    assert_eq!(limited.status, 429);
    assert!(limited.headers.contains_key("retry-after"));
    assert!(limited.body.contains("Too many tries"));
    let typo_limited = app.get("/track?code=ABCD").await;
    assert_eq!(typo_limited.status, 429);
    assert!(typo_limited.body.contains("too many failed lookups"));
    // A valid code still opens.
    assert_eq!(app.get(&format!("/track/{good}")).await.status, 200);
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let body = format!(
        "submission_key={key}&name=Eve&email=eve%40example.com&category=billing&subject=Hi&description=Hello"
    );
    for headers in [
        vec![],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", app.base.as_str()),
        ],
    ] {
        let res = app.post_raw("/requests/new", body.clone(), &headers).await;
        assert_eq!(res.status, 403, "{headers:?}");
    }
    let same_site = app
        .post_raw(
            "/requests/new",
            body.clone(),
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(same_site.status, 303);
    let n = app
        .count("SELECT COUNT(*) FROM requests WHERE customer_email = 'eve@example.com'")
        .await;
    assert_eq!(n, 1, "only the same-origin post filed a request");
    // Server functions are guarded the same way.
    let res = app
        .post_raw(
            "/api/track",
            "code=x".into(),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status, 403);
}

#[tokio::test]
async fn markup_typed_by_customers_stays_text_everywhere() {
    let app = TestApp::start().await;
    let evil =
        "<script>alert(1)</script><img src=x onerror=alert(2)></title><script>alert(3)</script>";
    let code = app
        .file_request(evil, &format!("Mallory{evil}"), "mallory@example.com")
        .await;
    let cookie = app.staff_session("agent@example.com", Role::Agent).await;
    let title = app
        .get_with_cookie(&format!("/staff/requests/{code}"), &cookie)
        .await;
    assert!(
        title.body.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&lt;/title&gt;"),
        "the title is escaped exactly once"
    );
    for page in [
        app.get(&format!("/track/{code}")).await,
        app.get(&format!("/requests/filed/{code}")).await,
        app.get_with_cookie(&format!("/staff/requests/{code}"), &cookie)
            .await,
        app.get_with_cookie("/staff", &cookie).await,
    ] {
        assert_eq!(page.status, 200);
        assert!(
            !page.body.contains("</title><script>"),
            "no escape from the title"
        );
        if let Some(at) = page.body.find("<script>alert") {
            panic!(
                "live script: {}",
                &page.body[at.saturating_sub(30)..(at + 300).min(page.body.len())]
            );
        }
        assert!(!page.body.contains("<img src=x"), "no live image");
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                || page.body.contains("&lt;script>alert(1)&lt;/script>"),
            "shown as text"
        );
    }
    // The JSON of the server function carries the text, not markup in HTML.
    let res = app
        .post_raw(
            "/api/track",
            format!("code={code}"),
            &[("origin", app.base.as_str())],
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("\\u003cscript") || res.body.contains("<script>alert(1)"));
    assert!(res.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
}

#[tokio::test]
async fn staff_functions_refuse_customers() {
    let app = TestApp::start().await;
    let code = app
        .file_request("Locked out", "Ada Lovelace", "ada@example.com")
        .await;
    for (path, body) in [
        ("/api/staff/queue", String::new()),
        ("/api/staff/request", format!("code={code}")),
    ] {
        let res = app
            .post_raw(path, body, &[("origin", app.base.as_str())])
            .await;
        assert_eq!(res.status, 401, "{path}");
    }
    for page in ["/staff", &format!("/staff/requests/{code}")] {
        let res = app.get(page).await;
        assert_eq!(res.status, 302, "{page}");
        assert!(res.location().starts_with("/staff/login"));
    }
    // Form posts without a session change nothing.
    for form in [
        vec![
            ("intent", "stage"),
            ("stage", "resolved"),
            ("public_note", "done"),
        ],
        vec![("intent", "note"), ("internal_note", "sneaky")],
        vec![("intent", "assign"), ("assignee", "1")],
    ] {
        let res = app
            .post_form(&format!("/staff/requests/{code}"), &form, None)
            .await;
        assert_eq!(res.status, 303);
        assert!(res
            .location()
            .starts_with("/staff/login?next=/staff/requests/"));
    }
    let res = app
        .post_form(
            &format!("/staff/requests/{code}"),
            &[("intent", "note")],
            Some("waybill_session=forged"),
        )
        .await;
    assert!(res
        .location()
        .starts_with("/staff/login?next=/staff/requests/"));
    let n = app.count("SELECT COUNT(*) FROM checkpoints c JOIN requests r ON r.id = c.request_id WHERE r.customer_email = 'ada@example.com'").await;
    assert_eq!(n, 1, "only the Received checkpoint");
}

#[tokio::test]
async fn staff_sign_in_sessions_and_limits() {
    let app = TestApp::start().await;
    let cookie = app.staff_session("agent@example.com", Role::Agent).await;

    let wrong = app
        .post_form(
            "/staff/login",
            &[
                ("email", "agent@example.com"),
                ("password", "nope nope nope"),
            ],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/staff/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "nope nope nope"),
            ],
            None,
        )
        .await;
    assert_eq!((wrong.status, unknown.status), (422, 422));
    let message = "The email address or the password is not right.";
    assert!(
        wrong.body.contains(message) && unknown.body.contains(message),
        "the same message for both"
    );
    assert!(
        !wrong.body.contains("nope nope nope"),
        "passwords are never echoed"
    );
    assert!(
        wrong.body.contains("value=\"agent@example.com\""),
        "the email is kept"
    );

    // The cookie is HttpOnly and SameSite=Lax, with a fresh id per sign-in.
    let res = app
        .post_form(
            "/staff/login",
            &[
                ("email", "agent@example.com"),
                ("password", "correct horse battery staple"),
            ],
            None,
        )
        .await;
    let set = res.headers["set-cookie"].to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    let second = res.session_cookie().unwrap();
    assert_ne!(second, cookie, "a new session id at every sign-in");

    let queue = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Open requests"));

    // Sign-out ends the session on the server: the old cookie no longer works.
    let out = app.post_form("/staff/logout", &[], Some(&cookie)).await;
    assert_eq!(out.status, 303);
    let res = app
        .post_raw(
            "/api/staff/queue",
            String::new(),
            &[("origin", app.base.as_str()), ("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status, 401);
    assert_eq!(
        app.get_with_cookie("/staff", &second).await.status,
        200,
        "other sessions live on"
    );

    // Five failures for one email (the sign-in above reset its count), then 429.
    for _ in 0..5 {
        app.post_form(
            "/staff/login",
            &[("email", "agent@example.com"), ("password", "wrong")],
            None,
        )
        .await;
    }
    let limited = app
        .post_form(
            "/staff/login",
            &[
                ("email", "agent@example.com"),
                ("password", "correct horse battery staple"),
            ],
            None,
        )
        .await;
    assert_eq!(limited.status, 429);
    assert!(limited.body.contains("too many attempts"));
}

#[tokio::test]
async fn staff_move_a_request_and_the_customer_sees_it() {
    let app = TestApp::start().await;
    let code = app
        .file_request("Refund missing", "Kofi Mensah", "kofi@example.com")
        .await;
    let cookie = app.staff_session("agent@example.com", Role::Agent).await;
    let path = format!("/staff/requests/{code}");
    // Seen once before the change (so a kept copy of the page would be stale).
    let before = app.get(&format!("/track/{code}")).await;
    assert!(!before.body.contains("Please send the receipt."));

    let res = app
        .post_form(
            &path,
            &[
                ("intent", "stage"),
                ("stage", "waiting_on_customer"),
                ("public_note", "Please send the receipt."),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = app
        .post_form(
            &path,
            &[
                ("intent", "note"),
                ("internal_note", "Customer seems upset; be gentle"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, 303);

    let public = app.get(&format!("/track/{code}")).await;
    assert!(public.body.contains("Please send the receipt."));
    assert!(public.body.contains("Waiting on you"));
    assert!(public.body.contains("Paused"));
    assert!(
        !public.body.contains("be gentle"),
        "internal notes are never public"
    );
    let staff = app.get_with_cookie(&path, &cookie).await;
    assert!(staff.body.contains("be gentle"));
    assert!(staff.body.contains("kofi@example.com"));

    // The customer replies: a wrong email is refused at its field, the right one goes through.
    let wrong = app
        .post_form(
            &format!("/track/{code}"),
            &[("email", "eve@example.com"), ("message", "Here it is")],
            None,
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .body
        .contains("not the email address this request was filed with"));
    assert!(wrong.body.contains("Here it is"), "the message is kept");
    let ok = app
        .post_form(
            &format!("/track/{code}"),
            &[("email", "KOFI@example.com"), ("message", "Here it is")],
            None,
        )
        .await;
    assert_eq!(ok.status, 303);
    let after = app.get(&format!("/track/{code}")).await;
    assert!(after.body.contains("You replied"));
    assert!(
        after
            .body
            .contains("aria-current=\"step\" class=\"current\">In progress"),
        "back in progress"
    );
    assert!(!after.body.contains("Waiting on you: "));

    // Staff resolve it; the page says when.
    app.post_form(
        &path,
        &[
            ("intent", "stage"),
            ("stage", "resolved"),
            ("public_note", "Refund sent."),
        ],
        Some(&cookie),
    )
    .await;
    let done = app.get(&format!("/track/{code}")).await;
    assert!(done.body.contains("Resolved on "));
    assert!(done.body.contains("Refund sent."));
}

#[tokio::test]
async fn queue_is_ordered_by_due_time_and_filters() {
    let app = TestApp::start().await;
    let cookie = app.staff_session("agent@example.com", Role::Agent).await;
    let res = app
        .post_raw(
            "/api/staff/queue",
            String::new(),
            &[("origin", app.base.as_str()), ("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(res.status, 200);
    let q: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let items = q["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let dues: Vec<(bool, i64)> = items
        .iter()
        .map(|i| {
            (
                i["paused"].as_bool().unwrap(),
                i["due_at"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "paused last, otherwise by due time");

    let filtered = app
        .get_with_cookie("/staff?stage=in_progress&category=billing", &cookie)
        .await;
    assert_eq!(filtered.status, 200);
    assert!(!filtered.body.contains(">Triaged</td>"));
    assert!(!filtered.body.contains(">Account and sign-in</td>"));
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::start().await;
    let huge = format!("description={}", "x".repeat(300 * 1024));
    let res = app
        .post_raw("/requests/new", huge, &[("origin", app.base.as_str())])
        .await;
    assert_eq!(res.status, 413);
}

#[tokio::test]
async fn a_description_over_the_limit_is_refused_at_its_field() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let long = "y".repeat(10_001);
    let res = app
        .post_form(
            "/requests/new",
            &[
                ("submission_key", &key),
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("category", "billing"),
                ("subject", "Hi"),
                ("description", &long),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res
        .body
        .contains("Description must be 10000 characters or fewer; it has 10001."));
    assert_eq!(count(&res.body, &long), 1, "kept once, in the field");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_retries_file_one_request() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let fields = [
        ("submission_key", key.as_str()),
        ("name", "Hedy Lamarr"),
        ("email", "hedy.lamarr@example.net"),
        ("category", "delivery"),
        ("subject", "Parcel lost"),
        ("description", "Never arrived."),
    ];
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (client, base, body) = (app.client.clone(), app.base.clone(), body.clone());
            tokio::spawn(async move {
                let res = client
                    .post(format!("{base}/requests/new"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("origin", base.as_str())
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                (
                    res.status().as_u16(),
                    res.headers()["location"].to_str().unwrap().to_owned(),
                )
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let locations: std::collections::HashSet<&String> = results.iter().map(|r| &r.1).collect();
    assert!(results.iter().all(|r| r.0 == 303));
    assert_eq!(locations.len(), 1, "every retry lands on the same request");
    let n = app
        .count("SELECT COUNT(*) FROM requests WHERE customer_email = 'hedy.lamarr@example.net'")
        .await;
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_filled_honeypot_is_refused() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let res = app
        .post_form(
            "/requests/new",
            &[
                ("submission_key", &key),
                ("name", "Bot"),
                ("email", "bot@example.com"),
                ("category", "billing"),
                ("subject", "Buy"),
                ("description", "Spam"),
                ("website", "http://spam.example"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    let n = app
        .count("SELECT COUNT(*) FROM requests WHERE customer_email = 'bot@example.com'")
        .await;
    assert_eq!(n, 0);
}

#[tokio::test]
async fn typed_text_in_text_areas_comes_back_as_text() {
    let app = TestApp::start().await;
    let key = app.form_key().await;
    let typed = "a &lt; b </textarea><h1 id=pwn>PWNED</h1>";
    let res = app
        .post_form(
            "/requests/new",
            &[
                ("submission_key", &key),
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("category", "billing"),
                ("subject", ""),
                ("description", typed),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        !res.body.contains("<h1 id=pwn>"),
        "no markup from the text area"
    );
    assert!(
        res.body
            .contains("a &amp;lt; b &lt;/textarea&gt;&lt;h1 id=pwn&gt;PWNED&lt;/h1&gt;"),
        "escaped exactly once"
    );
}

#[tokio::test]
async fn a_reply_to_a_closed_request_says_why_and_keeps_the_message() {
    let app = TestApp::start().await;
    let code = app
        .file_request("Old problem", "Ada Lovelace", "ada.closed@example.net")
        .await;
    let cookie = app.staff_session("agent@example.com", Role::Agent).await;
    let res = app
        .post_form(
            &format!("/staff/requests/{code}"),
            &[("intent", "stage"), ("stage", "closed")],
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    let res = app
        .post_form(
            &format!("/track/{code}"),
            &[
                ("email", "ada.closed@example.net"),
                ("message", "One more thing"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("This request is closed"));
    assert!(res.body.contains("One more thing"));
    // A double-sent reply is kept once.
    let open = app
        .file_request("New problem", "Ada Lovelace", "ada.closed@example.net")
        .await;
    for _ in 0..2 {
        let r = app
            .post_form(
                &format!("/track/{open}"),
                &[
                    ("email", "ada.closed@example.net"),
                    ("message", "Same text"),
                ],
                None,
            )
            .await;
        assert_eq!(r.status, 303);
    }
    let n = app
        .count("SELECT COUNT(*) FROM checkpoints WHERE kind = 'reply' AND body = 'Same text'")
        .await;
    assert_eq!(n, 1);
}

#[tokio::test]
async fn too_many_wrong_emails_on_replies_say_so() {
    let app = TestApp::start().await;
    let code = app
        .file_request("Parcel", "Ana Lima", "ana@example.com")
        .await;
    let path = format!("/track/{code}");
    let mut last = None;
    for _ in 0..12 {
        let res = app
            .post_form(
                &path,
                &[("email", "eve@example.com"), ("message", "Let me in")],
                None,
            )
            .await;
        last = Some(res);
    }
    let last = last.unwrap();
    assert_eq!(last.status, 429);
    assert!(
        last.body.contains("too many attempts"),
        "the reason is shown"
    );
    assert!(last.body.contains("Let me in"), "the message is kept");
}
