//! `/testimonials` (and a few on the home page), and `/staff/testimonials`.

use super::{
    api::{staff_testimonials, testimonials},
    model::{ReviewPage, Testimonial, TestimonialsPage},
};
use crate::{
    staff::pages::{staff_only, SignOut},
    tracking::validate::EMAIL_MAX,
    ui::{ErrorSummary, Page, TextArea, TextField, When},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The server's clock (pages render on the server only).
fn server_now() -> i64 {
    #[cfg(feature = "ssr")]
    return crate::db::now();
    #[cfg(not(feature = "ssr"))]
    0
}

/// Stars as text, with the score for screen readers.
#[component]
pub fn Stars(score: i64) -> impl IntoView {
    let filled = "★".repeat(score.clamp(0, 5) as usize);
    let empty = "☆".repeat((5 - score.clamp(0, 5)) as usize);
    view! {
        <span class="stars" aria-hidden="true">{filled}{empty}</span>
        <span class="vh">{format!("{score} out of 5")}</span>
    }
}

/// One testimonial.
#[component]
pub fn TestimonialCard(t: Testimonial, now: i64) -> impl IntoView {
    let days = match t.resolved_in_days {
        0 => "the same day".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    view! {
        <figure class="card testimonial">
            <p><Stars score=t.score/></p>
            <blockquote><p>{t.comment}</p></blockquote>
            <figcaption>
                <span class="author">{t.name}</span>" · "{t.category}" · "<When at=t.rated_at now/>
                <br/><span class="badge verified">{format!("Verified: request resolved in {days}")}</span>
            </figcaption>
        </figure>
    }
}

/// The figures over every rating, said plainly.
#[component]
fn Average(page: TestimonialsPage) -> impl IntoView {
    (page.ratings > 0).then(|| view! {
        <p class="lede">{match page.ratings {
            1 => format!("Rated {:.1} out of 5 by the one customer who has rated us so far (published or not).", page.average),
            n => format!("Average rating {:.1} out of 5, over all {n} ratings customers gave us, published or not.", page.average),
        }}</p>
    })
}

/// A few testimonials, for the home page.
#[component]
pub fn HomeTestimonials() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| testimonials(3));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let page = data.await.unwrap_or_default();
                let now = server_now();
                (!page.testimonials.is_empty()).then(|| view! {
                    <section aria-labelledby="testimonials-title">
                        <h2 id="testimonials-title">"What customers say"</h2>
                        <Average page=page.clone()/>
                        {page.testimonials.into_iter().map(|t| view! { <TestimonialCard t now/> }).collect_view()}
                        <p><a href="/testimonials">"All testimonials"</a></p>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// `/testimonials`.
#[component]
pub fn TestimonialsPageView() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| testimonials(100));
    let withdrawn = use_query_map().read_untracked().get("withdrawn").is_some();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (page, failed) = match data.await {
                    Ok(p) => (p, false),
                    Err(_) => (TestimonialsPage::default(), true),
                };
                let now = server_now();
                let empty = page.testimonials.is_empty() && !failed;
                view! {
                    <Page title="Testimonials">
                        <h1>"What customers say"</h1>
                        <Average page=page.clone()/>
                        <p>"Every testimonial comes from a customer whose request we resolved, in their own words, published with their consent."</p>
                        {withdrawn.then(|| view! { <p class="panel-success" role="status">"Your testimonial is withdrawn: it is no longer shown anywhere."</p> })}
                        {empty.then(|| view! { <p>"No testimonials yet."</p> })}
                        {failed.then(|| view! { <p>"Testimonials can't be shown right now. Please try again later."</p> })}
                        {page.testimonials.into_iter().map(|t| view! { <TestimonialCard t now/> }).collect_view()}
                        <section class="card" aria-labelledby="withdraw-title" id="withdraw">
                            <h2 id="withdraw-title">"Withdraw your testimonial"</h2>
                            <ErrorSummary/>
                            <form method="post" action="/testimonials" novalidate>
                                <TextField name="code" label="Tracking code" autocomplete="off" spellcheck="false" required=true/>
                                <TextField name="email" label="Email address you filed with" kind="email" autocomplete="email" required=true spellcheck="false"/>
                                <button type="submit" class="button secondary">"Withdraw"</button>
                            </form>
                        </section>
                    </Page>
                }
            })}
        </Suspense>
    }
}

/// `/staff/testimonials`: approve or reject what customers offered to publish.
#[component]
pub fn StaffTestimonialsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| staff_testimonials());
    staff_only(data, |d| view! { <Review d/> })
}

#[component]
fn Review(d: ReviewPage) -> impl IntoView {
    let done = use_query_map().read_untracked().get("done");
    let ReviewPage { me, items, now } = d;
    view! {
        <Page title="Testimonials">
            <SignOut name=me.name.clone()/>
            <p><a href="/staff">"← Queue"</a></p>
            <h1>"Testimonials"</h1>
            <p class="hint">"Customers' words are published as they wrote them: approve or reject, never edit."</p>
            {done.map(|d| view! { <p class="panel-success" role="status">{if d == "approve" { "Approved: it is public now." } else { "Rejected." }}</p> })}
            <ErrorSummary/>
            {items.is_empty().then(|| view! { <p>"No testimonials yet."</p> })}
            {items.into_iter().map(|t| {
                let id = t.request_id.to_string();
                let waiting = t.state == "pending";
                view! {
                    <article class="card" aria-label=format!("Testimonial for {}", t.code)>
                        <p class="meta"><Stars score=t.score/>" · "{t.name.clone()}" · "
                            <a href=format!("/staff/requests/{}", t.code)>{t.code.clone()}</a>" · "<When at=t.updated_at now/>
                            " · " <strong>{match t.state.as_str() { "pending" => "Waiting", "approved" => "Published", "rejected" => "Rejected", _ => "Withdrawn by the customer" }}</strong>
                        </p>
                        <blockquote><p>{t.comment.clone()}</p></blockquote>
                        {(!t.reject_reason.is_empty()).then(|| view! { <p class="cp-note">{format!("Rejected because: {}", t.reject_reason)}</p> })}
                        {(t.state != "withdrawn").then(|| view! {
                            <form method="post" action="/staff/testimonials" class="button-row">
                                <input type="hidden" name="request_id" value=id.clone()/>
                                <input type="hidden" name="seen" value=t.updated_at.to_string()/>
                                {(t.state != "approved").then(|| view! { <button type="submit" name="intent" value="approve" class="button">"Approve"</button> })}
                                {(waiting || t.state == "approved").then(|| view! {
                                    <label for=format!("reason-{id}")>"Reason (staff only)"</label>
                                    <input type="text" id=format!("reason-{id}") name="reason" maxlength=500/>
                                    <button type="submit" name="intent" value="reject" class="button secondary">"Reject"</button>
                                })}
                            </form>
                        })}
                    </article>
                }
            }).collect_view()}
        </Page>
    }
}

/// `/staff/satisfaction?days=…`: CSAT per category and per agent over a period.
#[component]
pub fn SatisfactionPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            query
                .read()
                .get("days")
                .and_then(|d| d.parse::<i64>().ok())
                .unwrap_or(30)
        },
        super::api::staff_satisfaction,
    );
    staff_only(data, |r| view! { <Report r/> })
}

#[component]
fn CsatTable(
    caption: &'static str,
    first: &'static str,
    rows: Vec<super::model::CsatRow>,
) -> impl IntoView {
    view! {
        <table class="queue">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{first}</th><th scope="col">"Ratings"</th>
                <th scope="col">"Average"</th><th scope="col">"Rated 4 or 5"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.label}</th>
                        <td>{r.count}</td>
                        <td>{format!("{:.1}", r.average)}</td>
                        <td>{format!("{:.0}%", r.satisfied * 100.0)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Report(r: super::model::SatisfactionReport) -> impl IntoView {
    use super::model::PERIODS;
    let super::model::SatisfactionReport {
        me,
        days,
        total,
        by_category,
        by_agent,
        low,
        now,
    } = r;
    let period = PERIODS
        .iter()
        .find(|(d, _)| *d == days)
        .map(|(_, l)| *l)
        .unwrap_or("Last 30 days");
    view! {
        <Page title="Satisfaction">
            <SignOut name=me.name.clone()/>
            <p><a href="/staff">"← Queue"</a></p>
            <h1>"Satisfaction"</h1>
            <form method="get" action="/staff/satisfaction" class="filters">
                <crate::ui::SelectField name="days" label="Period"
                    options=PERIODS.iter().map(|(d, l)| (d.to_string(), l.to_string())).collect()
                    selected=days.to_string()/>
                <button type="submit" class="button secondary">"Show"</button>
            </form>
            <p class="lede">{if total.count == 0 {
                format!("{period}: no ratings yet.")
            } else {
                let ratings = if total.count == 1 { "1 rating".to_string() } else { format!("{} ratings", total.count) };
                format!("{period}: {ratings}, average {:.1} of 5, {:.0}% rated 4 or 5.", total.average, total.satisfied * 100.0)
            }}</p>
            <CsatTable caption="By category" first="Category" rows=by_category/>
            <CsatTable caption="By agent (the request's assignee)" first="Agent" rows=by_agent/>
            <h2>"Low ratings (1–2)"</h2>
            {low.is_empty().then(|| view! { <p>"None in this period."</p> })}
            <ul class="timeline">
                {low.into_iter().map(|(f, done)| view! {
                    <li class="internal">
                        <p class="cp-title"><strong>{format!("Rated {} of 5", f.score)}</strong>" · "
                            <a href=format!("/staff/requests/{}", f.code)>{f.subject}</a>" · "<When at=f.rated_at now/>
                            {if done { " · followed up" } else { " · waiting for follow-up" }}</p>
                        {(!f.comment.is_empty()).then(|| view! { <p class="cp-note">{f.comment.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        </Page>
    }
}

/// "How did we do?" on a resolved request: one choice and a button; the email proves the
/// request is yours. Once rated, the score is shown and can be changed for 14 days.
#[component]
pub fn RatingBox(
    action: String,
    rating: Option<crate::satisfaction::model::RatingSummary>,
    customer_first: String,
    now: i64,
) -> impl IntoView {
    use crate::satisfaction::model::{COMMENT_MAX, SCORES};
    let fields: &'static [&'static str] = &["rating_email", "score", "comment", "name_shown"];
    let echo = crate::ui::use_echo();
    let rated = use_query_map().read_untracked().get("rated").is_some();
    let chosen = echo
        .value("score")
        .or_else(|| rating.as_ref().map(|r| r.score.to_string()))
        .unwrap_or_default();
    let score_error = echo.error("score");
    let score_class = if score_error.is_some() {
        "field field-error"
    } else {
        "field"
    };
    let open = rating.as_ref().is_none_or(|r| now <= r.changeable_until);
    let has_testimonial = rating
        .as_ref()
        .is_some_and(|r| matches!(r.testimonial.as_str(), "pending" | "approved" | "rejected"));
    let withdrawn = use_query_map().read_untracked().get("withdrawn").is_some();
    // A checkbox left unticked is not sent: after a posted rating, its absence is the answer.
    let posted = echo.value("intent").as_deref() == Some("rate");
    let publish = if posted {
        echo.value("publish").as_deref() == Some("yes")
    } else {
        has_testimonial
    };
    let name_shown = echo
        .value("name_shown")
        .or_else(|| rating.as_ref().map(|r| r.name_choice.clone()))
        .unwrap_or_else(|| "initial".into());
    let first_only = customer_first.clone();
    let first_initial = format!("{customer_first} and the first letter of your last name");
    let withdraw_action = action.clone();
    view! {
        <section id="rating" aria-labelledby="rating-title" class="card">
            <h2 id="rating-title">"How did we do?"</h2>
            {rated.then(|| view! { <p class="panel-success" role="status">"Thank you for telling us."</p> })}
            {withdrawn.then(|| view! { <p class="panel-success" role="status">"Your testimonial is withdrawn: it is no longer shown anywhere."</p> })}
            {rating.clone().map(|r| view! {
                <p>{format!("You rated this request {} of 5 ", r.score)}<When at=r.rated_at now/>"."
                    {open.then(|| view! { " You can change it until " {crate::ui::time::full(r.changeable_until)} "." })}
                </p>
                <p class="meta">{match r.testimonial.as_str() {
                    "pending" => "Your testimonial is waiting for our staff to read it.",
                    "approved" => "Your testimonial is published on the testimonials page.",
                    "rejected" => "Your testimonial was not published.",
                    "withdrawn" => "You withdrew your testimonial.",
                    _ => "Your comment stays with our staff: it is not published.",
                }}</p>
            })}
            {open.then(|| view! {
                <ErrorSummary fields/>
                <form method="post" action=action novalidate>
                    <fieldset class=score_class id="score">
                        <legend>"Your rating"</legend>
                        {score_error.map(|e| view! { <p class="error-message"><span class="vh">"Error: "</span>{e}</p> })}
                        <div class="rating-choices">
                            {SCORES.iter().map(|(n, label)| {
                                let id = format!("score-{n}");
                                let checked = chosen == n.to_string();
                                view! {
                                    <span class="radio">
                                        <input type="radio" name="score" value=n.to_string() id=id.clone() checked=checked/>
                                        <label for=id>{format!("{n} · {label}")}</label>
                                    </span>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <TextArea name="comment" label="Anything to add? (optional)" rows=3 maxlength=COMMENT_MAX
                        hint=if rating.is_some() { "Read by our staff. Leave it empty to keep what you wrote before." } else { "Read by our staff. Don't include passwords or card numbers." }/>
                    <div class="field">
                        <span class="radio">
                            <input type="checkbox" name="publish" value="yes" id="publish" checked=publish/>
                            <label for="publish">"Publish my comment as a testimonial"</label>
                        </span>
                        <p class="hint">"Only with this ticked, and after our staff read it; they never change your words. You can withdraw it at any time."</p>
                    </div>
                    <fieldset class="field" id="name_shown">
                        <legend>"If published, show my name as"</legend>
                        {[("initial", first_initial.clone()), ("first", first_only.clone()), ("anonymous", "A customer".to_string())].into_iter().map(|(v, l)| {
                            let id = format!("name-{v}");
                            let checked = name_shown == v;
                            view! {
                                <span class="radio">
                                    <input type="radio" name="name_shown" value=v id=id.clone() checked=checked/>
                                    <label for=id>{l}</label>
                                </span>
                            }
                        }).collect_view()}
                    </fieldset>
                    <TextField name="rating_email" label="Email address you filed with" kind="email" autocomplete="email" maxlength=EMAIL_MAX required=true spellcheck="false"
                        hint="The one you used when you filed this request, to prove it is yours."/>
                    <button type="submit" name="intent" value="rate" class="button">{if rating.is_some() { "Change my rating" } else { "Send rating" }}</button>
                    {has_testimonial.then(|| view! {
                        <button type="submit" name="intent" value="withdraw" class="button secondary">"Withdraw my testimonial"</button>
                    })}
                </form>
            })}
            {(has_testimonial && !open).then(|| view! {
                <ErrorSummary fields/>
                <form method="post" action=withdraw_action class="button-row">
                    <input type="hidden" name="intent" value="withdraw"/>
                    <TextField name="rating_email" label="Email address you filed with" kind="email" autocomplete="email" maxlength=EMAIL_MAX required=true spellcheck="false"/>
                    <button type="submit" class="button secondary">"Withdraw my testimonial"</button>
                </form>
            })}
        </section>
    }
}
