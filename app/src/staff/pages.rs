//! Staff pages: sign in, the queue, a request.

use super::{
    api::{staff_queue, staff_request},
    model::{Queue, RequestDetail},
};
use crate::{
    error::AppError,
    tracking::model::Stage,
    ui::{time, ErrorSummary, Page, SelectField, SignInForm, TextArea, When},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// Renders a staff page from `data`; a signed-out visitor is sent to the sign-in page.
pub(crate) fn staff_only<T, V>(
    data: Resource<Result<T, AppError>>,
    render: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => EitherOf3::A(render(d)),
                    Err(AppError::Unauthorized) => {
                        to_login();
                        EitherOf3::B(view! { <Page title="Sign in"><p><a href="/staff/login">"Sign in"</a></p></Page> })
                    }
                    Err(e) => EitherOf3::C(view! {
                        <Page title="Not found">
                            <h1>"Not found"</h1>
                            <p>{e.to_string()}</p>
                            <p><a href="/staff">"Back to the queue"</a></p>
                        </Page>
                    }),
                }
            })}
        </Suspense>
    }
}

/// Sends a signed-out visitor to the sign-in page, to come back here afterwards.
pub(crate) fn to_login() {
    #[cfg(feature = "ssr")]
    if let Some(parts) = crate::ctx::parts() {
        leptos_axum::redirect(&crate::forms::login_for(&parts));
    }
}

/// `/staff/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let signed_out = query.read_untracked().get("signed_out").is_some();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let action = if next.starts_with("/staff") {
        format!(
            "/staff/login?next={}",
            next.replace(['&', '#', '"', '<', '>'], "")
        )
    } else {
        "/staff/login".to_owned()
    };
    view! {
        <Page title="Staff sign in">
            <h1>"Staff sign in"</h1>
            <ErrorSummary/>
            {signed_out.then(|| view! { <p class="panel-success" role="status">"You are signed out."</p> })}
            <SignInForm action/>
        </Page>
    }
}

#[component]
pub fn SignOut(name: String) -> impl IntoView {
    view! {
        <form method="post" action="/staff/logout" class="signout">
            <span>{format!("Signed in as {name}")}</span>
            <button type="submit" class="button secondary">"Sign out"</button>
        </form>
    }
}

/// `/staff`: the queue, by SLA due time.
#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (q.get("stage"), q.get("category"))
        },
        |(stage, category)| staff_queue(stage, category),
    );
    staff_only(data, |q| view! { <QueueView q/> })
}

#[component]
fn QueueView(q: Queue) -> impl IntoView {
    let query = use_query_map();
    let stage = query.read_untracked().get("stage").unwrap_or_default();
    let category = query.read_untracked().get("category").unwrap_or_default();
    let stages: Vec<(String, String)> = Stage::ALL
        .iter()
        .filter(|s| !s.is_done())
        .map(|s| (s.as_str().to_owned(), s.staff_label().to_owned()))
        .collect();
    let cats: Vec<(String, String)> = q
        .categories
        .iter()
        .map(|c| (c.slug.clone(), c.name.clone()))
        .collect();
    let now = q.now;
    let count = q.items.len();
    view! {
        <Page title="Queue">
            <SignOut name=q.me.name.clone()/>
            <p><a href="/staff/faq">"Help articles"</a> " · " <a href="/staff/moderation">"Community moderation"</a> " · " <a href="/staff/testimonials">"Testimonials"</a> " · " <a href="/staff/satisfaction">"Satisfaction"</a></p>
            <h1>"Open requests"</h1>
            <form method="get" action="/staff" class="filters">
                <SelectField name="stage" label="Stage" options=stages selected=stage placeholder="Any open stage"/>
                <SelectField name="category" label="Category" options=cats selected=category placeholder="Any category"/>
                <button type="submit" class="button secondary">"Filter"</button>
            </form>
            <p>{format!("{count} open, most urgent first.")}</p>
            <table class="queue">
                <thead><tr><th scope="col">"Due"</th><th scope="col">"Request"</th><th scope="col">"Stage"</th><th scope="col">"Category"</th><th scope="col">"Assignee"</th></tr></thead>
                <tbody>
                    {q.items
                        .into_iter()
                        .map(|i| {
                            let href = format!("/staff/requests/{}", i.code);
                            let (class, due) = if i.paused {
                                ("paused", "Paused (waiting on customer)".to_owned())
                            } else if i.due_at < now {
                                ("overdue", format!("Overdue by {}", time::duration(now - i.due_at)))
                            } else {
                                ("ok", format!("{} left", time::duration(i.due_at - now)))
                            };
                            view! {
                                <tr class=class>
                                    <td><time datetime=time::iso(i.due_at) title=time::full(i.due_at)>{due}</time></td>
                                    <td><a href=href>{i.subject}</a><br/><span class="meta">{i.customer}" · "{i.code}</span></td>
                                    <td>{i.stage.staff_label()}</td>
                                    <td>{i.category}</td>
                                    <td>{i.assignee.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <FollowUps items=q.follow_ups now/>
        </Page>
    }
}

/// Resolved requests the customer rated low (1–2), to be followed up: a complaint gets an
/// answer from a person.
#[component]
fn FollowUps(items: Vec<crate::satisfaction::model::FollowUp>, now: i64) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <section id="follow-up" aria-labelledby="follow-up-title">
            <h2 id="follow-up-title">{format!("Low ratings to follow up ({})", items.len())}</h2>
            <ul class="timeline">
                {items.into_iter().map(|f| view! {
                    <li class="internal">
                        <p class="cp-title">
                            <strong>{format!("Rated {} of 5", f.score)}</strong>" · "
                            <a href=format!("/staff/requests/{}", f.code)>{f.subject}</a>" · "<When at=f.rated_at now/>
                        </p>
                        {(!f.comment.is_empty()).then(|| view! { <p class="cp-note">{f.comment.clone()}</p> })}
                        <form method="post" action=format!("/staff/requests/{}", f.code)>
                            <input type="hidden" name="intent" value="follow_up"/>
                            <button type="submit" class="button secondary">"Followed up"</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// `/staff/requests/{code}`: one request, with the forms to work it.
#[component]
pub fn RequestPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new_blocking(
        move || params.read().get("code").unwrap_or_default(),
        staff_request,
    );
    staff_only(data, |d| view! { <Detail d/> })
}

#[component]
fn Detail(d: RequestDetail) -> impl IntoView {
    let action = format!("/staff/requests/{}", d.code);
    let saved = use_query_map().read_untracked().get("saved");
    let now = d.now;
    let stages: Vec<(String, String)> = Stage::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.staff_label().to_owned()))
        .collect();
    let staff: Vec<(String, String)> = d
        .staff
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    let assignee = d.assignee_id.map(|a| a.to_string()).unwrap_or_default();
    let public_url = format!("/track/{}", d.code);
    let due = if d.paused {
        "Paused while waiting on the customer".to_owned()
    } else if d.stage.is_done() {
        "Done".to_owned()
    } else if d.due_at < now {
        format!("Overdue by {}", time::duration(now - d.due_at))
    } else {
        format!(
            "Due in {} ({})",
            time::duration(d.due_at - now),
            time::full(d.due_at)
        )
    };
    view! {
        <Page title=format!("{} · staff", d.subject)>
            <p><a href="/staff">"← Queue"</a></p>
            {saved
                .and_then(|s| match s.as_str() {
                    "stage" => Some("Stage updated; the customer sees it now."),
                    "note" => Some("Internal note added."),
                    "assign" => Some("Assignment saved."),
                    _ => None,
                })
                .map(|m| view! { <p class="panel-success" role="status">{m}</p> })}
            <ErrorSummary/>
            <h1>{d.subject.clone()}</h1>
            <p class="meta">{format!("{} · {} · {}", d.code, d.category, d.stage.staff_label())}" · "<a href=public_url>"public page"</a></p>
            <p class="meta">{due}</p>
            <dl class="facts">
                <dt>"Customer"</dt><dd>{d.customer_name.clone()}" <"{d.customer_email.clone()}">"</dd>
                <dt>"Filed"</dt><dd><When at=d.created_at now/></dd>
            </dl>
            <h2>"Description"</h2>
            <p class="description">{d.description.clone()}</p>
            {d.rating.clone().map(|(score, comment)| view! {
                <p class=if score <= 2 { "callout-action" } else { "meta" }>
                    <strong>{format!("Customer rating: {score} of 5")}</strong>
                    {(!comment.is_empty()).then(|| format!(" · “{comment}”"))}
                </p>
            })}
            <div class="work">
                <form method="post" action=action.clone() class="card" novalidate>
                    <h2>"Change stage"</h2>
                    <input type="hidden" name="intent" value="stage"/>
                    <SelectField name="stage" label="New stage" options=stages selected=d.stage.as_str().to_owned()/>
                    <TextArea name="public_note" label="Note to the customer (public)" rows=3 maxlength=super::forms_limits::NOTE_MAX hint="Shown on the tracking page."/>
                    <button type="submit" class="button">"Update stage"</button>
                </form>
                <form method="post" action=action.clone() class="card" novalidate>
                    <h2>"Internal note"</h2>
                    <input type="hidden" name="intent" value="note"/>
                    <TextArea name="internal_note" label="Note (staff only)" rows=3 maxlength=super::forms_limits::NOTE_MAX hint="Never shown to the customer."/>
                    <button type="submit" class="button secondary">"Add note"</button>
                </form>
                <form method="post" action=action class="card" novalidate>
                    <h2>"Assign"</h2>
                    <input type="hidden" name="intent" value="assign"/>
                    <SelectField name="assignee" label="Assignee" options=staff selected=assignee placeholder="Nobody"/>
                    <button type="submit" class="button secondary">"Assign"</button>
                </form>
            </div>
            <h2>"Timeline"</h2>
            <ol class="timeline staff">
                {d.timeline
                    .iter()
                    .rev()
                    .map(|c| {
                        let who = c.author.clone().unwrap_or_else(|| if c.kind == "reply" { "Customer".into() } else { "Waybill".into() });
                        let what = match c.kind.as_str() {
                            "reply" => format!("Customer replied · now {}", c.stage.staff_label()),
                            "note" => "Internal note".to_owned(),
                            "assign" => "Assignment".to_owned(),
                            _ => format!("Stage: {}", c.stage.staff_label()),
                        };
                        let class = if c.public { "public" } else { "internal" };
                        view! {
                            <li class=class>
                                <p class="cp-title"><strong>{what}</strong>" · "{who}" · "<When at=c.at now/>{(!c.public).then_some(" · internal")}</p>
                                {(!c.body.is_empty()).then(|| view! { <p class="cp-note">{c.body.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <h2>"Earlier requests from this customer"</h2>
            {if d.history.is_empty() {
                view! { <p>"None."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.history
                            .iter()
                            .map(|h| view! {
                                <li><a href=format!("/staff/requests/{}", h.code)>{h.subject.clone()}</a>{format!(" · {} · {}", h.stage.label(), time::short_date(h.created_at))}</li>
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </Page>
    }
}
