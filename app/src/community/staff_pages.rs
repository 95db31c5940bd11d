//! `/staff/moderation`: posts from new accounts waiting for approval, and flagged posts.

use super::{
    api::moderation_queue,
    model::{ModerationData, ModerationItem, PostState},
};
use crate::{
    staff::pages::{staff_only, SignOut},
    ui::{ErrorSummary, Page, When},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/staff/moderation`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| moderation_queue());
    staff_only(data, |d| view! { <Moderation d/> })
}

#[component]
fn Moderation(d: ModerationData) -> impl IntoView {
    let done = use_query_map().read_untracked().get("done");
    let ModerationData {
        queued,
        flagged,
        me,
        now,
    } = d;
    let (nq, nf) = (queued.len(), flagged.len());
    view! {
        <Page title="Moderation">
            <SignOut name=me.name.clone()/>
            <p><a href="/staff">"← Queue"</a></p>
            <h1>"Moderation"</h1>
            {done.map(|d| view! { <p class="panel-success" role="status">{match d.as_str() {
                "approve" => "Approved: the post is public.",
                "hide" => "Hidden.",
                "delete" => "Deleted.",
                "suspend" => "The account is suspended and its posts are hidden.",
                _ => "Flags closed; the post stays.",
            }}</p> })}
            <ErrorSummary/>
            <section aria-labelledby="queued-title">
                <h2 id="queued-title">{format!("Waiting for approval ({nq})")}</h2>
                <p class="hint">"Posts of new accounts, and their edits. Once two of an account's posts are approved (or it has 50 reputation), its posts are public at once."</p>
                {(nq == 0).then(|| view! { <p>"Nothing is waiting."</p> })}
                {queued.into_iter().map(|i| view! { <Item i now/> }).collect_view()}
            </section>
            <section aria-labelledby="flagged-title">
                <h2 id="flagged-title">{format!("Flagged ({nf})")}</h2>
                {(nf == 0).then(|| view! { <p>"No open flags."</p> })}
                {flagged.into_iter().map(|i| view! { <Item i now/> }).collect_view()}
            </section>
        </Page>
    }
}

#[component]
fn Item(i: ModerationItem, now: i64) -> impl IntoView {
    let id = i.id.to_string();
    let what = if i.is_answer { "Answer to" } else { "Question" };
    view! {
        <article class="card moderation-item" id=format!("post-{}", i.id) aria-label=format!("{what}: {}", i.question_title)>
            <p class="meta">
                {format!("{what} ")}
                <a href=format!("/community/{}/{}#post-{}", i.question_id, i.question_slug, i.id)>{i.question_title.clone()}</a>
                " · by " <span class="author">{i.author.name.clone()}</span>
                {format!(" ({} reputation)", i.author.reputation)}
                {i.author_suspended.then_some(" · suspended")}
                " · " <When at=i.created_at now/>
                {(i.state == PostState::Hidden).then_some(" · hidden")}
            </p>
            // Rendered from Markdown and sanitized when it was saved.
            <div class="prose" inner_html=i.html.clone()></div>
            {(!i.flags.is_empty()).then(|| view! {
                <ul class="flags">
                    {i.flags.iter().map(|(reason, by)| view! { <li>{reason.clone()} " · flagged by " {by.clone()}</li> }).collect_view()}
                </ul>
            })}
            <form method="post" action="/staff/moderation" class="button-row">
                <input type="hidden" name="post_id" value=id/>
                {(i.state != PostState::Public).then(|| view! {
                    <button type="submit" name="intent" value="approve" class="button">"Approve"</button>
                })}
                {(!i.flags.is_empty() && i.state == PostState::Public).then(|| view! {
                    <button type="submit" name="intent" value="dismiss" class="button secondary">"Keep it"</button>
                })}
                {(i.state != PostState::Hidden).then(|| view! {
                    <button type="submit" name="intent" value="hide" class="button secondary">"Hide"</button>
                })}
                <button type="submit" name="intent" value="delete" class="button secondary">"Delete"</button>
                {(!i.author_suspended).then(|| view! {
                    <button type="submit" name="intent" value="suspend" class="button danger">"Suspend the account and hide its posts"</button>
                })}
            </form>
        </article>
    }
}
