//! The interactive bits of tracking pages. Everything else is server-rendered HTML; these
//! islands only make it better when JavaScript runs.

use super::code::TrackingCode;
use leptos::prelude::*;

/// Where the filing draft is kept in the browser.
const DRAFT_KEY: &str = "waybill.draft.new-request";

/// A tracking code input that says at once whether the code can be right.
#[island]
pub fn CodeInput(value: String, error: Option<String>) -> impl IntoView {
    let (live, set_live) = signal(None::<Result<(), String>>);
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let trimmed: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        set_live.set(match TrackingCode::parse(&typed) {
            Ok(_) => Some(Ok(())),
            // Don't nag while the code is still being typed.
            Err(_) if trimmed.len() < super::code::CODE_CHARS => None,
            Err(problem) => Some(Err(problem.to_string())),
        });
    };
    let server_error = error.clone();
    let has_error = move || server_error.is_some() || matches!(live.get(), Some(Err(_)));
    let described = if error.is_some() {
        "code-hint code-error"
    } else {
        "code-hint"
    };
    view! {
        <div class="field" class:field-error=has_error>
            <label for="code">"Tracking code"</label>
            <p class="hint" id="code-hint">"16 characters, like K4P0-TB1M-R8HQ-2W9D. Dashes and capitals are optional."</p>
            {error.map(|e| view! { <p class="error-message" id="code-error"><span class="vh">"Error: "</span>{e}</p> })}
            <input type="text" id="code" name="code" value=value autocomplete="off" autocapitalize="characters"
                spellcheck="false" maxlength="40" aria-describedby=described on:input=on_input/>
            <p class="live" aria-live="polite">
                {move || match live.get() {
                    Some(Ok(())) => "✓ This code looks right.".to_string(),
                    Some(Err(m)) => m,
                    None => String::new(),
                }}
            </p>
        </div>
    }
}

/// A "Copy" button, shown only where it works (with JavaScript).
#[island]
pub fn CopyButton(text: String) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (copied, set_copied) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&text);
        set_copied.set(true);
    };
    view! {
        <button type="button" class="button secondary copy" hidden=move || !ready.get() on:click=copy>
            {move || if copied.get() { "Copied" } else { "Copy code" }}
        </button>
    }
}

/// Keeps the filing form's draft in this browser as the customer types, and restores it after
/// a reload, a crash or a dropped connection. The submission key is kept too, so that sending
/// the restored form again cannot file a second request.
#[island]
pub fn DraftKeeper(form_id: String) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        draft::attach(&form_id, set_status);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&form_id, set_status);
    });
    view! { <p class="draft-status hint" aria-live="polite">{move || status.get()}</p> }
}

/// Forgets the filing draft once the request is filed.
#[island]
pub fn ClearDraft() -> impl IntoView {
    Effect::new(move |_| {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(DRAFT_KEY);
    });
}

#[cfg(feature = "hydrate")]
mod draft {
    use super::DRAFT_KEY;
    use gloo_storage::{LocalStorage, Storage};
    use leptos::prelude::*;
    use std::collections::BTreeMap;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// Never stored: the honeypot.
    const SKIP: &[&str] = &["website"];

    fn fields(form: &web_sys::HtmlFormElement) -> Vec<web_sys::Element> {
        let list = match form.query_selector_all("input[name], textarea[name], select[name]") {
            Ok(l) => l,
            Err(_) => return Vec::new(),
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    fn get(el: &web_sys::Element) -> Option<(String, String)> {
        let name = el.get_attribute("name")?;
        let value = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else {
            el.dyn_ref::<HtmlSelectElement>()?.value()
        };
        Some((name, value))
    }

    fn set(el: &web_sys::Element, value: &str) {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.set_value(value)
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(value)
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.set_value(value)
        }
    }

    pub fn attach(form_id: &str, set_status: WriteSignal<String>) {
        let Some(form) = document()
            .get_element_by_id(form_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        // Restore: fill only fields the server left empty (it echoes a failed post itself),
        // and always take back the saved submission key.
        if let Ok(saved) = LocalStorage::get::<BTreeMap<String, String>>(DRAFT_KEY) {
            let mut restored = false;
            for el in fields(&form) {
                let Some((name, current)) = get(&el) else {
                    continue;
                };
                let Some(value) = saved.get(&name) else {
                    continue;
                };
                if name == "submission_key" || (current.is_empty() && !value.is_empty()) {
                    set(&el, value);
                    restored |= name != "submission_key";
                }
            }
            if restored {
                set_status.set("We restored the draft you were writing on this device.".into());
            }
        }
        let save_form = form.clone();
        let save = Closure::<dyn Fn()>::new(move || {
            let draft: BTreeMap<String, String> = fields(&save_form)
                .iter()
                .filter_map(get)
                .filter(|(n, _)| !SKIP.contains(&n.as_str()))
                .collect();
            if LocalStorage::set(DRAFT_KEY, &draft).is_ok() {
                set_status.set("Draft saved on this device.".into());
            }
        });
        let _ = form.add_event_listener_with_callback("input", save.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("change", save.as_ref().unchecked_ref());
        save.forget();
    }
}
