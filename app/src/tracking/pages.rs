//! Customer pages: home, filing a request, the success page, lookup and tracking.

use super::{
    api::{list_categories, track},
    code::TrackingCode,
    islands::{ClearDraft, CodeInput, CopyButton, DraftKeeper},
    model::{Estimate, Stage, TrackingView},
    validate::{DESCRIPTION_MAX, EMAIL_MAX, NAME_MAX, SUBJECT_MAX},
    window::Basis,
};
use crate::{
    error::AppError,
    ui::{time, ErrorSummary, Hidden, Page, SelectField, TextArea, TextField, When},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/`: what Waybill is, track a code, file a request.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Page title="Track your request">
            <h1>"Where is my request?"</h1>
            <p class="lede">"Follow your request like a parcel: every step, and when we expect it done. No account needed."</p>
            <form method="get" action="/track" class="card">
                <CodeInput value=String::new() error=None/>
                <button type="submit" class="button">"Track"</button>
            </form>
            <p>"New problem? " <a href="/requests/new">"File a request"</a> " and get a tracking code at once."</p>
            <crate::satisfaction::pages::HomeTestimonials/>
        </Page>
    }
}

/// A fresh submission key for a filing form (server side only).
fn submission_key() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::db::random_token::<16>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// `/requests/new`: the filing form. Posts to itself; errors come back with everything kept.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let categories = Resource::new_blocking(|| (), |_| list_categories());
    let key = submission_key();
    view! {
        <Page title="File a request">
            <h1>"File a request"</h1>
            <ErrorSummary/>
            <p>"You will get a tracking code at once. Keep it: with it you can follow your request and reply, without an account."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let key = key.clone();
                    Suspend::new(async move {
                    let options: Vec<(String, String)> = categories
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .map(|c| (c.slug, format!("{} (answer within {})", c.name, time::duration(c.sla_hours * 3600))))
                        .collect();
                    view! {
                        <form method="post" action="/requests/new" id="new-request" novalidate>
                            <Hidden name="submission_key" value=key/>
                            <TextField name="name" label="Your name" autocomplete="name" maxlength=NAME_MAX required=true/>
                            <TextField name="email" label="Email address" kind="email" autocomplete="email" maxlength=EMAIL_MAX required=true spellcheck="false"
                                hint="Only to prove the request is yours when you reply. Never shown on the tracking page."/>
                            <SelectField name="category" label="What is it about?" options placeholder="Choose one"/>
                            <TextField name="subject" label="Subject" maxlength=SUBJECT_MAX required=true hint=format!("A few words, up to {SUBJECT_MAX} characters.")/>
                            <TextArea name="description" label="What happened?" maxlength=DESCRIPTION_MAX rows=10 required=true
                                hint="What you expected, what happened instead, and anything you already tried."/>
                            <crate::ui::Honeypot/>
                            <DraftKeeper form_id="new-request".to_string()/>
                            <button type="submit" class="button">"Send request"</button>
                        </form>
                    }
                })}}
            </Suspense>
        </Page>
    }
}

/// Loads the tracking view for the `code` route parameter.
fn tracking_resource() -> Resource<Result<TrackingView, AppError>> {
    let params = use_params_map();
    Resource::new_blocking(move || params.read().get("code").unwrap_or_default(), track)
}

/// What a failed lookup shows.
#[component]
fn LookupFailed(error: AppError) -> impl IntoView {
    let (title, body) = match &error {
        AppError::MalformedCode => (
            "This code has a typo",
            "One character is wrong or two are swapped. Codes look like K4P0-TB1M-R8HQ-2W9D; check it against your confirmation.",
        ),
        AppError::NotFound => (
            "We can't find that request",
            "The code is well formed, but no request has it. If you filed it a moment ago, try again in a minute; otherwise check your confirmation.",
        ),
        AppError::RateLimited { .. } => (
            "Too many tries",
            "There were too many failed lookups from your connection. Wait a few minutes and try again.",
        ),
        _ => ("Something went wrong", "We could not load this request. Please try again."),
    };
    view! {
        <Page title=title>
            <h1>{title}</h1>
            <p>{body}</p>
            <form method="get" action="/track" class="card">
                <CodeInput value=String::new() error=None/>
                <button type="submit" class="button">"Track"</button>
            </form>
            <p><a href="/requests/new">"File a new request"</a></p>
        </Page>
    }
}

/// Renders `render` with the tracking view of the `code` route parameter, or what went wrong.
fn tracked<V: IntoView + 'static>(render: fn(TrackingView) -> V) -> impl IntoView {
    let view = tracking_resource();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => Either::Left(view! { <LookupFailed error/> }),
                    Ok(v) => Either::Right(render(v)),
                }
            })}
        </Suspense>
    }
}

/// `/requests/filed/{code}`: the success page.
#[component]
pub fn FiledPage() -> impl IntoView {
    tracked(|v| view! { <Filed v/> })
}

#[component]
fn Filed(v: TrackingView) -> impl IntoView {
    let href = format!("/track/{}", v.code);
    let expect = match &v.estimate {
        Estimate::Open { window, .. } => format!(
            "We expect to resolve it {} (our target for {} is {}).",
            time::window_words(window.earliest, window.latest),
            v.category,
            time::duration(v.sla_hours * 3600)
        ),
        Estimate::Done { resolved_at, .. } => {
            format!("It was resolved on {}.", time::short_date(*resolved_at))
        }
    };
    view! {
        <Page title="Request filed">
            <ClearDraft/>
            <div class="panel-success">
                <h1>"Request filed"</h1>
                <p>"Your tracking code is"</p>
                <p class="code-big" id="tracking-code">{v.code.clone()}</p>
                <CopyButton text=v.code.clone()/>
                <p>{format!("For: {}", v.subject)}</p>
            </div>
            <h2>"What happens next"</h2>
            <ol class="steps">
                <li>"Someone on our team reads your request and routes it, usually within a few hours."</li>
                <li>"We work on it. If we need something from you, the tracking page says “Waiting on you”."</li>
                <li>{expect}</li>
            </ol>
            <p>"Keep the code: it is the only way to find this request without calling us."</p>
            <p><a class="button" href=href>"Go to the tracking page"</a></p>
        </Page>
    }
}

/// `/track` and `/track?code=…`: the lookup form. A good code redirects to its page.
#[component]
pub fn TrackLookupPage() -> impl IntoView {
    let query = use_query_map();
    let typed = query.read_untracked().get("code");
    let error = match typed.as_deref().map(TrackingCode::parse) {
        Some(Ok(code)) => {
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&format!("/track/{}", code.display()));
            let _ = code;
            None
        }
        Some(Err(problem)) => {
            #[allow(unused_mut)]
            let mut message = problem.to_string();
            #[cfg(feature = "ssr")]
            if let Ok(state) = crate::ctx::state() {
                let e = super::api::ssr::failed_lookup(
                    &state,
                    &crate::ctx::client_addr(),
                    AppError::MalformedCode,
                );
                e.set_response_status();
                if let AppError::RateLimited { .. } = e {
                    message = "There were too many failed lookups from your connection. Wait a few minutes and try again.".into();
                }
            }
            Some(message)
        }
        None => None,
    };
    let summary = error.clone();
    view! {
        <Page title="Track a request">
            <h1>"Track a request"</h1>
            {summary.map(|e| view! {
                <div class="error-summary" role="alert" tabindex="-1" autofocus>
                    <h2>"There is a problem"</h2>
                    <ul><li><a href="#code">{e}</a></li></ul>
                </div>
            })}
            <form method="get" action="/track" class="card">
                <CodeInput value=typed.unwrap_or_default() error/>
                <button type="submit" class="button">"Track"</button>
            </form>
            <p>"Lost your code? It is in the confirmation page you saw when you filed the request."</p>
        </Page>
    }
}

/// `/track/{code}`: the parcel-style tracking page.
#[component]
pub fn TrackPage() -> impl IntoView {
    tracked(|v| view! { <Tracking v/> })
}

#[component]
fn Tracking(v: TrackingView) -> impl IntoView {
    let title = format!("Request {}", v.code);
    let reply_action = format!("/track/{}", v.code);
    let waiting = v.stage == Stage::WaitingOnCustomer;
    // A closed request takes no replies, but a reply posted just as it closed is shown its
    // error, with the message kept.
    let can_reply =
        v.stage != Stage::Closed || crate::ui::use_echo().concerns(&["email", "message"]);
    let replied = use_query_map().read_untracked().get("replied").is_some();
    let now = v.now;
    view! {
        <Page title=title.clone()>
            <p class="eyebrow">"Tracking code " <span class="code">{v.code.clone()}</span></p>
            <CopyButton text=v.code.clone()/>
            <h1>{v.subject.clone()}</h1>
            <p class="meta">{format!("{} · filed by {} ", v.category, v.first_name)}<When at=v.created_at now/></p>
            {replied.then(|| view! { <p class="panel-success" role="status">"Thanks, your reply is in. We will pick it up from here."</p> })}
            {waiting.then(|| view! {
                <p class="callout-action"><strong>"Waiting on you: "</strong><a href="#reply">"reply below"</a>" so we can go on."</p>
            })}
            <Stepper v=v.clone()/>
            <EstimateBox v=v.clone()/>
            <h2 id="timeline">"Timeline"</h2>
            <ol class="timeline">
                {v.checkpoints
                    .iter()
                    .map(|c| view! {
                        <li>
                            <p class="cp-title"><strong>{c.title.clone()}</strong>" · "<When at=c.at now/></p>
                            {(!c.note.is_empty()).then(|| view! { <p class="cp-note">{c.note.clone()}</p> })}
                        </li>
                    })
                    .collect_view()}
            </ol>
            {v.stage.is_done().then(|| view! { <crate::satisfaction::pages::RatingBox action=reply_action.clone() rating=v.rating.clone() customer_first=v.first_name.clone() now/> })}
            {can_reply.then(|| view! { <ReplyForm action=reply_action.clone()/> })}
        </Page>
    }
}

#[component]
fn Stepper(v: TrackingView) -> impl IntoView {
    let current = Stage::ALL.iter().position(|s| *s == v.stage).unwrap_or(0);
    view! {
        <ol class="stepper" aria-label="Progress">
            {Stage::ALL
                .iter()
                .enumerate()
                // "Waiting on you" is a step only while it applies.
                .filter(|(_, s)| **s != Stage::WaitingOnCustomer || v.stage == Stage::WaitingOnCustomer)
                .map(|(i, s)| {
                    let (state, spoken) = if i < current {
                        ("done", " (done)")
                    } else if i == current {
                        ("current", " (current stage)")
                    } else {
                        ("todo", " (not yet)")
                    };
                    let aria_current = (i == current).then_some("step");
                    view! {
                        <li class=state aria-current=aria_current>
                            {s.label()}
                            <span class="vh">{spoken}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <p class="stage-meaning">{v.stage.meaning()}</p>
    }
}

#[component]
fn EstimateBox(v: TrackingView) -> impl IntoView {
    let sla = time::duration(v.sla_hours * 3600);
    match v.estimate {
        Estimate::Done { resolved_at, .. } => Either::Left(view! {
            <section class="estimate" aria-labelledby="estimate-title">
                <h2 id="estimate-title">"Resolved"</h2>
                <p>{format!("Resolved on {}, {} after it was filed.", time::short_date(resolved_at), time::duration(resolved_at - v.created_at))}</p>
            </section>
        }),
        Estimate::Open { window: w, moved } => {
            let basis = match w.basis {
                Basis::History { similar, comparable } => format!(
                    "Our target for {} is {sla}. This window comes from how long {similar} similar requests resolved in the last 6 months really took: of the {comparable} that were still open at this point, 8 in 10 were resolved within it.",
                    v.category
                ),
                Basis::LongerThanUsual { similar } => format!(
                    "Our target for {} is {sla}. Your request has already taken longer than almost all of {similar} similar requests, so this is a wider guess.",
                    v.category
                ),
                Basis::Sla => format!(
                    "Based on our target for {}: {sla}. We don't have enough resolved similar requests yet to be more precise.",
                    v.category
                ),
            };
            let after_target = !w.late && w.latest > w.due_at;
            Either::Right(view! {
                <section class="estimate" aria-labelledby="estimate-title">
                    <h2 id="estimate-title">"Expected resolution"</h2>
                    <p class="window">{time::window_words(w.earliest, w.latest)}</p>
                    <p class="basis">{basis}" Dates are in UTC."</p>
                    {after_target.then(|| view! {
                        <p class="late">{format!("That may be later than our target of {}: similar requests have recently taken longer than it.", time::short_date(w.due_at))}</p>
                    })}
                    {w.paused.then(|| view! {
                        <p class="paused"><strong>"Paused: "</strong>"the clock stops while we wait on your reply, and the window moves with it."</p>
                    })}
                    {w.late.then(|| view! {
                        <p class="late"><strong>"Late: "</strong>{format!("our target was {}. We are sorry; it is still being worked on.", time::short_date(w.due_at))}</p>
                    })}
                    {moved.map(|((lo, hi), why)| view! {
                        <p class="moved">{format!("Earlier estimate: {}. {}", time::window_words(lo, hi), why)}</p>
                    })}
                </section>
            })
        }
    }
}

#[component]
fn ReplyForm(action: String) -> impl IntoView {
    let fields: &'static [&'static str] = &["email", "message"];
    view! {
        <section id="reply" aria-labelledby="reply-title" class="card">
            <h2 id="reply-title">"Reply"</h2>
            <ErrorSummary fields/>
            <form method="post" action=action novalidate>
                <TextField name="email" label="Your email address" kind="email" autocomplete="email" maxlength=EMAIL_MAX required=true spellcheck="false"
                    hint="The one you used when you filed this request, to prove it is yours."/>
                <TextArea name="message" label="Your message" maxlength=DESCRIPTION_MAX rows=5 required=true/>
                <button type="submit" class="button">"Send reply"</button>
            </form>
        </section>
    }
}
