//! The interactive bits of FAQ pages: results as you type, and the editor's live preview.
//! Without JavaScript the search form submits and the editor's "Preview" button posts.

use super::{model::SearchResults, pages::Results};
use leptos::prelude::*;

/// How long typing must pause before a search is sent, in milliseconds.
const SEARCH_DEBOUNCE_MS: u32 = 250;
/// How long typing must pause before the preview is rendered again, in milliseconds.
const PREVIEW_DEBOUNCE_MS: u32 = 500;

/// The search box and its results; with JavaScript the results follow what is typed.
#[island]
pub fn LiveSearch(initial: SearchResults) -> impl IntoView {
    let (results, set_results) = signal(initial.clone());
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    // Answers can arrive out of order: only the latest query's answer is shown.
    let latest = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        let n = latest.get_value() + 1;
        latest.set_value(n);
        let search = move || {
            leptos::task::spawn_local(async move {
                if let Ok(r) = super::api::search_faq(q).await {
                    if latest.get_value() == n {
                        set_results.set(r);
                    }
                }
            });
        };
        timer.update_value(|t| {
            *t = Some(gloo_timers::callback::Timeout::new(
                SEARCH_DEBOUNCE_MS,
                search,
            ));
        });
    };
    view! {
        <form method="get" action="/faq/search" class="search" role="search">
            <label for="q">"Search the help articles"</label>
            <div class="search-row">
                <input type="search" id="q" name="q" value=initial.query maxlength=200 autocomplete="off" on:input=on_input/>
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
        <div id="results" aria-live="polite">
            {move || view! { <Results results=results.get()/> }}
        </div>
    }
}

/// Renders the editor's body into the preview as it is typed, through the same renderer that
/// publishes (a staff-only server function).
#[island]
pub fn LivePreview() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        preview::attach(PREVIEW_DEBOUNCE_MS);
    });
    let _ = PREVIEW_DEBOUNCE_MS;
}

#[cfg(feature = "hydrate")]
mod preview {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use std::{cell::RefCell, rc::Rc};

    /// Listens to the body field and fills `#preview-body`.
    pub fn attach(debounce_ms: u32) {
        let doc = leptos::prelude::document();
        let (Some(body), Some(out)) = (
            doc.get_element_by_id("body"),
            doc.get_element_by_id("preview-body"),
        ) else {
            return;
        };
        let Ok(body) = body.dyn_into::<web_sys::HtmlTextAreaElement>() else {
            return;
        };
        let timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        let field = body.clone();
        let on_input = Closure::<dyn FnMut()>::new(move || {
            let text = field.value();
            let out = out.clone();
            *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                debounce_ms,
                move || {
                    leptos::task::spawn_local(async move {
                        match super::super::api::faq_preview(text).await {
                            Ok(html) => out.set_inner_html(&html),
                            Err(e) => out.set_text_content(Some(
                                &e.field_errors()
                                    .first()
                                    .map(|f| f.message.clone())
                                    .unwrap_or_else(|| e.to_string()),
                            )),
                        }
                    });
                },
            ));
        });
        let _ = body.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        on_input.forget();
    }
}
