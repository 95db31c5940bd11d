//! Public FAQ pages: the index, an article, search.

use super::{
    api::{faq_article, faq_index, search_faq},
    model::{Article, ArticleLink, ArticleLookup, SearchResults, Segment},
};
use crate::ui::{ErrorSummary, Page, TextArea, When};
use leptos::{either::EitherOf3, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The search form, on every FAQ page.
#[component]
pub fn SearchBox(#[prop(into)] value: String) -> impl IntoView {
    view! {
        <form method="get" action="/faq/search" class="search" role="search">
            <label for="q">"Search the help articles"</label>
            <div class="search-row">
                <input type="search" id="q" name="q" value=value maxlength=200 autocomplete="off"/>
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
    }
}

/// `/faq`: every category with its articles.
#[component]
pub fn FaqIndexPage() -> impl IntoView {
    let index = Resource::new_blocking(|| (), |_| faq_index());
    view! {
        <Page title="Help articles">
            <h1>"Help articles"</h1>
            <p class="lede">"Answers to what customers ask most: tracking, timing, replying and privacy."</p>
            <SearchBox value=""/>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let categories = index.await.unwrap_or_default();
                    let empty = categories.is_empty();
                    view! {
                        {empty.then(|| view! { <p>"There are no help articles yet."</p> })}
                        {categories.into_iter().map(|c| view! {
                            <section class="faq-category" aria-labelledby=c.slug.clone()>
                                <h2 id=c.slug.clone()>{c.name}</h2>
                                <ArticleList articles=c.articles/>
                            </section>
                        }).collect_view()}
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A list of article links with their summaries.
#[component]
fn ArticleList(articles: Vec<ArticleLink>) -> impl IntoView {
    view! {
        <ul class="article-list">
            {articles.into_iter().map(|a| view! {
                <li>
                    <a href=format!("/faq/{}", a.slug)>{a.title}</a>
                    <p class="summary">{a.summary}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/faq/{slug}`: one article. A renamed article's old address redirects (301).
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let article = Resource::new_blocking(
        move || params.read().get("slug").unwrap_or_default(),
        faq_article,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(ArticleLookup::Found(a)) => EitherOf3::A(view! { <ArticleView a=*a/> }),
                    Ok(ArticleLookup::Moved(slug)) => {
                        moved_permanently(&format!("/faq/{slug}"));
                        EitherOf3::B(view! {
                            <Page title="Moved"><p><a href=format!("/faq/{slug}")>"This article has moved."</a></p></Page>
                        })
                    }
                    Err(_) => EitherOf3::C(view! { <ArticleMissing/> }),
                }
            })}
        </Suspense>
    }
}

/// Answers with a 301 to `to`.
pub(crate) fn moved_permanently(to: &str) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::MOVED_PERMANENTLY);
        if let Ok(v) = axum::http::HeaderValue::from_str(to) {
            res.insert_header(axum::http::header::LOCATION, v);
        }
    }
    let _ = to;
}

#[component]
fn ArticleMissing() -> impl IntoView {
    view! {
        <Page title="Article not found">
            <h1>"We can't find that article"</h1>
            <p>"It may have been taken down. Try searching:"</p>
            <SearchBox value=""/>
            <p><a href="/faq">"All help articles"</a></p>
        </Page>
    }
}

#[component]
fn ArticleView(a: Article) -> impl IntoView {
    let voted = use_query_map().read_untracked().get("voted").is_some();
    let vote_action = format!("/faq/{}", a.slug);
    #[cfg(feature = "ssr")]
    let now = crate::db::now();
    #[cfg(not(feature = "ssr"))]
    let now = a.updated_at;
    let has_toc = a.toc.len() >= 2;
    view! {
        <Page title=a.title.clone()>
            <nav aria-label="Breadcrumb" class="breadcrumbs">
                <ol>
                    <li><a href="/faq">"Help articles"</a></li>
                    <li><a href=format!("/faq#{}", a.category_slug)>{a.category_name.clone()}</a></li>
                    <li aria-current="page">{a.title.clone()}</li>
                </ol>
            </nav>
            <article id="article" aria-labelledby="article-title">
                <h1 id="article-title">{a.title.clone()}</h1>
                <p class="lede">{a.summary.clone()}</p>
                <p class="meta">"Last updated " <When at=a.updated_at now/></p>
                {has_toc.then(|| view! {
                    <nav id="toc" aria-label="On this page" class="toc">
                        <h2>"On this page"</h2>
                        <ul>
                            {a.toc.iter().map(|t| view! {
                                <li class=format!("toc-{}", t.level)><a href=format!("#{}", t.id)>{t.title.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    </nav>
                })}
                // Rendered from Markdown and sanitized when it was saved.
                <div class="prose" inner_html=a.html.clone()></div>
            </article>
            <section id="helpful" class="card" aria-labelledby="helpful-title">
                {if voted {
                    view! { <p role="status" class="panel-success" id="helpful-title">"Thanks for telling us. It helps us improve this article."</p> }.into_any()
                } else {
                    view! {
                        <h2 id="helpful-title">"Was this helpful?"</h2>
                        <ErrorSummary fields=&["comment"]/>
                        <form method="post" action=vote_action novalidate>
                            <TextArea name="comment" label="Anything to add? (optional)" rows=3 maxlength=1000
                                hint="Don't include personal details: comments are read by our staff."/>
                            <div class="button-row">
                                <button type="submit" name="helpful" value="yes" class="button">"Yes, it helped"</button>
                                <button type="submit" name="helpful" value="no" class="button secondary">"No"</button>
                            </div>
                        </form>
                    }.into_any()
                }}
            </section>
            {(!a.related.is_empty()).then(|| view! {
                <section id="related" aria-labelledby="related-title">
                    <h2 id="related-title">"Related articles"</h2>
                    <ArticleList articles=a.related.clone()/>
                </section>
            })}
        </Page>
    }
}

/// Highlighted text: matches in `<mark>`, everything as text.
#[component]
pub fn Highlighted(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.mark {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}

/// The results of a search, or a helpful empty state; community questions in their own
/// group below the articles.
#[component]
pub fn Results(results: SearchResults) -> impl IntoView {
    let SearchResults {
        query,
        hits,
        suggestion,
        popular,
        community,
    } = results;
    if query.trim().is_empty() {
        return view! { <p>"Type a few words, such as “lost code” or “waiting on you”."</p> }
            .into_any();
    }
    let community = view! { <CommunityResults hits=community/> };
    if hits.is_empty() {
        return view! {
            <div class="empty-results" role="status">
                <p>{format!("No help articles match “{query}”.")}</p>
                {suggestion.map(|s| view! {
                    <p>"Did you mean " <a href=format!("/faq/search?q={}", urlencode(&s))>{s.clone()}</a> "?"</p>
                })}
                {(!popular.is_empty()).then(|| view! {
                    <h2>"Most read"</h2>
                    <ArticleList articles=popular.clone()/>
                })}
                <p>"Still stuck? " <a href="/requests/new">"File a request"</a> " or " <a href="/community/ask">"ask the community"</a> "."</p>
            </div>
            {community}
        }
        .into_any();
    }
    let count = hits.len();
    view! {
        <p role="status">{if count == 1 { "1 article found".to_string() } else { format!("{count} articles found") }}</p>
        <ol class="results">
            {hits.into_iter().map(|h| view! {
                <li>
                    <a href=format!("/faq/{}", h.slug)><Highlighted segments=h.title/></a>
                    <p class="meta">{h.category}</p>
                    <p class="snippet"><Highlighted segments=h.snippet/></p>
                </li>
            }).collect_view()}
        </ol>
        {community}
    }
    .into_any()
}

/// Matching community questions, as a group of their own (nothing if none match).
#[component]
fn CommunityResults(hits: Vec<crate::community::model::CommunityHit>) -> impl IntoView {
    (!hits.is_empty()).then(|| view! {
        <section class="community-results" aria-labelledby="community-results-title">
            <h2 id="community-results-title">"From the community"</h2>
            <p class="hint">"Answers from other customers, not from our staff."</p>
            <ol class="results">
                {hits.into_iter().map(|h| view! {
                    <li>
                        <a href=format!("/community/{}/{}", h.id, h.slug)><Highlighted segments=h.title/></a>
                        <p class="meta">{if h.answered { "Has an accepted answer" } else { "No accepted answer yet" }}</p>
                        {(!h.snippet.is_empty()).then(|| view! { <p class="snippet"><Highlighted segments=h.snippet/></p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}

/// Percent-encodes a query value.
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// `/faq/search?q=…`.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked().get("q").unwrap_or_default();
    let results = Resource::new_blocking(
        move || query.read().get("q").unwrap_or_default(),
        search_faq,
    );
    let title = if q.trim().is_empty() {
        "Search help articles".to_string()
    } else {
        format!("“{q}”: search")
    };
    view! {
        <Page title=title>
            <h1>"Search help articles"</h1>
            <SearchBox value=q.clone()/>
            <super::islands::LiveSearch/>
            <div id="results" aria-live="polite">
                <Suspense fallback=|| view! { <p>"Searching…"</p> }>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(r) => view! { <Results results=r/> }.into_any(),
                            Err(_) => view! { <p>"Search is not working right now. Please try again."</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </Page>
    }
}
