//! Extending a user's service from the admin's profile view: how many days, how many GB
//! (typed, in any digits; 0 for one of them), a confirmation showing what the service will
//! look like, then `AccountService::extend_as` — the use case `moonvpn user extend` calls
//! (admins only, audited `account.extend`, the user told through the outbox).

use inventory::{ClientAccount, Extension, InventoryError};
use kernel::ClientAccountId;

use super::{AdminStep, refusal, users};
use crate::bot::conversation::Conversation;
use crate::bot::format;
use crate::bot::screens::selection::parse_count;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::care_notices::added;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

fn cancel_row(ctx: &Ctx<'_>, account: &ClientAccount) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(account.user)))])
}

/// The service, or `None` when it is gone.
async fn service(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Option<ClientAccount>, BotError> {
    match ctx.deps.accounts.account(id).await {
        Ok(account) => Ok(Some(account)),
        Err(InventoryError::NotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn gone(ctx: &Ctx<'_>) -> Reply {
    Reply::send(ctx.t("admin-service-gone"), None).state(Conversation::Idle)
}

/// What the service has now, for the questions.
fn current(ctx: &Ctx<'_>, account: &ClientAccount) -> Args {
    Args::new()
        .text("name", account.name.to_string())
        .html("expires", format::expiry(ctx, account.expires_at))
        .html("limit", format::volume(ctx, account.traffic_limit_bytes))
}

/// Asks how many days to add.
pub async fn ask_days(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let Some(account) = service(ctx, id).await? else {
        return Ok(Reply::none().toast(ctx.t("admin-service-gone")));
    };
    let text = ctx.t_args("admin-extend-ask-days", &current(ctx, &account));
    Ok(Reply::show(text, cancel_row(ctx, &account)).state(Conversation::Admin {
        step: AdminStep::ExtendDays { account: id.get() },
    }))
}

/// The days arrived: ask how many GB, or explain the format again.
pub async fn days_typed(ctx: &Ctx<'_>, id: ClientAccountId, text: &str) -> Result<Reply, BotError> {
    let Some(account) = service(ctx, id).await? else {
        return Ok(gone(ctx));
    };
    let days = match parse_count(text) {
        Some(days) if days <= Extension::MAX_DAYS => days,
        _ => {
            let text = ctx.t_args(
                "admin-extend-days-invalid",
                &Args::new().number("max", i64::from(Extension::MAX_DAYS)),
            );
            return Ok(Reply::send(text, Some(cancel_row(ctx, &account))));
        }
    };
    let text = ctx.t_args("admin-extend-ask-gb", &current(ctx, &account));
    Ok(
        Reply::send(text, Some(cancel_row(ctx, &account))).state(Conversation::Admin {
            step: AdminStep::ExtendGb {
                account: id.get(),
                days,
            },
        }),
    )
}

/// The GB arrived: show what the service will look like and ask to confirm.
pub async fn gb_typed(ctx: &Ctx<'_>, id: ClientAccountId, days: u32, text: &str) -> Result<Reply, BotError> {
    let Some(account) = service(ctx, id).await? else {
        return Ok(gone(ctx));
    };
    let gb = match parse_count(text) {
        Some(gb) if gb <= Extension::MAX_GB => gb,
        _ => {
            let text = ctx.t_args(
                "admin-extend-gb-invalid",
                &Args::new().number("max", i64::from(Extension::MAX_GB)),
            );
            return Ok(Reply::send(text, Some(cancel_row(ctx, &account))));
        }
    };
    let extension = match Extension::new(days, gb) {
        Ok(extension) => extension,
        Err(_) => {
            return Ok(Reply::send(
                ctx.t("admin-extend-empty"),
                Some(cancel_row(ctx, &account)),
            ));
        }
    };
    let limits = match extension.apply_to(&account, ctx.now()) {
        Ok(limits) => limits,
        Err(e) => {
            return Ok(
                Reply::send(super::explain::extension(ctx, &e), Some(cancel_row(ctx, &account)))
                    .state(Conversation::Idle),
            );
        }
    };
    let text = ctx.t_args(
        "admin-extend-confirm",
        &Args::new()
            .text("name", account.name.to_string())
            .html("added", added(&ctx.deps.i18n, ctx.lang, days, gb))
            .html("expires", format::expiry(ctx, limits.expires_at))
            .html("limit", format::volume(ctx, limits.traffic_limit_bytes)),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button("admin-btn-extend-yes", Action::Admin(AdminAction::ExtendConfirmed(id)))])
        .row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(account.user)))]);
    Ok(Reply::send(text, Some(keyboard)).state(Conversation::Admin {
        step: AdminStep::ExtendConfirm {
            account: id.get(),
            days,
            gb,
        },
    }))
}

/// The confirmation was tapped: extend (once) and show the owner's profile with the result.
/// A tap on a confirmation that is no longer the open one changes nothing.
pub async fn confirmed(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let Conversation::Admin {
        step: AdminStep::ExtendConfirm { account, days, gb },
    } = ctx.state
    else {
        return Ok(Reply::none().toast(ctx.t("admin-extend-expired")));
    };
    if *account != id.get() {
        return Ok(Reply::none().toast(ctx.t("admin-extend-expired")));
    }
    let Some(before) = service(ctx, id).await? else {
        return Ok(Reply::none()
            .toast(ctx.t("admin-service-gone"))
            .state(Conversation::Idle));
    };
    let extension = match Extension::new(*days, *gb) {
        Ok(extension) => extension,
        Err(_) => {
            return Ok(Reply::none()
                .toast(ctx.t("admin-extend-expired"))
                .state(Conversation::Idle));
        }
    };
    let note = match ctx.deps.accounts.extend_as(ctx.user.id, id, extension).await {
        Ok(done) => ctx.t_args(
            "admin-extend-done",
            &Args::new()
                .text("name", done.name.to_string())
                .html("added", added(&ctx.deps.i18n, ctx.lang, *days, *gb)),
        ),
        Err(e @ InventoryError::Access(_)) => return Ok(refusal::inventory(ctx, e)?.state(Conversation::Idle)),
        Err(InventoryError::Extension(e)) => super::explain::extension(ctx, &e),
        Err(e) => ctx.t_args(
            "admin-extend-failed",
            &Args::new().html("why", super::explain::inventory(ctx, &e)),
        ),
    };
    Ok(users::profile(ctx, before.user, Some(note))
        .await?
        .state(Conversation::Idle))
}
