//! "How did we do?" over HTTP: rating a resolved request with its code and email, and low
//! ratings in the staff queue.

mod common;

use app::staff::model::Role;
use common::TestApp;

/// Files a request and has staff resolve it; returns (code, staff cookie).
async fn resolved(app: &TestApp) -> (String, String) {
    let code = app
        .file_request("Invoice wrong", "Ada Lovelace", "ada@example.com")
        .await;
    let staff = app.staff_session("agent@example.com", Role::Agent).await;
    let res = app
        .post_form(
            &format!("/staff/requests/{code}"),
            &[
                ("intent", "stage"),
                ("stage", "resolved"),
                ("public_note", "Corrected."),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    (code, staff)
}

fn rating<'a>(score: &'a str, comment: &'a str, email: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("intent", "rate"),
        ("score", score),
        ("comment", comment),
        ("rating_email", email),
    ]
}

#[tokio::test]
async fn a_resolved_request_is_rated_with_its_code_and_email() {
    let app = TestApp::start_with(false).await;
    let code = app
        .file_request("Still open", "Ada Lovelace", "ada@example.com")
        .await;
    let page = app.get(&format!("/track/{code}")).await;
    assert!(
        !page.body.contains("How did we do?"),
        "not before it is resolved"
    );
    let res = app
        .post_form(
            &format!("/track/{code}"),
            &rating("5", "", "ada@example.com"),
            None,
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("once it is resolved"));

    let (code, _) = resolved(&app).await;
    let path = format!("/track/{code}");
    assert!(app.get(&path).await.body.contains("How did we do?"));
    // The wrong email: refused at its field, what was chosen and typed kept.
    let res = app
        .post_form(
            &path,
            &rating("4", "Quick <and> kind", "someone@example.com"),
            None,
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res
        .body
        .contains("This is not the email address this request was filed with."));
    assert!(res.body.contains("href=\"#rating_email\""));
    assert!(
        res.body.contains(r#"value="4" id="score-4" checked"#),
        "{}",
        res.body
    );
    assert!(res.body.contains("Quick &lt;and&gt; kind"));
    // No choice made: told at the choice.
    let res = app
        .post_form(&path, &rating("", "", "ada@example.com"), None)
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Choose how we did, from 1 to 5."));

    let res = app
        .post_form(
            &path,
            &rating("4", "Quick and kind", "ADA@example.com"),
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), format!("{path}?rated=1#rating"));
    let page = app.get(&format!("{path}?rated=1")).await;
    assert!(page.body.contains("Thank you for telling us."));
    assert!(page.body.contains("You rated this request 4 of 5"));
    assert!(
        !page.body.contains("Quick and kind"),
        "the comment is for staff, not the public page"
    );
    assert!(page.body.contains("Change my rating"));
    // Changing it keeps one rating.
    let res = app
        .post_form(&path, &rating("5", "", "ada@example.com"), None)
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(app.count("SELECT score FROM ratings").await, 5);
}

#[tokio::test]
async fn a_low_rating_waits_in_the_staff_queue_until_followed_up() {
    let app = TestApp::start_with(false).await;
    let (code, staff) = resolved(&app).await;
    let res = app
        .post_form(
            &format!("/track/{code}"),
            &rating(
                "1",
                "<script>alert(1)</script> nobody called",
                "ada@example.com",
            ),
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    let detail = app
        .get_with_cookie(&format!("/staff/requests/{code}"), &staff)
        .await;
    assert!(detail.body.contains("Customer rating: 1 of 5"));
    let queue = app.get_with_cookie("/staff", &staff).await;
    assert!(queue.body.contains("Low ratings to follow up (1)"));
    assert!(queue.body.contains("Rated 1 of 5"));
    assert!(queue
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; nobody called"));
    assert!(!queue.body.contains("<script>alert(1)"));
    // Only staff follow up.
    let res = app
        .post_form(
            &format!("/staff/requests/{code}"),
            &[("intent", "follow_up")],
            None,
        )
        .await;
    assert!(res.location().starts_with("/staff/login"));
    let res = app
        .post_form(
            &format!("/staff/requests/{code}"),
            &[("intent", "follow_up")],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(!app
        .get_with_cookie("/staff", &staff)
        .await
        .body
        .contains("Low ratings to follow up"));
}

#[tokio::test]
async fn a_testimonial_is_published_only_with_consent_and_approval_and_withdrawn_at_once() {
    let app = TestApp::start_with(false).await;
    let (code, staff) = resolved(&app).await;
    let path = format!("/track/{code}");
    let words = "<img src=x onerror=alert(1)> They fixed it the same day.";
    let res = app
        .post_form(
            &path,
            &[
                ("intent", "rate"),
                ("score", "5"),
                ("comment", words),
                ("publish", "yes"),
                ("name_shown", "initial"),
                ("rating_email", "ada@example.com"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    for page in ["/", "/testimonials"] {
        assert!(
            !app.get(page).await.body.contains("They fixed it"),
            "{page}: not before approval"
        );
    }
    assert!(app
        .get(&path)
        .await
        .body
        .contains("Your testimonial is waiting for our staff to read it."));
    // Customers can't moderate.
    let res = app
        .post_form(
            "/staff/testimonials",
            &[("intent", "approve"), ("request_id", "1")],
            None,
        )
        .await;
    assert!(res.location().starts_with("/staff/login"));
    let customer = app.customer_session("c@example.com", "Customer").await;
    let res = app
        .post_raw(
            "/api/staff/testimonials",
            String::new(),
            &[("origin", &app.origin()), ("cookie", &customer)],
        )
        .await;
    assert_eq!(res.status, 401);

    let review = app.get_with_cookie("/staff/testimonials", &staff).await;
    assert!(review
        .body
        .contains("&lt;img src=x onerror=alert(1)&gt; They fixed it"));
    let id = app
        .count("SELECT request_id FROM ratings")
        .await
        .to_string();
    let res = app
        .post_form(
            "/staff/testimonials",
            &[("intent", "approve"), ("request_id", &id)],
            Some(&staff),
        )
        .await;
    assert_eq!(res.status, 303);
    for page in ["/", "/testimonials"] {
        let res = app.get(page).await;
        assert!(
            res.body
                .contains("&lt;img src=x onerror=alert(1)&gt; They fixed it the same day."),
            "{page}"
        );
        assert!(
            !res.body.contains("<img src=x"),
            "{page}: text everywhere, the page's data included"
        );
        assert!(res.body.contains("Ada L."), "{page}");
        assert!(
            res.body
                .contains("Verified: request resolved in the same day"),
            "{page}"
        );
        assert!(
            res.body
                .contains("by the one customer who has rated us so far (published or not)"),
            "{page}"
        );
    }

    // Withdrawing: a wrong email or an unknown code get the same answer; the right pair works.
    let wrong = app
        .post_form(
            "/testimonials",
            &[("code", &code), ("email", "someone@example.com")],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/testimonials",
            &[
                ("code", "7XKQ-0000-0000-0000"),
                ("email", "ada@example.com"),
            ],
            None,
        )
        .await;
    assert_eq!((wrong.status, unknown.status), (422, 422));
    let message = "We found no testimonial for this tracking code and email address.";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    let res = app
        .post_form(
            "/testimonials",
            &[("code", &code), ("email", "ada@example.com")],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    for page in ["/", "/testimonials", path.as_str()] {
        assert!(
            !app.get(page).await.body.contains("They fixed it"),
            "{page}: gone at once"
        );
    }
}

#[tokio::test]
async fn staff_see_satisfaction_per_category_and_agent() {
    let app = TestApp::start_with(false).await;
    let (code, staff) = resolved(&app).await;
    app.post_form(
        &format!("/track/{code}"),
        &rating("2", "<b>slow</b>", "ada@example.com"),
        None,
    )
    .await;
    let page = app
        .get_with_cookie("/staff/satisfaction?days=7", &staff)
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Last 7 days: 1 rating, average 2.0 of 5, 0% rated 4 or 5."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Billing and payments"));
    assert!(page.body.contains("&lt;b&gt;slow&lt;/b&gt;"));
    let res = app.get("/staff/satisfaction").await;
    assert_eq!(res.status, 302);
    let res = app
        .post_raw(
            "/api/staff/satisfaction",
            "days=30".into(),
            &[("origin", &app.origin())],
        )
        .await;
    assert_eq!(res.status, 401);
}

#[tokio::test]
async fn markup_in_a_customers_name_stays_text_on_the_testimonial() {
    let app = TestApp::start_with(false).await;
    let code = app
        .file_request(
            "Name check",
            "<i>Ada</i> <script>x</script>",
            "ada@example.com",
        )
        .await;
    let staff = app.staff_session("agent@example.com", Role::Agent).await;
    app.post_form(
        &format!("/staff/requests/{code}"),
        &[
            ("intent", "stage"),
            ("stage", "resolved"),
            ("public_note", ""),
        ],
        Some(&staff),
    )
    .await;
    let res = app
        .post_form(
            &format!("/track/{code}"),
            &[
                ("intent", "rate"),
                ("score", "4"),
                ("comment", "Good."),
                ("publish", "yes"),
                ("name_shown", "initial"),
                ("rating_email", "ada@example.com"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let id = app
        .count("SELECT request_id FROM ratings")
        .await
        .to_string();
    app.post_form(
        "/staff/testimonials",
        &[("intent", "approve"), ("request_id", &id)],
        Some(&staff),
    )
    .await;
    for page in ["/", "/testimonials"] {
        let body = app.get(page).await.body;
        assert!(
            body.contains("&lt;i&gt;Ada&lt;/i&gt; &lt;."),
            "{page}: {body}"
        );
        assert!(
            !body.contains("<i>Ada</i>") && !body.contains("<script>x"),
            "{page}"
        );
    }
}
