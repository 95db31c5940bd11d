//! Demo content for a new database: categories with SLA targets and ~40 requests spread over
//! the last 90 days, at every stage, with realistic histories. Seeded only into an empty
//! database.

use crate::{
    db::{now, random_token, Db},
    error::AppResult,
    staff::{auth, model::Role},
    tracking::{model::Stage, store::new_code, window},
};

const H: i64 = 3600;
const D: i64 = 86_400;

/// (slug, name, description, SLA hours)
const CATEGORIES: &[(&str, &str, &str, i64)] = &[
    (
        "account",
        "Account and sign-in",
        "Passwords, locked accounts, changing your details.",
        24,
    ),
    (
        "billing",
        "Billing and payments",
        "Invoices, refunds, charges you don't recognise.",
        48,
    ),
    (
        "delivery",
        "Orders and delivery",
        "Late, missing or damaged orders; returns.",
        72,
    ),
    (
        "technical",
        "Technical problem",
        "Something in the product does not work as it should.",
        120,
    ),
];

/// (category, customer, email, subject, description)
const REQUESTS: &[(&str, &str, &str, &str)] = &[
    (
        "account",
        "Maria Jensen",
        "Locked out after changing my phone",
        "I changed phones and the sign-in code still goes to my old number.",
    ),
    (
        "billing",
        "Tomás Ruiz",
        "Charged twice for November",
        "My card shows two identical charges on 2 November. Please refund one.",
    ),
    (
        "delivery",
        "Aisha Khan",
        "Parcel marked delivered but not here",
        "Tracking says delivered at 14:02 but nothing arrived and neighbours have nothing.",
    ),
    (
        "technical",
        "Lena Fischer",
        "Export to CSV produces an empty file",
        "When I export my reports to CSV the file downloads but has only headers.",
    ),
    (
        "billing",
        "Kofi Mensah",
        "Refund not received after 10 days",
        "You confirmed my refund on the 3rd, but it hasn't reached my account.",
    ),
    (
        "account",
        "Yuki Tanaka",
        "Can't change the email on my account",
        "The change email form says 'invalid' for my new work address.",
    ),
    (
        "delivery",
        "Olga Petrova",
        "Wrong size delivered",
        "I ordered a medium and received a large. How do I exchange it?",
    ),
    (
        "technical",
        "Samuel Okafor",
        "App crashes when opening settings",
        "On Android 14 the app closes as soon as I tap Settings.",
    ),
    (
        "billing",
        "Chloé Martin",
        "VAT number missing on invoice",
        "Our invoice for October lacks our VAT number; we need a corrected copy.",
    ),
    (
        "delivery",
        "Jonas Berg",
        "Order stuck in 'preparing' for a week",
        "Order placed last Monday still says preparing. Is it coming?",
    ),
    (
        "account",
        "Priya Sharma",
        "Two-factor codes not arriving",
        "SMS codes stopped arriving yesterday; email codes work.",
    ),
    (
        "technical",
        "Diego Alvarez",
        "Search returns no results for accented names",
        "Searching 'Muñoz' finds nothing but the customer exists.",
    ),
    (
        "billing",
        "Hannah Cohen",
        "Cancel subscription and prorate",
        "Please cancel my plan from the end of this month and refund the rest.",
    ),
    (
        "delivery",
        "Mateo Rossi",
        "Damaged box, item scratched",
        "The box was crushed and the lid of the item is scratched. Photos available.",
    ),
    (
        "account",
        "Fatima Zahra",
        "Account deleted by mistake",
        "I clicked delete while trying to sign out. Can you restore it?",
    ),
    (
        "technical",
        "Noah Williams",
        "Notifications arrive hours late",
        "Push notifications arrive 2-3 hours after the event.",
    ),
    (
        "billing",
        "Eva Novak",
        "Discount code not applied",
        "The code WINTER10 was accepted but the total did not change.",
    ),
    (
        "delivery",
        "Liam O'Brien",
        "Return label does not print",
        "The return label page shows a blank PDF.",
    ),
    (
        "account",
        "Sofia Lindqvist",
        "Name shown wrongly after marriage",
        "I updated my surname but invoices still show the old one.",
    ),
    (
        "technical",
        "Arjun Patel",
        "Report totals differ from dashboard",
        "The monthly report says 1,204 orders, the dashboard 1,198.",
    ),
    (
        "billing",
        "Grace Lee",
        "Invoice in the wrong currency",
        "We are billed in USD but our contract says EUR.",
    ),
    (
        "delivery",
        "Ibrahim Diallo",
        "Change delivery address",
        "I moved last week; can you send order 5521 to my new address?",
    ),
    (
        "account",
        "Emma Dubois",
        "Password reset link expired",
        "Every reset link I get says it has expired, even right away.",
    ),
    (
        "technical",
        "Lucas Silva",
        "Calendar sync duplicates events",
        "Each sync creates a second copy of every event.",
    ),
    (
        "billing",
        "Zoe Adams",
        "Payment failed but money taken",
        "Checkout said payment failed, my bank shows the money taken.",
    ),
    (
        "delivery",
        "Omar Haddad",
        "Missing item from order",
        "Order arrived without the charger listed on the packing slip.",
    ),
    (
        "account",
        "Nina Kowalski",
        "Cannot add a second user",
        "The invite button is greyed out on our team plan.",
    ),
    (
        "technical",
        "Ben Carter",
        "Dark mode unreadable in tables",
        "In dark mode, table text is dark grey on black.",
    ),
    (
        "billing",
        "Alice Moreau",
        "Need receipts for the whole year",
        "Our accountant needs all 2026 receipts in one file.",
    ),
    (
        "delivery",
        "Kenji Sato",
        "Delivery attempted while I was home",
        "The courier left a card saying nobody was home. I was.",
    ),
    (
        "account",
        "Laura Bianchi",
        "Login loop on Safari",
        "After signing in on Safari I am sent back to the sign-in page.",
    ),
    (
        "technical",
        "Elif Yilmaz",
        "Upload fails for large photos",
        "Photos over 8 MB fail with 'network error'.",
    ),
    (
        "billing",
        "Daniel Schmidt",
        "Charged after cancelling",
        "I cancelled in September and was charged in October.",
    ),
    (
        "delivery",
        "Amara Nwosu",
        "Courier asked for extra fee",
        "The courier wanted 5 EUR customs fee; is that legitimate?",
    ),
    (
        "account",
        "Mia Johansson",
        "Switch account to business",
        "How do I turn my personal account into a business one?",
    ),
    (
        "technical",
        "Ravi Kumar",
        "Webhook retries flood our server",
        "Failed webhooks retry every second instead of backing off.",
    ),
    (
        "billing",
        "Sara Ali",
        "Student discount renewal",
        "My student discount ended; I have a new student card.",
    ),
    (
        "delivery",
        "Pierre Laurent",
        "Gift wrapping missing",
        "I paid for gift wrapping, the parcel came unwrapped.",
    ),
    (
        "account",
        "Julia Nowak",
        "Merge two accounts",
        "I have two accounts with different emails and want one.",
    ),
    (
        "technical",
        "Tom Becker",
        "PDF invoices show garbled characters",
        "Names with ü or ß come out as boxes in the PDF.",
    ),
];

/// Notes staff write at each stage, picked in turn.
const TRIAGE_NOTES: &[&str] = &[
    "Thanks, we have everything we need to start.",
    "Passed to the team that handles this.",
    "",
];
const PROGRESS_NOTES: &[&str] = &[
    "We are looking into it now.",
    "",
    "We have reproduced the problem.",
];
const WAITING_NOTES: &[&str] = &[
    "Could you send us a photo of the label?",
    "Please confirm the last four digits of the card.",
    "Which version of the app do you use?",
];
const RESOLVED_NOTES: &[&str] = &[
    "Refund issued; it can take 3–5 working days to show.",
    "Fixed in today's update.",
    "Replacement sent with express delivery.",
    "Your account is restored.",
];

/// A small deterministic generator (xorshift) so the demo looks the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo).max(1) as u64)) as i64
    }
}

/// Creates the first admin when there is no staff account at all. Returns (email, password)
/// so that the caller can print the password once.
pub async fn ensure_admin(db: &Db) -> AppResult<Option<(String, String)>> {
    if auth::staff_count(&db.write).await? > 0 {
        return Ok(None);
    }
    let email = "admin@waybill.example".to_owned();
    let password = random_token::<12>();
    auth::add_staff(db, &email, "Demo Admin", Role::Admin, &password).await?;
    Ok(Some((email, password)))
}

/// The demo categories, added where missing.
pub async fn seed_categories(db: &Db) -> AppResult<()> {
    for (slug, name, description, sla) in CATEGORIES {
        sqlx::query("INSERT OR IGNORE INTO categories (slug, name, description, sla_hours) VALUES (?, ?, ?, ?)")
            .bind(slug)
            .bind(name)
            .bind(description)
            .bind(sla)
            .execute(&db.write)
            .await?;
    }
    Ok(())
}

/// Seeds demo content into an empty database. Returns false if it had content already.
pub async fn seed_demo(db: &Db) -> AppResult<bool> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories")
        .fetch_one(&db.write)
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    seed_categories(db).await?;
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let agent: Option<i64> = sqlx::query_scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
        .fetch_optional(&mut *tx)
        .await?;
    let at_now = now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let n = REQUESTS.len() as i64;
    for (i, (cat, name, subject, description)) in REQUESTS.iter().enumerate() {
        let (cat_id, sla): (i64, i64) =
            sqlx::query_as("SELECT id, sla_hours FROM categories WHERE slug = ?")
                .bind(cat)
                .fetch_one(&mut *tx)
                .await?;
        let sla = sla * H;
        // Oldest first, spread over 90 days; the newest few are hours old.
        let k = n - i as i64;
        let age = (90 * D) * k * k / (n * n) - rng.range(0, H);
        let created = at_now - age.max(H / 2);
        let email = format!(
            "{}@example.com",
            name.split_whitespace()
                .next()
                .unwrap_or("customer")
                .to_lowercase()
        );
        let email = email
            .replace(['á', 'é', 'í', 'ó', 'ú'], "e")
            .replace('\'', "");
        // The history, until the present.
        let mut events: Vec<(i64, &str, Stage, String)> =
            vec![(created, "stage", Stage::Received, String::new())];
        let mut t = created;
        let mut paused = 0i64;
        let mut paused_since = None;
        let mut resolved_at = None;
        let wait = i % 4 == 1;
        let mut plan: Vec<(i64, &str, Stage, String)> = vec![
            (
                rng.range(H, 8 * H),
                "stage",
                Stage::Triaged,
                TRIAGE_NOTES[i % TRIAGE_NOTES.len()].to_owned(),
            ),
            (
                rng.range(2 * H, 20 * H),
                "stage",
                Stage::InProgress,
                PROGRESS_NOTES[i % PROGRESS_NOTES.len()].to_owned(),
            ),
        ];
        if wait {
            plan.push((
                rng.range(H, 24 * H),
                "stage",
                Stage::WaitingOnCustomer,
                WAITING_NOTES[i % WAITING_NOTES.len()].to_owned(),
            ));
            plan.push((
                rng.range(4 * H, 60 * H),
                "reply",
                Stage::InProgress,
                "Here you go, details attached.".to_owned(),
            ));
        }
        plan.push((
            rng.range(sla / 4, sla * 3 / 2),
            "stage",
            Stage::Resolved,
            RESOLVED_NOTES[i % RESOLVED_NOTES.len()].to_owned(),
        ));
        plan.push((
            rng.range(3 * D, 7 * D),
            "stage",
            Stage::Closed,
            String::new(),
        ));
        for (gap, kind, stage, note) in plan {
            if t + gap > at_now {
                break;
            }
            t += gap;
            if let Some(p) = paused_since.take() {
                paused += t - p;
            }
            if stage == Stage::WaitingOnCustomer {
                paused_since = Some(t);
            }
            if stage == Stage::Resolved {
                resolved_at = Some(t);
            }
            events.push((t, kind, stage, note));
        }
        let stage = events.last().map(|e| e.2).unwrap_or(Stage::Received);
        let code = new_code();
        let request_id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (code, category_id, customer_name, customer_email, subject, description, stage, \
             assignee_id, created_at, updated_at, due_at, paused_seconds, paused_since, resolved_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(code.canonical())
        .bind(cat_id)
        .bind(name)
        .bind(&email)
        .bind(subject)
        .bind(description)
        .bind(stage.as_str())
        .bind(if stage == Stage::Received { None } else { agent })
        .bind(created)
        .bind(t)
        .bind(created + sla + paused)
        .bind(paused)
        .bind(paused_since)
        .bind(resolved_at)
        .fetch_one(&mut *tx)
        .await?;
        let mut pause_acc = 0;
        let mut open_pause = None;
        for (at, kind, st, note) in events {
            if let Some(p) = open_pause.take() {
                pause_acc += at - p;
            }
            if st == Stage::WaitingOnCustomer {
                open_pause = Some(at);
            }
            let w = (!st.is_done()).then(|| {
                window::estimate(&window::WindowInput {
                    created_at: created,
                    now: at,
                    paused_seconds: pause_acc,
                    paused_since: open_pause,
                    sla_seconds: sla,
                    history: &[],
                })
            });
            sqlx::query(
                "INSERT INTO checkpoints (request_id, at, kind, stage, body, public, staff_id, window_lo, window_hi) \
                 VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
            )
            .bind(request_id)
            .bind(at)
            .bind(kind)
            .bind(st.as_str())
            .bind(note)
            .bind(if kind == "reply" { None } else { agent })
            .bind(w.map(|w| w.earliest))
            .bind(w.map(|w| w.latest))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    let report = crate::faq::seed::seed_articles(db).await;
    for (file, why) in &report.failed {
        tracing::error!("shipped help article {file} was not loaded: {why}");
    }
    crate::community::seed::seed_demo(db).await?;
    crate::satisfaction::seed::seed_demo(db).await?;
    Ok(true)
}
