//! Writing posts: asking a question, editing one's post (with its history), and the preview
//! that both they and the answer form show.

use super::{
    api::community_edit,
    model::EditData,
    pages::Missing,
    validate::{BODY_MAX, TITLE_MAX},
};
use crate::{
    accounts::{
        model::Viewer,
        pages::{AccountBar, SignInFirst},
    },
    error::AppError,
    ui::{ErrorSummary, Honeypot, Page, TextArea, TextField, When},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_params_map;

/// The rendered preview of `#body`: after "Preview" (no JavaScript), or live as it is typed.
#[component]
pub(super) fn Preview() -> impl IntoView {
    let html = crate::faq::staff_pages::preview_html(None)
        .unwrap_or_else(|| "<p>Press “Preview” to see your post as others will.</p>".into());
    view! {
        <section id="preview" aria-labelledby="preview-title">
            <h3 id="preview-title">"Preview"</h3>
            <crate::faq::islands::LivePreview endpoint="/community/preview".to_string()/>
            <div class="prose" id="preview-body" inner_html=html></div>
        </section>
    }
}

/// `/community/ask`.
#[component]
pub fn AskPage() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| crate::accounts::api::account_me());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(viewer @ Viewer::Customer(_)) => Either::Left(view! {
                        <Page title="Ask a question">
                            <h1>"Ask a question"</h1>
                            <AccountBar viewer/>
                            <ErrorSummary/>
                            <form method="post" action="/community/ask" class="card" novalidate>
                                <QuestionFields title=String::new() tags=String::new() body=String::new()/>
                                <Honeypot/>
                                <div class="button-row">
                                    <button type="submit" name="intent" value="preview" class="button secondary">"Preview"</button>
                                    <button type="submit" name="intent" value="ask" class="button">"Post your question"</button>
                                </div>
                            </form>
                            <Preview/>
                        </Page>
                    }),
                    _ => Either::Right(view! { <SignInFirst/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QuestionFields(title: String, tags: String, body: String) -> impl IntoView {
    view! {
        <TextField name="title" label="Your question, in one line" maxlength=TITLE_MAX required=true value=title
            hint="Such as “How do I add a photo to my request?”"/>
        <TextArea name="body" label="Details (Markdown)" rows=10 maxlength=BODY_MAX required=true value=body
            hint="What you tried and what happened. Never post tracking codes or personal details."/>
        <TextField name="tags" label="Tags (optional)" value=tags hint="Up to 5, separated by commas, such as “billing, invoices”."/>
    }
}

/// `/community/posts/{id}/edit`: its author edits a post; its history below.
#[component]
pub fn EditPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new_blocking(
        move || crate::ui::id_param(params.get(), "id"),
        community_edit,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <EditView d/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <SignInFirst/> }.into_any(),
                    Err(e) => view! { <Missing e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditView(d: EditData) -> impl IntoView {
    let EditData {
        id,
        question_id,
        question_slug,
        is_question,
        title,
        tags,
        body,
        revisions,
        viewer,
    } = d;
    let back = format!("/community/{question_id}/{question_slug}#post-{id}");
    let heading = if is_question {
        "Edit your question"
    } else {
        "Edit your answer"
    };
    #[cfg(feature = "ssr")]
    let now = crate::db::now();
    #[cfg(not(feature = "ssr"))]
    let now = 0;
    view! {
        <Page title=heading>
            <p><a href=back>"← Back to the question"</a></p>
            <h1>{heading}</h1>
            <AccountBar viewer/>
            <ErrorSummary/>
            <form method="post" action=format!("/community/posts/{id}/edit") class="card" novalidate>
                {if is_question {
                    view! { <QuestionFields title tags body/> }.into_any()
                } else {
                    view! { <TextArea name="body" label="Answer (Markdown)" rows=10 maxlength=BODY_MAX required=true value=body/> }.into_any()
                }}
                <div class="button-row">
                    <button type="submit" name="intent" value="preview" class="button secondary">"Preview"</button>
                    <button type="submit" name="intent" value="save" class="button">"Save changes"</button>
                </div>
            </form>
            <Preview/>
            <section aria-labelledby="history-title">
                <h2 id="history-title">"History"</h2>
                <p class="hint">"Every saved version, newest first."</p>
                <ol class="timeline">
                    {revisions.into_iter().map(|r| view! {
                        <li>
                            <p class="cp-title"><When at=r.at now/>{(!r.title.is_empty()).then(|| format!(" · {}", r.title))}</p>
                            <pre class="cp-note revision">{r.body}</pre>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </Page>
    }
}
