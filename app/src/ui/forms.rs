//! Form building blocks in the GOV.UK pattern: label above the field, hint, the error next to the
//! field, an error summary at the top linking to each field, and what was typed kept.

use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use std::collections::HashMap;

/// What the server echoes back when a posted form has mistakes: the values as typed and the
/// errors. Provided as context when a form post is re-rendered; absent on a plain GET.
#[derive(Debug, Clone, Default)]
pub struct FormEcho {
    /// Every posted field, as typed.
    pub values: HashMap<String, String>,
    /// Field errors, in form order.
    pub errors: Vec<FieldError>,
    /// A message for the whole form (rate limits, expired forms).
    pub banner: Option<String>,
}

impl FormEcho {
    /// The echo of a failed post.
    pub fn from_error(values: HashMap<String, String>, error: &AppError) -> Self {
        let errors = error.field_errors().to_vec();
        let banner = errors.is_empty().then(|| error.to_string());
        Self {
            values,
            errors,
            banner,
        }
    }

    /// The typed value of `name`, if this post had it.
    pub fn value(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }

    /// The error for `name`, if any.
    pub fn error(&self, name: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.clone())
    }

    /// Whether this echo carries errors for any of `fields` (to tell which form on a page failed).
    pub fn concerns(&self, fields: &[&str]) -> bool {
        self.errors
            .iter()
            .any(|e| fields.contains(&e.field.as_str()))
    }
}

/// The echo for the current render, or an empty one.
pub fn use_echo() -> FormEcho {
    use_context::<FormEcho>().unwrap_or_default()
}

/// "There is a problem": every error as a link to its field, focused on load.
#[component]
pub fn ErrorSummary(
    /// Only the errors of these fields (a page with several forms); all if empty.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let echo = use_echo();
    let errors: Vec<FieldError> = echo
        .errors
        .iter()
        .filter(|e| fields.is_empty() || fields.contains(&e.field.as_str()))
        .cloned()
        .collect();
    // A message for the whole form (too many tries, a form that could not be read) is shown
    // too: a page has one error summary.
    let banner = echo.banner.clone();
    (!errors.is_empty() || banner.is_some()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">"There is a problem"</h2>
                {banner.map(|b| view! { <p>{b}</p> })}
                <ul>
                    {errors
                        .into_iter()
                        .map(|e| {
                            let href = format!("#{}", e.field);
                            view! { <li><a href=href>{e.message}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

fn describedby(name: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{name}-hint"));
    }
    if error {
        ids.push(format!("{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Label, hint and error of a field, around the control.
#[component]
fn FieldShell(
    name: &'static str,
    label: &'static str,
    hint: Option<String>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let class = if error.is_some() {
        "field field-error"
    } else {
        "field"
    };
    view! {
        <div class=class>
            <label for=name>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{h}</p> })}
            {error.map(|e| view! { <p class="error-message" id=format!("{name}-error")><span class="vh">"Error: "</span>{e}</p> })}
            {children()}
        </div>
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] spellcheck: Option<&'static str>,
) -> impl IntoView {
    let echo = use_echo();
    let error = echo.error(name);
    let value = echo.value(name).unwrap_or(value);
    let described = describedby(name, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldShell name label hint error>
            <input
                type=kind
                id=name
                name=name
                value=value
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                spellcheck=spellcheck
                aria-describedby=described
                aria-invalid=invalid
            />
        </FieldShell>
    }
}

/// A password input: what was typed is never echoed back.
#[component]
pub fn PasswordField(
    name: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let error = use_echo().error(name);
    let described = describedby(name, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldShell name label hint error>
            <input type="password" id=name name=name autocomplete=autocomplete required
                aria-describedby=described aria-invalid=invalid/>
        </FieldShell>
    }
}

/// The sign-in form (email and password), posting to `action`: shared by staff and customers.
#[component]
pub fn SignInForm(#[prop(into)] action: String) -> impl IntoView {
    view! {
        <form method="post" action=action class="card narrow" novalidate>
            <TextField name="email" label="Email address" kind="email" autocomplete="username" required=true spellcheck="false"/>
            <PasswordField name="password" label="Password" autocomplete="current-password"/>
            <button type="submit" class="button">"Sign in"</button>
        </form>
    }
}

/// A multi-line text area.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let echo = use_echo();
    let error = echo.error(name);
    let value = echo.value(name).unwrap_or(value);
    let described = describedby(name, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldShell name label hint error>
            // Leptos 0.8 writes a textarea's text unescaped (raw text), so escape it here: this
            // component only ever renders on the server.
            <textarea id=name name=name rows=rows maxlength=maxlength required=required aria-describedby=described aria-invalid=invalid
                inner_html=super::layout::escape_text(&value)>
            </textarea>
        </FieldShell>
    }
}

/// A select with (value, label) options.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional, into)] placeholder: Option<String>,
) -> impl IntoView {
    let echo = use_echo();
    let error = echo.error(name);
    let selected = echo.value(name).unwrap_or(selected);
    let described = describedby(name, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldShell name label hint error>
            <select id=name name=name aria-describedby=described aria-invalid=invalid>
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let is = v == selected;
                        view! { <option value=v selected=is>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </FieldShell>
    }
}

/// A hidden input whose value survives a re-render.
#[component]
pub fn Hidden(name: &'static str, #[prop(into)] value: String) -> impl IntoView {
    let value = use_echo().value(name).unwrap_or(value);
    view! { <input type="hidden" name=name value=value/> }
}

/// A field people never see and bots fill in: a post that has it filled is not acted on.
#[component]
pub fn Honeypot() -> impl IntoView {
    view! {
        <div class="honeypot" aria-hidden="true">
            <label for="website">"Leave this empty"</label>
            <input type="text" id="website" name="website" tabindex="-1" autocomplete="off"/>
        </div>
    }
}
