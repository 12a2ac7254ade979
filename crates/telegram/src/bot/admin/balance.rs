//! Adjusting a user's balance from their profile: the amount (`+` credits, `-` debits), a
//! mandatory reason, then a confirmation showing both before any money moves. The confirmed
//! tap calls the wallet's `adjust` use case, the one `moonvpn user adjust-balance` calls: it
//! checks the admin role again, writes one ledger row with the reason, the user's notice and
//! the audit entry together, and its idempotency key (made when the confirmation is shown)
//! makes a second tap on the same confirmation harmless.

use kernel::{IdempotencyKey, Money, UserId};
use wallet::WalletError;

use super::{AdminStep, refusal, users};
use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// The longest reason accepted (it is shown to the user and kept in the ledger).
const MAX_REASON: usize = 200;

fn cancel_row(ctx: &Ctx<'_>, user: UserId) -> Keyboard {
    Keyboard::new().row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(user)))])
}

/// Asks how much to add or take away.
pub async fn ask_amount(ctx: &Ctx<'_>, user: UserId) -> Result<Reply, BotError> {
    let target = match ctx.deps.members.get(user).await {
        Ok(target) => target,
        Err(e) => return refusal::member(ctx, e),
    };
    let balance = ctx.deps.wallet.balance(user).await?;
    let text = ctx.t_args(
        "admin-adjust-ask",
        &Args::new()
            .text("name", target.first_name.to_string())
            .money("balance", balance),
    );
    Ok(Reply::show(text, cancel_row(ctx, user)).state(Conversation::Admin {
        step: AdminStep::AdjustAmount { user: user.get() },
    }))
}

/// `+50000` credits, `-20000` (or `−`) debits, a bare amount credits; `None` for anything else
/// or zero.
fn signed_amount(ctx: &Ctx<'_>, text: &str) -> Option<i64> {
    let text = text.trim();
    let (sign, rest) = match text.chars().next()? {
        '-' | '−' => (-1, &text[text.chars().next()?.len_utf8()..]),
        '+' => (1, &text[1..]),
        _ => (1, text),
    };
    let amount = Money::parse(rest.trim(), ctx.deps.i18n.currency()).ok()?;
    (!amount.is_zero()).then(|| sign * amount.minor())
}

/// The amount arrived: ask why, or explain the format again.
pub fn amount_typed(ctx: &Ctx<'_>, user: UserId, text: &str) -> Reply {
    match signed_amount(ctx, text) {
        Some(delta_minor) => {
            Reply::send(ctx.t("admin-adjust-reason-ask"), Some(cancel_row(ctx, user))).state(Conversation::Admin {
                step: AdminStep::AdjustReason {
                    user: user.get(),
                    delta_minor,
                },
            })
        }
        None => Reply::send(ctx.t("admin-adjust-amount-invalid"), Some(cancel_row(ctx, user))),
    }
}

/// The reason arrived: show what will happen and ask to confirm.
pub async fn reason_typed(ctx: &Ctx<'_>, user: UserId, delta_minor: i64, text: &str) -> Result<Reply, BotError> {
    let reason = text.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        let text = ctx.t_args(
            "admin-adjust-reason-invalid",
            &Args::new().number("max", MAX_REASON as i64),
        );
        return Ok(Reply::send(text, Some(cancel_row(ctx, user))));
    }
    let target = match ctx.deps.members.get(user).await {
        Ok(target) => target,
        Err(e) => return refusal::member(ctx, e),
    };
    let amount = Money::from_minor(delta_minor.unsigned_abs().try_into().unwrap_or(i64::MAX)).unwrap_or(Money::ZERO);
    let key = if delta_minor < 0 {
        "admin-adjust-confirm-debit"
    } else {
        "admin-adjust-confirm-credit"
    };
    let text = ctx.t_args(
        key,
        &Args::new()
            .money("amount", amount)
            .text("name", target.first_name.to_string())
            .id("telegram", target.telegram_id.get())
            .text("reason", reason),
    );
    let keyboard = Keyboard::new()
        .row([ctx.button(
            "admin-btn-adjust-yes",
            Action::Admin(AdminAction::AdjustConfirmed(user)),
        )])
        .row([ctx.button("btn-cancel", Action::Admin(AdminAction::User(user)))]);
    Ok(Reply::send(text, Some(keyboard)).state(Conversation::Admin {
        step: AdminStep::AdjustConfirm {
            user: user.get(),
            delta_minor,
            reason: reason.to_owned(),
            request: rand::random::<u64>(),
        },
    }))
}

/// The confirmation was tapped: adjust (once) and show the profile with the result. A tap on
/// a confirmation that is no longer the open one (already done, cancelled, another user)
/// changes nothing.
pub async fn confirmed(ctx: &Ctx<'_>, user: UserId) -> Result<Reply, BotError> {
    let Conversation::Admin {
        step:
            AdminStep::AdjustConfirm {
                user: pending,
                delta_minor,
                reason,
                request,
            },
    } = ctx.state
    else {
        return Ok(Reply::none().toast(ctx.t("admin-adjust-expired")));
    };
    if *pending != user.get() {
        return Ok(Reply::none().toast(ctx.t("admin-adjust-expired")));
    }
    let key = IdempotencyKey::new(format!("bot:adjust:{}:{request:016x}", ctx.chat.get()))
        .map_err(|_| WalletError::InvalidMovement("the request key is not valid"))?;
    let note = match ctx
        .deps
        .wallet
        .adjust(ctx.user.id, user, *delta_minor, key, reason)
        .await
    {
        Ok(outcome) => ctx.t_args(
            "admin-adjust-done",
            &Args::new()
                .money("balance", outcome.entry().balance_after)
                .text("tracking", outcome.entry().tracking.as_str()),
        ),
        Err(WalletError::InsufficientFunds { balance, .. }) => {
            ctx.t_args("admin-adjust-insufficient", &Args::new().money("balance", balance))
        }
        Err(WalletError::Access(_)) => return Ok(super::super::screens::not_yours(ctx).state(Conversation::Idle)),
        Err(WalletError::UnknownUser(_)) => {
            return refusal::member(ctx, members::MemberError::UnknownUser(user.to_string()));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(users::profile(ctx, user, Some(note)).await?.state(Conversation::Idle))
}
