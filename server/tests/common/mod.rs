//! Starts the real app on an isolated SQLite file and a free port, for one test.

#![allow(dead_code)]

use app::{db::Db, staff::model::Role, state::AppState};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;

/// A running app.
pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// A response, read whole.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The value of the first `name="…" value="…"` input in the page.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let needle = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&needle)? + needle.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }

    /// The session cookie this response sets, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("waybill_session=") && !c.starts_with("waybill_session=;"))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
    }
}

impl TestApp {
    pub async fn start() -> TestApp {
        Self::start_with(true).await
    }

    /// Starts the app; `seed` decides whether demo content is loaded.
    pub async fn start_with(seed: bool) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let config = server::Config {
            database_url: url,
            seed,
            secure_cookies: false,
            page_cache: AppState::PAGE_CACHE,
        };
        let db = server::prepare(&config).await.expect("database");
        if !seed {
            sqlx_seed_categories(&db).await;
        }
        let leptos = LeptosOptions::builder()
            .output_name("waybill")
            .site_root("target/site")
            .build();
        let state = AppState::new(leptos, db.clone(), false);
        let app = server::router(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("serve");
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A hung server fails the test instead of hanging it.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client");
        TestApp {
            base: format!("http://{addr}"),
            db,
            client,
            _dir: dir,
        }
    }

    /// A COUNT(*) (or any single integer) from the test database.
    pub async fn count(&self, sql: &str) -> i64 {
        app::sqlx::query_scalar(sql)
            .fetch_one(&self.db.read)
            .await
            .expect("count")
    }

    /// The submission key of a freshly loaded filing form.
    pub async fn form_key(&self) -> String {
        self.get("/requests/new")
            .await
            .input_value("submission_key")
            .expect("submission key in the form")
    }

    pub fn origin(&self) -> String {
        self.base.clone()
    }

    async fn read(res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    /// A GET as a browser sends it (asking for HTML).
    pub async fn get(&self, path: &str) -> Page {
        Self::read(
            self.client
                .get(format!("{}{path}", self.base))
                .header("accept", "text/html")
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Page {
        Self::read(
            self.client
                .get(format!("{}{path}", self.base))
                .header("accept", "text/html")
                .header("cookie", cookie)
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// A same-origin form post, as a browser sends it.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Page {
        let body = serde_urlencoded_body(form);
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", self.origin())
            .header("accept", "text/html")
            .body(body);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        Self::read(req.send().await.expect("POST")).await
    }

    /// A post with arbitrary headers (for cross-site tests).
    pub async fn post_raw(&self, path: &str, body: String, headers: &[(&str, &str)]) -> Page {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        Self::read(req.send().await.expect("POST")).await
    }

    /// Files a request through the real form and returns its tracking code as shown.
    pub async fn file_request(&self, subject: &str, name: &str, email: &str) -> String {
        let form = self.get("/requests/new").await;
        let key = form
            .input_value("submission_key")
            .expect("submission key in the form");
        let res = self
            .post_form(
                "/requests/new",
                &[
                    ("submission_key", &key),
                    ("name", name),
                    ("email", email),
                    ("category", "billing"),
                    ("subject", subject),
                    ("description", "It happened on Tuesday."),
                    ("website", ""),
                ],
                None,
            )
            .await;
        assert_eq!(
            res.status, 303,
            "filing redirects to the success page: {}",
            res.body
        );
        res.location()
            .trim_start_matches("/requests/filed/")
            .to_owned()
    }

    /// Creates a staff account and signs in; returns the cookie.
    pub async fn staff_session(&self, email: &str, role: Role) -> String {
        let password = "correct horse battery staple";
        app::staff::auth::add_staff(&self.db, email, "Test Agent", role, password)
            .await
            .expect("staff account");
        let res = self
            .post_form(
                "/staff/login",
                &[("email", email), ("password", password)],
                None,
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        res.session_cookie().expect("session cookie")
    }
}

impl TestApp {
    /// Signs a customer up through the real forms, follows the emailed link and returns the
    /// session cookie.
    pub async fn customer_session(&self, email: &str, name: &str) -> String {
        let res = self
            .post_form(
                "/account/signup",
                &[
                    ("display_name", name),
                    ("email", email),
                    ("password", "violet kettle harbour"),
                    ("website", ""),
                ],
                None,
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        let token = self.mailed_token(email).await;
        let res = self
            .post_form(
                "/account/confirm",
                &[("token", &token), ("password", "violet kettle harbour")],
                None,
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        res.session_cookie().expect("session cookie")
    }

    /// The token in the newest mail to `email`.
    pub async fn mailed_token(&self, email: &str) -> String {
        let (_, body) = app::mail::latest(&self.db, email)
            .await
            .expect("outbox")
            .expect("a mail");
        body.split("token=")
            .nth(1)
            .and_then(|t| t.split_whitespace().next())
            .expect("a link with a token")
            .to_owned()
    }

    /// Gives a customer (by email) reputation, so that their posts skip moderation.
    pub async fn trust(&self, email: &str) {
        app::sqlx::query("UPDATE customers SET reputation = 50 WHERE email = ?")
            .bind(email)
            .execute(&self.db.write)
            .await
            .expect("trust");
    }
}

fn serde_urlencoded_body(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes for a form body.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

async fn sqlx_seed_categories(db: &Db) {
    // Without the demo, still give the form its categories.
    app::seed::seed_categories(db).await.expect("categories");
}
