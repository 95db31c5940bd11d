//! Demo community content for a new database: a few customers asking and answering.

use super::store::{self, Draft};
use crate::{
    accounts::model::Customer,
    db::{now, random_token, Db},
    error::AppResult,
};

/// (asker, title, tags, body, answers: (author, body, upvotes), index of the accepted answer).
type DemoQuestion = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static [(usize, &'static str, usize)],
    Option<usize>,
);

const PEOPLE: &[&str] = &["Mara K.", "Jonas", "Priya S.", "Tomás", "Lee W."];

const QUESTIONS: &[DemoQuestion] = &[
    (
        0,
        "Can I follow my request without creating an account?",
        "tracking",
        "I filed a request yesterday and got a code. Do I need an account to see what happens next?",
        &[(
            1,
            "No account needed. Open **Track a request** and type the code, or use the link on the page you saw after filing. The timeline shows every step and the date window.",
            3,
        )],
        Some(0),
    ),
    (
        2,
        "My request says “waiting on you”: what do they need?",
        "tracking, replies",
        "The status changed to *waiting on you* but I didn't get a call. Where do I see the question?",
        &[
            (
                3,
                "The question is on the tracking page, in the newest step of the timeline. Reply right there with the email you used to file, and the clock starts again.",
                4,
            ),
            (4, "Same happened to me; the reply box is below the timeline.", 1),
        ],
        Some(0),
    ),
    (
        4,
        "How exact is the expected date window?",
        "timing",
        "Mine says “between Tuesday and Friday”. Is Friday a promise?",
        &[(
            0,
            "It's not a promise, it's honest: the window is where most similar requests finished. Mine landed on the Thursday. If it passes, the page says so and widens the window.",
            2,
        )],
        None,
    ),
    (
        1,
        "Is there a way to get my invoice as a PDF?",
        "billing, invoices",
        "I need it for my expenses. Is there a download somewhere, or should I file a request?",
        &[],
        None,
    ),
];

/// Adds the demo questions and answers.
pub async fn seed_demo(db: &Db) -> AppResult<()> {
    let mut people = Vec::new();
    for name in PEOPLE {
        let email = format!(
            "{}@community.example",
            name.to_lowercase()
                .replace(['.', ' '], "")
                .replace('á', "a")
        );
        // Demo authors cannot sign in: their password is a random secret nobody knows.
        let hash = crate::staff::auth::hash_password_off_thread(&random_token::<16>()).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO customers (email, display_name, password_hash, reputation, created_at) \
             VALUES (?, ?, ?, 60, ?) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(hash)
        .bind(now())
        .fetch_one(&db.write)
        .await?;
        people.push(Customer {
            id,
            display_name: (*name).to_owned(),
            reputation: 60,
        });
    }
    let n = QUESTIONS.len() as i64;
    for (i, (asker, title, tags, body, answers, accepted)) in QUESTIONS.iter().enumerate() {
        let q = store::ask(
            db,
            &people[*asker],
            &Draft {
                title: (*title).into(),
                tags: (*tags).into(),
                body: (*body).into(),
            },
        )
        .await?;
        let asked = now() - (n - i as i64) * 5 * 86_400;
        sqlx::query("UPDATE community_posts SET created_at = ? WHERE id = ?")
            .bind(asked)
            .bind(q.id)
            .execute(&db.write)
            .await?;
        for (k, (author, text, votes)) in answers.iter().enumerate() {
            let a = store::answer(db, &people[*author], q.id, text).await?;
            sqlx::query("UPDATE community_posts SET created_at = ? WHERE id = ?")
                .bind(asked + (k as i64 + 1) * 3_600)
                .bind(a.id)
                .execute(&db.write)
                .await?;
            for voter in people
                .iter()
                .filter(|p| p.id != people[*author].id)
                .take(*votes)
            {
                super::reactions::vote(db, voter, a.id, 1).await?;
            }
            if *accepted == Some(k) {
                super::reactions::accept(db, &people[*asker], a.id).await?;
            }
        }
    }
    Ok(())
}
