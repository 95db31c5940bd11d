//! Account pages: sign up, confirm, sign in, change password; and the account bar shown on
//! community pages.

use super::{
    api::account_me,
    model::Viewer,
    validate::{NAME_MAX, PASSWORD_MAX, PASSWORD_MIN},
};
use crate::ui::{ErrorSummary, Hidden, Honeypot, Page, PasswordField, SignInForm, TextField};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

/// Who is signed in, with the links that fit: sign in / create an account, or sign out.
#[component]
pub fn AccountBar(viewer: Viewer) -> impl IntoView {
    let here = current_path();
    view! {
        <div class="account-bar">
            {match viewer {
                Viewer::Anonymous => view! {
                    <p>
                        <a href=format!("/account/login?next={here}")>"Sign in"</a>
                        " or " <a href="/account/signup">"create an account"</a>
                        " to ask and answer. Reading needs no account."
                    </p>
                }.into_any(),
                Viewer::Customer(c) => view! {
                    <form method="post" action="/account/logout" class="signout">
                        <span>"Signed in as " <strong>{c.display_name}</strong>
                            <span class="rep" title="Reputation">{format!(" · {} reputation", c.reputation)}</span></span>
                        <a href="/account/password">"Change password"</a>
                        <button type="submit" class="button secondary">"Sign out"</button>
                    </form>
                }.into_any(),
                Viewer::Staff { name, .. } => view! {
                    <p>{format!("Signed in as staff ({name}). ")}<a href="/staff/moderation">"Moderation"</a></p>
                }.into_any(),
            }}
        </div>
    }
}

/// What a page that needs a signed-in customer shows a visitor who isn't: a redirect (302)
/// to sign in, coming back to this page afterwards, and a link for clients that don't follow it.
#[component]
pub fn SignInFirst() -> impl IntoView {
    crate::staff::pages::to_login();
    let here = current_path();
    view! {
        <Page title="Sign in">
            <p><a href=format!("/account/login?next={here}")>"Sign in to continue"</a></p>
        </Page>
    }
}

/// The current path, reduced to safe characters (for `?next=`).
fn current_path() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = crate::ctx::parts() {
        return crate::ui::plain_path(parts.uri.path());
    }
    "/community".into()
}

/// `/account/signup`.
#[component]
pub fn SignupPage() -> impl IntoView {
    let sent = use_query_map().read_untracked().get("sent").is_some();
    view! {
        <Page title=if sent { "Check your email" } else { "Create an account" }>
            {if sent {
                Either::Left(view! {
                    <h1>"Check your email"</h1>
                    <div class="panel-success" role="status">
                        <p>"We sent a message to the address you gave. Follow the link in it within 48 hours to finish."</p>
                    </div>
                    <p>"Nothing arrived? Look in your spam folder, or " <a href="/account/signup">"sign up again"</a> " to get a new link."</p>
                })
            } else {
                Either::Right(view! {
                    <h1>"Create an account"</h1>
                    <p class="lede">"An account lets you ask the community and answer others. Tracking a request never needs one."</p>
                    <ErrorSummary/>
                    <form method="post" action="/account/signup" class="card narrow" novalidate>
                        <TextField name="display_name" label="Display name" autocomplete="nickname" maxlength=NAME_MAX required=true
                            hint="Shown next to everything you post. It doesn't have to be your real name."/>
                        <TextField name="email" label="Email address" kind="email" autocomplete="email" required=true spellcheck="false"
                            hint="We send a link to confirm it. Never shown to others."/>
                        <PasswordField name="password" label="Password" autocomplete="new-password"
                            hint=format!("{PASSWORD_MIN} to {PASSWORD_MAX} characters. A few unrelated words make a strong one.")/>
                        <Honeypot/>
                        <button type="submit" class="button">"Create account"</button>
                    </form>
                    <p>"Already have one? " <a href="/account/login">"Sign in"</a></p>
                })
            }}
        </Page>
    }
}

/// `/account/confirm?token=…`: the emailed link lands here, and one button confirms (a GET
/// never changes anything).
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <Page title="Confirm your account">
            <h1>"Confirm your account"</h1>
            <ErrorSummary/>
            <form method="post" action="/account/confirm" class="card narrow" novalidate>
                <Hidden name="token" value=token/>
                <p id="token">"One more step: enter the password you chose when you signed up."</p>
                <PasswordField name="password" label="Password" autocomplete="current-password"/>
                <button type="submit" class="button">"Confirm my account"</button>
            </form>
        </Page>
    }
}

/// `/account/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let signed_out = query.read_untracked().get("signed_out").is_some();
    let action = if crate::ui::is_plain_path(&next) {
        format!("/account/login?next={next}")
    } else {
        "/account/login".to_owned()
    };
    view! {
        <Page title="Sign in">
            <h1>"Sign in"</h1>
            <ErrorSummary/>
            {signed_out.then(|| view! { <p class="panel-success" role="status">"You are signed out."</p> })}
            <SignInForm action/>
            <p>"New here? " <a href="/account/signup">"Create an account"</a> ". Staff sign in " <a href="/staff/login">"here"</a> "."</p>
        </Page>
    }
}

/// `/account/password`: change the password (signed-in customers).
#[component]
pub fn PasswordPage() -> impl IntoView {
    let changed = use_query_map().read_untracked().get("changed").is_some();
    let me = Resource::new_blocking(|| (), |_| account_me());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Viewer::Customer(c)) => Either::Left(view! {
                        <Page title="Change your password">
                            <h1>"Change your password"</h1>
                            <AccountBar viewer=Viewer::Customer(c)/>
                            {changed.then(|| view! { <p class="panel-success" role="status">"Your password is changed. Other devices were signed out."</p> })}
                            <ErrorSummary/>
                            <form method="post" action="/account/password" class="card narrow" novalidate>
                                <PasswordField name="current_password" label="Current password" autocomplete="current-password"/>
                                <PasswordField name="new_password" label="New password" autocomplete="new-password"
                                    hint=format!("{PASSWORD_MIN} to {PASSWORD_MAX} characters.")/>
                                <button type="submit" class="button">"Change password"</button>
                            </form>
                        </Page>
                    }),
                    _ => Either::Right(view! { <SignInFirst/> }),
                }
            })}
        </Suspense>
    }
}
