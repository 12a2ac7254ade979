//! "My services": the user's accounts, one account with its usage (read fresh from its
//! panel), and its QR code again. The account actions (renew, new link, switch location)
//! have their own screens.

use inventory::{AccountStatus, ClientAccount, InventoryError};
use kernel::ClientAccountId;

use super::{delivery, not_yours};
use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// One of the user's accounts, or the answer when it is not theirs (or gone).
pub async fn own_account(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Result<ClientAccount, Reply>, BotError> {
    match ctx.deps.accounts.account(id).await {
        Ok(account) if account.user == ctx.user.id => Ok(Ok(account)),
        Ok(_) | Err(InventoryError::NotFound(_)) => Ok(Err(not_yours(ctx))),
        Err(e) => Err(e.into()),
    }
}

/// The user's services (moved-away ones are left out: their successor is listed).
pub async fn list(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let mut accounts = ctx.deps.accounts.accounts_of(ctx.user.id).await?;
    accounts.retain(|a| a.status != AccountStatus::Switched);
    if accounts.is_empty() {
        let keyboard = Keyboard::new()
            .row([ctx.button("btn-plans", Action::Plans)])
            .row([ctx.button("btn-menu", Action::Menu)]);
        return Ok(Reply::show(ctx.t("services-none"), keyboard));
    }
    let mut lines = vec![ctx.t("services-title"), String::new()];
    let mut keyboard = Keyboard::new();
    for account in &accounts {
        lines.push(
            ctx.t_args(
                "services-line",
                &Args::new()
                    .text("name", account.name.as_str())
                    .html("status", format::status(ctx, account.status))
                    .html("expiry", format::expiry_with_days_left(ctx, account.expires_at)),
            ),
        );
        keyboard = keyboard.row([ctx.button_text(
            format!("{} {}", icon(account.status), account.name),
            Action::Service(account.id),
        )]);
    }
    let keyboard = keyboard.row([ctx.button("btn-menu", Action::Menu)]);
    Ok(Reply::show(lines.join("\n"), keyboard))
}

fn icon(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "🟢",
        AccountStatus::Expired => "🔴",
        AccountStatus::Disabled => "⚪",
        AccountStatus::Switched => "↪️",
    }
}

/// What can be done with an account.
pub fn account_keyboard(ctx: &Ctx<'_>, account: &ClientAccount) -> Keyboard {
    let id = account.id;
    let mut keyboard = Keyboard::new();
    if account.status != AccountStatus::Disabled {
        keyboard = keyboard.row([
            ctx.button("btn-renew", Action::Renew(id)),
            ctx.button("btn-new-link", Action::NewLink(id)),
        ]);
    }
    if account.status == AccountStatus::Active {
        keyboard = keyboard.row([ctx.button("btn-move", Action::Move(id))]);
    }
    keyboard.row([ctx.button("btn-qr", Action::Qr(id))]).row([
        ctx.button("btn-services", Action::Services),
        ctx.button("btn-menu", Action::Menu),
    ])
}

/// One account: status, traffic used and left, expiry and days left, links; usage is read
/// from the panel first (the last known figures are shown, marked, when it cannot be reached).
pub async fn show(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    let account = match own_account(ctx, id).await? {
        Ok(account) => account,
        Err(reply) => return Ok(reply),
    };
    if account.status == AccountStatus::Switched {
        let keyboard = Keyboard::new().row([
            ctx.button("btn-services", Action::Services),
            ctx.button("btn-menu", Action::Menu),
        ]);
        let text = ctx.t_args("service-moved", &Args::new().text("name", account.name.as_str()));
        return Ok(Reply::show(text, keyboard));
    }
    let (account, fresh) = match ctx.deps.accounts.refresh_usage(id).await {
        Ok(fresh) => (fresh, true),
        Err(e) => {
            tracing::info!(account = %id, error = %e, "usage not refreshed; showing the stored figures");
            (account, false)
        }
    };
    let location = ctx.deps.placement.location(account.location).await?;
    let mut lines = vec![
        ctx.t_args(
            "service-title",
            &Args::new()
                .text("name", account.name.as_str())
                .text("location", location.name.as_str()),
        ),
        ctx.t_args(
            "service-status",
            &Args::new().html("status", format::status(ctx, account.status)),
        ),
        usage_line(ctx, &account),
        ctx.t_args(
            "service-expiry",
            &Args::new().html("expiry", format::expiry_with_days_left(ctx, account.expires_at)),
        ),
    ];
    if !fresh {
        lines.push(ctx.t("service-usage-stale"));
    }
    lines.push(String::new());
    lines.push(ctx.t_args(
        "delivery-config",
        &Args::new().text("link", account.config_url.as_str()),
    ));
    if let Some(subscription) = &account.subscription_url {
        lines.push(ctx.t_args(
            "delivery-subscription",
            &Args::new().text("link", subscription.as_str()),
        ));
    }
    Ok(Reply::show(lines.join("\n"), account_keyboard(ctx, &account)))
}

/// `Used 1.5 GB of 50 GB (48.5 GB left)`, or without a limit `Used 1.5 GB (unlimited)`.
fn usage_line(ctx: &Ctx<'_>, account: &ClientAccount) -> String {
    let used = format::data(ctx, account.traffic_used_bytes);
    match (account.traffic_limit_bytes.amount(), account.remaining_bytes()) {
        (Some(total), Some(left)) => ctx.t_args(
            "service-usage",
            &Args::new()
                .html("used", used)
                .html("total", format::data(ctx, total))
                .html("left", format::data(ctx, left)),
        ),
        _ => ctx.t_args("service-usage-unlimited", &Args::new().html("used", used)),
    }
}

/// The account's links and QR code again, as new messages.
pub async fn qr(ctx: &Ctx<'_>, id: ClientAccountId) -> Result<Reply, BotError> {
    match own_account(ctx, id).await? {
        Ok(account) if account.status == AccountStatus::Switched => show(ctx, id).await,
        Ok(account) => delivery::append(ctx, Reply::none(), &account, "delivery-again").await,
        Err(reply) => Ok(reply),
    }
}
