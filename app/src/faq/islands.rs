//! The interactive bits of FAQ pages: results as you type, and the editor's live preview.
//! Without JavaScript the search form submits and the editor's "Preview" button posts.
//!
//! Both fetch HTML rendered on the server (`faq::forms::fragments`: escaped results, the
//! sanitized article) and swap it in, so the browser bundle carries no result types, views
//! or server-function client of its own: it stays small.

use leptos::prelude::*;

/// How long typing must pause before a search is sent, in milliseconds.
const SEARCH_DEBOUNCE_MS: u32 = 250;
/// How long typing must pause before the preview is rendered again, in milliseconds.
const PREVIEW_DEBOUNCE_MS: u32 = 500;

/// With JavaScript, `#results` follows what is typed into `#q` (the search box).
#[island]
pub fn LiveSearch() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        live::attach("q", "results", SEARCH_DEBOUNCE_MS, live::Kind::Search);
    });
    let _ = SEARCH_DEBOUNCE_MS;
}

/// Renders `#body` into `#preview-body` as it is typed, through the same renderer that
/// publishes: `endpoint` renders it (the FAQ editor's for staff, the community's for
/// signed-in customers).
#[island]
pub fn LivePreview(endpoint: String) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        live::attach(
            "body",
            "preview-body",
            PREVIEW_DEBOUNCE_MS,
            live::Kind::Preview(endpoint.clone()),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = &endpoint;
    });
    let _ = PREVIEW_DEBOUNCE_MS;
}

#[cfg(feature = "hydrate")]
mod live {
    use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use std::{cell::RefCell, rc::Rc};
    use wasm_bindgen_futures::JsFuture;

    /// What a field's text is turned into.
    #[derive(Clone)]
    pub enum Kind {
        /// Search results.
        Search,
        /// A preview, rendered by the endpoint given.
        Preview(String),
    }

    /// GETs `url` (or POSTs `form` to it, urlencoded): (whether it succeeded, the text), or
    /// `None` if the network failed (the page stays as it was).
    async fn fetch_text(url: &str, form: Option<String>) -> Option<(bool, String)> {
        let init = web_sys::RequestInit::new();
        if let Some(form) = form {
            let headers = web_sys::Headers::new().ok()?;
            headers
                .set("content-type", "application/x-www-form-urlencoded")
                .ok()?;
            init.set_method("POST");
            init.set_headers(&headers);
            init.set_body(&JsValue::from_str(&form));
        }
        let promise = leptos::prelude::window().fetch_with_str_and_init(url, &init);
        let res: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        let text = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
        Some((res.ok(), text))
    }

    /// Asks the server to render `text`.
    async fn render(kind: &Kind, text: &str) -> Option<(bool, String)> {
        let encoded = String::from(js_sys::encode_uri_component(text));
        match kind {
            Kind::Search => fetch_text(&format!("/faq/results?q={encoded}"), None).await,
            Kind::Preview(endpoint) => fetch_text(endpoint, Some(format!("body={encoded}"))).await,
        }
    }

    /// The current text of an input or a text area.
    fn value_of(el: &web_sys::Element) -> String {
        if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            t.value()
        } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            i.value()
        } else {
            String::new()
        }
    }

    /// Listens to the field `input_id` and, once typing pauses for `debounce_ms`, fills
    /// `output_id` with the server's rendering. Only the latest answer is shown.
    pub fn attach(input_id: &str, output_id: &str, debounce_ms: u32, kind: Kind) {
        let doc = leptos::prelude::document();
        let (Some(input), Some(out)) = (
            doc.get_element_by_id(input_id),
            doc.get_element_by_id(output_id),
        ) else {
            return;
        };
        let timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        let latest = Rc::new(RefCell::new(0u64));
        let field = input.clone();
        let on_input = Closure::<dyn FnMut()>::new(move || {
            let text = value_of(&field);
            let out = out.clone();
            let latest = latest.clone();
            let kind = kind.clone();
            let n = {
                let mut l = latest.borrow_mut();
                *l += 1;
                *l
            };
            let send = move || {
                leptos::task::spawn_local(async move {
                    let answer = render(&kind, &text).await;
                    if *latest.borrow() != n {
                        return;
                    }
                    match answer {
                        Some((true, html)) => out.set_inner_html(&html),
                        // A refusal comes back as plain text, a message for the author.
                        Some((false, message)) => out.set_text_content(Some(&message)),
                        None => {}
                    }
                });
            };
            *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(debounce_ms, send));
        });
        let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        on_input.forget();
    }
}
