//! Users: find one by Telegram id, @username, tracking code or #id (a stored conversation state),
//! and their profile: role, status, balance, services and the latest ledger rows.

use kernel::UserId;
use members::{Role, User, UserRef, UserStatus};

use super::{AdminStep, home, refusal};
use crate::bot::conversation::Conversation;
use crate::bot::format;
use crate::bot::screens::wallet::entry_line;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction, OpsAction, OrderAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Ledger rows on the profile.
const RECENT: u64 = 5;

/// Asks who to find and waits for the answer.
pub fn ask(ctx: &Ctx<'_>) -> Reply {
    let keyboard = Keyboard::new().row([home::back_button(ctx)]);
    Reply::show(ctx.t("admin-find-ask"), keyboard).state(Conversation::Admin {
        step: AdminStep::FindUser,
    })
}

/// The user `query` names (see [`UserRef`]): `@username`, a Telegram id, a tracking code of
/// one of their ledger rows, or `#id`.
async fn lookup(ctx: &Ctx<'_>, query: &str) -> Result<Option<User>, BotError> {
    match UserRef::parse(query) {
        Ok(named) => Ok(ctx.deps.members.find(&named).await?),
        Err(_) => Ok(None),
    }
}

/// The answer to "who?": their profile, or "nobody matches" and the question again.
pub async fn found(ctx: &Ctx<'_>, query: &str) -> Result<Reply, BotError> {
    match lookup(ctx, query).await? {
        Some(user) => Ok(profile(ctx, user.id, None).await?.state(Conversation::Idle)),
        None => {
            let text = ctx.t_args("admin-find-none", &Args::new().text("query", query.trim()));
            Ok(Reply::send(text, Some(Keyboard::new().row([home::back_button(ctx)]))))
        }
    }
}

fn role_name(ctx: &Ctx<'_>, role: Role) -> String {
    ctx.t(match role {
        Role::User => "admin-role-user",
        Role::Seller => "admin-role-seller",
        Role::Admin => "admin-role-admin",
        Role::Superadmin => "admin-role-superadmin",
    })
}

/// The profile of `id`, with `note` (the result of an action) on top.
pub async fn profile(ctx: &Ctx<'_>, id: UserId, note: Option<String>) -> Result<Reply, BotError> {
    let user = match ctx.deps.members.get(id).await {
        Ok(user) => user,
        Err(e) => return refusal::member(ctx, e),
    };
    let role = ctx.deps.members.effective_role(&user);
    let accounts = ctx.deps.accounts.accounts_of(user.id).await?;
    let recent = ctx.deps.wallet.recent(user.id, RECENT).await?;
    let balance = recent.balance;

    let mut lines: Vec<String> = note.into_iter().collect();
    lines.push(
        ctx.t_args(
            "admin-user-title",
            &Args::new()
                .text("name", user.first_name.to_string())
                .text(
                    "username",
                    user.username.as_ref().map(|u| format!(" {u}")).unwrap_or_default(),
                )
                .id("id", user.id.get())
                .id("telegram", user.telegram_id.get()),
        ),
    );
    let status = ctx.t(match user.status {
        UserStatus::Active => "admin-status-active",
        UserStatus::Blocked => "admin-status-blocked",
    });
    lines.push(ctx.t_args(
        "admin-user-role",
        &Args::new().text("role", role_name(ctx, role)).text("status", status),
    ));
    lines.push(ctx.t_args(
        "admin-user-since",
        &Args::new().date("date", user.created_at).money("balance", balance),
    ));
    lines.push(String::new());
    if accounts.is_empty() {
        lines.push(ctx.t("admin-user-no-services"));
    } else {
        lines.push(ctx.t_args(
            "admin-user-services",
            &Args::new().number("count", i64::try_from(accounts.len()).unwrap_or(i64::MAX)),
        ));
    }
    for account in &accounts {
        lines.push(
            ctx.t_args(
                "admin-user-service-line",
                &Args::new()
                    .text("name", account.name.to_string())
                    .html("status", format::status(ctx, account.status))
                    .html("used", format::data(ctx, account.traffic_used_bytes))
                    .html("limit", format::volume(ctx, account.traffic_limit_bytes))
                    .html("expires", format::expiry(ctx, account.expires_at)),
            ),
        );
    }
    if !recent.entries.is_empty() {
        lines.push(String::new());
        lines.push(ctx.t("admin-user-recent"));
        lines.extend(recent.entries.iter().map(|e| entry_line(ctx, e)));
    }
    let keyboard = keyboard(ctx, &user, role);
    Ok(Reply::show(
        lines.join("\n"),
        super::services::buttons(ctx, &accounts, keyboard),
    ))
}

/// Block or unblock; the role buttons the viewer may use on this user.
fn keyboard(ctx: &Ctx<'_>, user: &User, role: Role) -> Keyboard {
    let id = user.id;
    let mut keyboard = Keyboard::new();
    let own = id == ctx.user.id;
    if !own && role != Role::Superadmin {
        let block = if user.is_blocked() {
            ctx.button("admin-btn-unblock", Action::Admin(AdminAction::Unblock(id)))
        } else {
            ctx.button("admin-btn-block", Action::Admin(AdminAction::Block(id)))
        };
        keyboard = keyboard.row([block]);
        let mut roles = Vec::new();
        if ctx.role == Role::Superadmin {
            roles.push(match role {
                Role::Admin => ctx.button(
                    "admin-btn-revoke-admin",
                    Action::Admin(AdminAction::SetRole(id, Role::User)),
                ),
                _ => ctx.button(
                    "admin-btn-grant-admin",
                    Action::Admin(AdminAction::SetRole(id, Role::Admin)),
                ),
            });
        }
        match role {
            Role::User => roles.push(ctx.button(
                "admin-btn-grant-seller",
                Action::Admin(AdminAction::SetRole(id, Role::Seller)),
            )),
            Role::Seller => roles.push(ctx.button(
                "admin-btn-revoke-seller",
                Action::Admin(AdminAction::SetRole(id, Role::User)),
            )),
            Role::Admin | Role::Superadmin => {}
        }
        keyboard = keyboard.row(roles);
    }
    keyboard
        .row([
            ctx.button("admin-btn-adjust", Action::Admin(AdminAction::AdjustBalance(id))),
            ctx.button("admin-btn-message", Action::Ops(OpsAction::Message(id))),
        ])
        .row([ctx.button("admin-btn-orders", Action::Orders(OrderAction::List(id, 0)))])
        .row([
            ctx.button("admin-btn-find-another", Action::Admin(AdminAction::FindUser)),
            home::back_button(ctx),
        ])
}
