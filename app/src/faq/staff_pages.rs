//! Staff FAQ pages: the article list, the editor with preview and history, a revision.

use super::{
    api::{staff_faq_articles, staff_faq_editor, staff_faq_revision},
    model::{may_save, ArticleFields, ArticleState, EditorData, RevisionData, StaffFaqList},
    validate::{SLUG_MAX, SUMMARY_MAX, TITLE_MAX},
};
use crate::{
    staff::pages::{staff_only, SignOut},
    ui::{use_echo, ErrorSummary, Page, TextArea, TextField, When},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/staff/faq`: every article with its state and readers' feedback.
#[component]
pub fn StaffFaqPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| staff_faq_articles());
    staff_only(data, |d| view! { <ArticleTable d/> })
}

#[component]
fn ArticleTable(d: StaffFaqList) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let now = crate::db::now();
    #[cfg(not(feature = "ssr"))]
    let now = 0;
    view! {
        <Page title="Help articles · staff">
            <SignOut name=d.me.name.clone()/>
            <p><a href="/staff">"← Queue"</a></p>
            <h1>"Help articles"</h1>
            <p><a class="button" href="/staff/faq/new">"Write a new article"</a></p>
            <table class="queue">
                <thead><tr>
                    <th scope="col">"Article"</th><th scope="col">"State"</th><th scope="col">"Updated"</th>
                    <th scope="col">"Reads"</th><th scope="col">"Helpful"</th>
                </tr></thead>
                <tbody>
                    {d.articles.into_iter().map(|a| {
                        let votes = a.helpful + a.not_helpful;
                        let helpful = if votes == 0 {
                            "no votes yet".to_string()
                        } else {
                            format!("{}% of {votes} ({} comments)", a.helpful * 100 / votes, a.comments)
                        };
                        view! {
                            <tr>
                                <td><a href=format!("/staff/faq/{}", a.id)>{a.title}</a><br/><span class="meta">{a.category}" · /faq/"{a.slug}</span></td>
                                <td>{a.state.label()}</td>
                                <td><When at=a.updated_at now/></td>
                                <td>{a.views}</td>
                                <td>{helpful}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Page>
    }
}

/// `/staff/faq/new` and `/staff/faq/{id}`: the editor.
#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new_blocking(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        staff_faq_editor,
    );
    staff_only(data, |d| view! { <Editor d/> })
}

/// The body as the editor shows it rendered: a preview that was asked for (no JavaScript),
/// or else the saved article.
pub(crate) fn preview_html(saved: Option<String>) -> Option<String> {
    let echo = use_echo();
    if echo.value("intent").as_deref() == Some("preview") {
        #[cfg(feature = "ssr")]
        {
            let body = echo.value("body").unwrap_or_default();
            return Some(
                super::render::render(&body)
                    .map(|r| r.html)
                    .unwrap_or_default(),
            );
        }
    }
    saved
}

#[component]
fn Editor(d: EditorData) -> impl IntoView {
    let saved = use_query_map().read_untracked().get("saved");
    let role = d.me.role;
    let current = d.article.as_ref().map(|a| a.state);
    let action = match &d.article {
        Some(a) => format!("/staff/faq/{}", a.id),
        None => "/staff/faq/new".to_string(),
    };
    let fields = d
        .article
        .as_ref()
        .map(|a| a.fields.clone())
        .unwrap_or_default();
    let title = match &d.article {
        Some(a) => format!("Edit: {}", a.fields.title),
        None => "New article".to_string(),
    };
    let preview = preview_html(d.article.as_ref().map(|a| a.html.clone()));
    let can_publish = may_save(role, current, ArticleState::Published);
    let can_draft = may_save(role, current, ArticleState::Draft);
    let state_line = match current {
        Some(s) => format!("State: {}", s.label()),
        None => "Not saved yet".to_string(),
    };
    view! {
        <Page title=title.clone()>
            <SignOut name=d.me.name.clone()/>
            <p><a href="/staff/faq">"← Help articles"</a></p>
            {saved.map(|s| view! { <p class="panel-success" role="status">{match s.as_str() {
                "published" => "Published: customers can read it now.",
                "archived" => "Archived: it is no longer public.",
                "restored" => "Revision restored.",
                _ => "Saved.",
            }}</p> })}
            <ErrorSummary/>
            <h1>{title}</h1>
            <p class="meta">{state_line}
                {d.article.as_ref().filter(|a| a.state == ArticleState::Published).map(|a| view! {
                    " · " <a href=format!("/faq/{}", a.fields.slug)>"public page"</a>
                })}
            </p>
            {(!can_draft).then(|| view! {
                <p class="callout-action">"This article is public: only editors can change it. You can read it and its history."</p>
            })}
            <div class="editor">
                <form method="post" action=action class="card" id="article-form" novalidate>
                    <ArticleFieldsForm fields categories=d.categories.clone()/>
                    <div class="button-row">
                        <button type="submit" name="intent" value="preview" class="button secondary">"Preview"</button>
                        {can_draft.then(|| view! {
                            <button type="submit" name="intent" value="draft" class="button secondary">
                                {if current == Some(ArticleState::Published) { "Unpublish (back to draft)" } else { "Save draft" }}
                            </button>
                        })}
                        {can_publish.then(|| view! {
                            <button type="submit" name="intent" value="publish" class="button">
                                {if current == Some(ArticleState::Published) { "Save and keep published" } else { "Publish" }}
                            </button>
                        })}
                        {(can_publish && current.is_some() && current != Some(ArticleState::Archived)).then(|| view! {
                            <button type="submit" name="intent" value="archive" class="button secondary">"Archive"</button>
                        })}
                    </div>
                </form>
                <section id="preview" class="card" aria-labelledby="preview-title">
                    <h2 id="preview-title">"Preview"</h2>
                    <super::islands::LivePreview endpoint="/staff/faq/preview".to_string()/>
                    <div class="prose" id="preview-body" inner_html=preview.unwrap_or_else(|| "<p>Press “Preview” to see the article as customers will.</p>".into())></div>
                </section>
            </div>
            {d.article.map(|a| {
                #[cfg(feature = "ssr")]
                let now = crate::db::now();
                #[cfg(not(feature = "ssr"))]
                let now = a.updated_at;
                let (yes, no) = a.votes;
                view! {
                    <section aria-labelledby="feedback-title">
                        <h2 id="feedback-title">"Readers' feedback"</h2>
                        <p>{format!("{yes} found it helpful, {no} did not.")}</p>
                        <ul class="timeline">
                            {a.comments.into_iter().map(|c| view! {
                                <li><p class="cp-title"><strong>{if c.helpful { "Helpful" } else { "Not helpful" }}</strong>" · "<When at=c.at now/></p><p class="cp-note">{c.comment}</p></li>
                            }).collect_view()}
                        </ul>
                    </section>
                    <section aria-labelledby="history-title">
                        <h2 id="history-title">"History"</h2>
                        <ol class="timeline">
                            {a.revisions.into_iter().map(|r| view! {
                                <li>
                                    <p class="cp-title"><a href=format!("/staff/faq/{}/revisions/{}", a.id, r.id)>{format!("{} by {}", r.state.label(), r.author)}</a>" · "<When at=r.at now/></p>
                                    <p class="cp-note">{r.title}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    </section>
                }
            })}
        </Page>
    }
}

/// The editable fields, prefilled with `fields` (or what was just typed).
#[component]
fn ArticleFieldsForm(fields: ArticleFields, categories: Vec<String>) -> impl IntoView {
    let ArticleFields {
        title,
        slug,
        category,
        tags,
        summary,
        order,
        body,
    } = fields;
    view! {
        <TextField name="title" label="Title" maxlength=TITLE_MAX required=true value=title hint="A question or task, as a customer would put it."/>
        <TextField name="slug" label="Address" maxlength=SLUG_MAX value=slug spellcheck="false"
            hint="The end of /faq/…; leave it empty to make it from the title. After a rename the old address keeps working."/>
        <TextField name="category" label="Category" maxlength=super::validate::CATEGORY_MAX value=category hint=format!("An existing one ({}) or a new one.", categories.join(", "))/>
        <TextField name="tags" label="Tags" value=tags hint="Separated by commas, such as “tracking, codes”."/>
        <TextField name="summary" label="Summary" maxlength=SUMMARY_MAX required=true value=summary hint="One line that says what the article answers."/>
        <TextField name="order" label="Position in its category" value=order.to_string() hint="Smaller numbers come first."/>
        <TextArea name="body" label="Article (Markdown)" rows=18 value=body required=true
            hint="Markdown: ## headings, lists, tables, [links](/faq/…), footnotes. HTML is shown as text."/>
    }
}

/// `/staff/faq/{id}/revisions/{rev}`: one saved revision, with a button to restore it.
#[component]
pub fn RevisionPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new_blocking(
        move || {
            let p = params.read();
            let num = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            (num("id"), num("rev"))
        },
        |(id, rev)| staff_faq_revision(id, rev),
    );
    staff_only(data, |d| view! { <Revision d/> })
}

#[component]
fn Revision(d: RevisionData) -> impl IntoView {
    let back = format!("/staff/faq/{}", d.article_id);
    let action = format!("/staff/faq/{}/revisions/{}", d.article_id, d.info.id);
    let may_restore = may_save(d.me.role, Some(d.current_state), d.current_state);
    #[cfg(feature = "ssr")]
    let now = crate::db::now();
    #[cfg(not(feature = "ssr"))]
    let now = d.info.at;
    view! {
        <Page title=format!("Revision of {}", d.fields.title)>
            <p><a href=back>"← Back to the editor"</a></p>
            <ErrorSummary/>
            <h1>{d.fields.title.clone()}</h1>
            <p class="meta">{format!("{} by {} · ", d.info.state.label(), d.info.author)}<When at=d.info.at now/></p>
            <dl class="facts">
                <dt>"Address"</dt><dd>{format!("/faq/{}", d.fields.slug)}</dd>
                <dt>"Category"</dt><dd>{d.fields.category.clone()}</dd>
                <dt>"Tags"</dt><dd>{d.fields.tags.clone()}</dd>
                <dt>"Summary"</dt><dd>{d.fields.summary.clone()}</dd>
            </dl>
            {may_restore.then(|| view! {
                <form method="post" action=action class="card">
                    <p>"Restoring makes this the current text; the article keeps its state, and the restore is saved in the history too."</p>
                    <button type="submit" name="intent" value="restore" class="button">"Restore this revision"</button>
                </form>
            })}
            <div class="prose" inner_html=d.html></div>
            <h2>"Markdown"</h2>
            <pre class="source">{d.fields.body}</pre>
        </Page>
    }
}
