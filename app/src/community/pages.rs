//! Community pages: the question lists, a question with its answers, asking, editing.

use super::{
    api::{community_list, community_question},
    model::{PostState, PostView, QuestionList, QuestionPage, Sort},
    validate::{BODY_MAX, REASON_MAX},
};
use crate::{
    accounts::{model::Viewer, pages::AccountBar},
    error::AppError,
    ui::{ErrorSummary, Honeypot, Page, TextArea, When},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// A status message named by a query parameter (`?queued=1`), if present.
fn flash(messages: &[(&'static str, &'static str)]) -> Option<&'static str> {
    let q = use_query_map().read_untracked().clone();
    messages
        .iter()
        .find(|(k, _)| q.get(k).is_some())
        .map(|(_, m)| *m)
}

/// `?sort=…&tag=…&after=…` for a list link.
fn list_href(sort: Sort, tag: Option<&str>, after: Option<&str>) -> String {
    let mut q = vec![format!("sort={}", sort.as_str())];
    if let Some(t) = tag {
        q.push(format!("tag={}", crate::faq::pages::urlencode(t)));
    }
    if let Some(a) = after {
        q.push(format!("after={}", crate::faq::pages::urlencode(a)));
    }
    format!("/community?{}", q.join("&"))
}

/// `/community`: questions, newest, unanswered or top, optionally by tag, paged.
#[component]
pub fn ListPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("sort").unwrap_or_default(),
                q.get("tag"),
                q.get("after"),
            )
        },
        |(sort, tag, after)| community_list(sort, tag, after),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => Either::Left(view! { <ListView list/> }),
                    Err(_) => Either::Right(view! { <Page title="Community"><p>"The community is not available right now. Please try again."</p></Page> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListView(list: QuestionList) -> impl IntoView {
    let message = flash(&[
        (
            "welcome",
            "Your account is ready, and you are signed in. Welcome!",
        ),
        ("deleted", "Your question is deleted."),
        ("signed_out", "You are signed out."),
    ]);
    let QuestionList {
        sort,
        tag,
        questions,
        next,
        paged,
        viewer,
        now,
    } = list;
    let empty = questions.is_empty();
    view! {
        <Page title="Community answers">
            <h1>"Community answers"</h1>
            <p class="lede">"Customers helping customers. Search first: your question may already have an answer."</p>
            <AccountBar viewer/>
            {message.map(|m| view! { <p class="panel-success" role="status">{m}</p> })}
            <crate::faq::pages::SearchBox value=""/>
            <p><a class="button" href="/community/ask">"Ask a question"</a></p>
            <nav aria-label="Order questions" class="tabs">
                {[Sort::Newest, Sort::Unanswered, Sort::Top].into_iter().map(|s| {
                    let current = (s == sort).then_some("page");
                    view! { <a href=list_href(s, tag.as_deref(), None) aria-current=current>{s.label()}</a> }
                }).collect_view()}
            </nav>
            {tag.clone().map(|t| view! {
                <p class="meta">{format!("Questions tagged “{t}”. ")}<a href=list_href(sort, None, None)>"Show all questions"</a></p>
            })}
            {empty.then(|| view! { <p>{if paged { "No more questions." } else { "No questions here yet." }}</p> })}
            <ol class="questions">
                {questions.into_iter().map(|q| view! {
                    <li class="question-row">
                        <div class="q-stats" aria-label="Votes and answers">
                            <span><strong>{q.score}</strong>{if q.score == 1 || q.score == -1 { " vote" } else { " votes" }}</span>
                            <span class=if q.accepted { "answered" } else { "" }>
                                <strong>{q.answers}</strong>{if q.answers == 1 { " answer" } else { " answers" }}
                                {q.accepted.then(|| view! { <span class="vh">", one accepted"</span> })}
                            </span>
                        </div>
                        <div>
                            <a class="q-title" href=format!("/community/{}/{}", q.id, q.slug)>{q.title}</a>
                            <p class="meta">
                                <TagLinks tags=q.tags sort/>
                                "Asked by " <Author name=q.author.name reputation=q.author.reputation/> " · " <When at=q.created_at now/>
                            </p>
                        </div>
                    </li>
                }).collect_view()}
            </ol>
            <nav aria-label="Pages" class="pager">
                {paged.then(|| view! { <a href=list_href(sort, tag.as_deref(), None)>"First page"</a> })}
                {next.map(|n| view! { <a href=list_href(sort, tag.as_deref(), Some(&n)) rel="next">"Next page"</a> })}
            </nav>
        </Page>
    }
}

#[component]
fn TagLinks(tags: Vec<String>, sort: Sort) -> impl IntoView {
    tags.into_iter()
        .map(|t| view! { <a class="tag" href=list_href(sort, Some(&t), None)>{t.clone()}</a> " " })
        .collect_view()
}

/// A display name with its reputation, both as text.
#[component]
fn Author(name: String, reputation: i64) -> impl IntoView {
    view! {
        <span class="author">{name}</span>
        <span class="rep" title="Reputation">" (" {reputation} <span class="vh">" reputation"</span> ")"</span>
    }
}

/// `/community/{id}/{slug}`: a question with its answers. A wrong or missing slug redirects
/// (301) to the question's address.
#[component]
pub fn QuestionPageView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new_blocking(
        move || crate::ui::id_param(params.get(), "id"),
        community_question,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(q) => {
                        let slug = params.read_untracked().get("slug").unwrap_or_default();
                        if slug != q.slug {
                            crate::faq::pages::moved_permanently(&format!("/community/{}/{}", q.id, q.slug));
                        }
                        Either::Left(view! { <QuestionView q/> })
                    }
                    Err(e) => Either::Right(view! { <Missing e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(super) fn Missing(e: AppError) -> impl IntoView {
    let _ = e;
    view! {
        <Page title="Question not found">
            <ErrorSummary/>
            <h1>"We can't find that question"</h1>
            <p>"It may have been removed, or it is waiting for a moderator."</p>
            <p><a href="/community">"All questions"</a></p>
        </Page>
    }
}

#[component]
fn QuestionView(q: QuestionPage) -> impl IntoView {
    let message = flash(&[
        ("queued", "Thanks! Posts from new accounts wait for a moderator before others see them. Only you can see it until then."),
        ("edited", "Your changes are saved."),
        ("flagged", "Thanks for flagging it: a moderator will look at it."),
        ("deleted", "Your answer is deleted."),
    ]);
    let path = format!("/community/{}/{}", q.id, q.slug);
    let asker = q.question.author.id;
    let viewer = q.viewer.clone();
    let is_asker = viewer.customer().is_some_and(|c| c.id == asker);
    let count = q
        .answers
        .iter()
        .filter(|a| a.state == PostState::Public)
        .count();
    let ctx = PostCtx {
        path: path.clone(),
        viewer: viewer.clone(),
        accepted: q.accepted_id,
        is_asker,
    };
    let answers = q.answers.clone();
    view! {
        <Page title=q.title.clone()>
            <nav aria-label="Breadcrumb" class="breadcrumbs">
                <ol><li><a href="/community">"Community answers"</a></li><li aria-current="page">{q.title.clone()}</li></ol>
            </nav>
            <AccountBar viewer=viewer.clone()/>
            {message.map(|m| view! { <p class="panel-success" role="status">{m}</p> })}
            <ErrorSummary/>
            <h1 id="question-title">{q.title.clone()}</h1>
            <p class="meta"><TagLinks tags=q.tags.clone() sort=Sort::Newest/></p>
            <Post p=q.question.clone() ctx=ctx.clone() is_answer=false now=q.now/>
            <section aria-labelledby="answers-title">
                <h2 id="answers-title">{match count { 0 => "No answers yet".to_string(), 1 => "1 answer".to_string(), n => format!("{n} answers") }}</h2>
                {answers.into_iter().map(|a| view! { <Post p=a ctx=ctx.clone() is_answer=true now=q.now/> }).collect_view()}
            </section>
            <AnswerForm path viewer open=q.question.state == PostState::Public/>
        </Page>
    }
}

/// What every post on a question page needs to know about the page.
#[derive(Clone)]
struct PostCtx {
    path: String,
    viewer: Viewer,
    accepted: Option<i64>,
    is_asker: bool,
}

#[component]
fn Post(p: PostView, ctx: PostCtx, is_answer: bool, now: i64) -> impl IntoView {
    let id = p.id.to_string();
    let accepted = is_answer && ctx.accepted == Some(p.id);
    let customer = ctx.viewer.customer().is_some();
    let staff = ctx.viewer.is_staff();
    let public = p.state == PostState::Public;
    let can_vote = public && !p.mine && !staff;
    let class = if accepted { "post accepted" } else { "post" };
    let label = if is_answer { "Answer" } else { "Question" };
    view! {
        <article id=format!("post-{}", p.id) class=class aria-label=label>
            {match p.state {
                PostState::Queued => Some(view! { <p class="callout-action">"Waiting for a moderator: only you and staff can see this."</p> }),
                PostState::Hidden => Some(view! { <p class="callout-action">"Hidden by a moderator: only you and staff can see this."</p> }),
                PostState::Public => None,
            }}
            {(accepted || p.endorsed_by.is_some()).then(|| view! {
                <p class="badges">
                    {accepted.then(|| view! { <span class="badge accepted-badge">"✓ Accepted answer"</span> })}
                    {p.endorsed_by.clone().map(|s| view! { <span class="badge staff-badge">{format!("Staff endorsed ({s})")}</span> })}
                </p>
            })}
            <div class="post-body">
                <form method="post" action=ctx.path.clone() class="vote">
                    <input type="hidden" name="post_id" value=id.clone()/>
                    {can_vote.then(|| view! {
                        <button type="submit" name="intent" value="up" class="vote-button" aria-pressed=if p.my_vote == 1 { "true" } else { "false" }
                            aria-label=format!("Vote {} up (it is useful)", label.to_lowercase())>"▲"</button>
                    })}
                    <span class="score" aria-label=format!("Score {}", p.score)>{p.score}</span>
                    {can_vote.then(|| view! {
                        <button type="submit" name="intent" value="down" class="vote-button" aria-pressed=if p.my_vote == -1 { "true" } else { "false" }
                            aria-label=format!("Vote {} down (it is not useful)", label.to_lowercase())>"▼"</button>
                    })}
                </form>
                // Rendered from Markdown and sanitized when it was saved.
                <div class="prose" inner_html=p.html.clone()></div>
            </div>
            <p class="meta">
                {if is_answer { "Answered by " } else { "Asked by " }}
                <Author name=p.author.name.clone() reputation=p.author.reputation/> " · " <When at=p.created_at now/>
                {p.edited_at.map(|at| view! { " · edited " <When at now/> })}
                {(staff && p.flags > 0).then(|| view! { " · " <a href="/staff/moderation">{format!("{} open flag(s)", p.flags)}</a> })}
            </p>
            <div class="post-actions">
                {p.mine.then(|| view! { <a href=format!("/community/posts/{}/edit", p.id)>"Edit"</a> })}
                {p.can_delete.then(|| view! {
                    <form method="post" action=ctx.path.clone() class="inline">
                        <input type="hidden" name="post_id" value=id.clone()/>
                        <button type="submit" name="intent" value="delete" class="link-button">"Delete"</button>
                    </form>
                })}
                {(is_answer && ctx.is_asker && public).then(|| view! {
                    <form method="post" action=ctx.path.clone() class="inline">
                        <input type="hidden" name="post_id" value=id.clone()/>
                        <button type="submit" name="intent" value="accept" class="button secondary">
                            {if accepted { "Undo accept" } else { "Accept this answer" }}
                        </button>
                    </form>
                })}
                {(staff && is_answer && public).then(|| view! {
                    <form method="post" action=ctx.path.clone() class="inline">
                        <input type="hidden" name="post_id" value=id.clone()/>
                        <button type="submit" name="intent" value="endorse" class="button secondary">
                            {if p.endorsed_by.is_some() { "Remove staff endorsement" } else { "Endorse as staff" }}
                        </button>
                        {accepted.then(|| view! {
                            <button type="submit" name="intent" value="to_faq" class="button secondary">"Make a draft help article"</button>
                        })}
                    </form>
                })}
                {(customer && !p.mine && public).then(|| view! { <FlagForm path=ctx.path.clone() id=id.clone()/> })}
            </div>
        </article>
    }
}

#[component]
fn FlagForm(path: String, id: String) -> impl IntoView {
    let reasons = super::model::flag_reasons();
    let echo = crate::ui::use_echo();
    let anchor = format!("flag-{id}");
    let error = echo.error(&anchor);
    let typed = echo
        .value("details")
        .filter(|_| error.is_some())
        .unwrap_or_default();
    let open = error.is_some();
    view! {
        <details class="flag" id=anchor tabindex="-1" open=open>
            <summary>"Flag"</summary>
            {error.map(|e| view! { <p class="error-message"><span class="vh">"Error: "</span>{e}</p> })}
            <form method="post" action=path novalidate>
                <input type="hidden" name="post_id" value=id.clone()/>
                <fieldset>
                    <legend>"What is wrong with this post?"</legend>
                    {reasons.iter().map(|(v, l)| {
                        let input_id = format!("reason-{id}-{v}");
                        let checked = open && echo.value("reason").as_deref() == Some(*v);
                        view! {
                            <div class="radio">
                                <input type="radio" name="reason" value=*v id=input_id.clone() checked=checked/>
                                <label for=input_id>{*l}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <label for=format!("details-{id}")>"Details (optional)"</label>
                <textarea id=format!("details-{id}") name="details" rows=2 maxlength=REASON_MAX
                    inner_html=crate::ui::layout::escape_text(&typed)></textarea>
                <button type="submit" name="intent" value="flag" class="button secondary">"Send flag"</button>
            </form>
        </details>
    }
}

/// The answer form (signed-in customers), or a way to sign in.
#[component]
fn AnswerForm(path: String, viewer: Viewer, open: bool) -> impl IntoView {
    if !open {
        return Either::Left(
            view! { <p>"Answers open once a moderator has approved the question."</p> },
        );
    }
    let next = path.clone();
    Either::Right(match viewer {
        Viewer::Customer(_) => view! {
            <section id="your-answer" aria-labelledby="your-answer-title" class="card">
                <h2 id="your-answer-title">"Your answer"</h2>
                <form method="post" action=path novalidate>
                    <TextArea name="body" label="Answer (Markdown)" rows=8 maxlength=BODY_MAX required=true
                        hint="Say what worked for you. Markdown: **bold**, lists, [links](https://…). HTML is shown as text."/>
                    <Honeypot/>
                    <div class="button-row">
                        <button type="submit" name="intent" value="preview" class="button secondary">"Preview"</button>
                        <button type="submit" name="intent" value="answer" class="button">"Post your answer"</button>
                    </div>
                </form>
                <super::compose::Preview/>
            </section>
        }.into_any(),
        Viewer::Staff { .. } => view! { <p>"Staff endorse answers rather than post them."</p> }.into_any(),
        Viewer::Anonymous => view! {
            <p class="card"><a href=format!("/account/login?next={next}")>"Sign in"</a> " or "
                <a href="/account/signup">"create an account"</a> " to answer."</p>
        }.into_any(),
    })
}
