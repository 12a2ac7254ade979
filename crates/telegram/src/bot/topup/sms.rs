//! Bank SMS matching in the bot: an admin pastes or forwards the bank's deposit SMS (or app
//! notification) — after "Match bank SMS" in the admin menu, or any time no question is
//! waiting — and the receipts use case the CLI's `receipt match-sms` calls reads the deposit
//! and matches it by its unique amount. One match is shown as its review post with one-tap
//! Approve (the channel's buttons, the same exactly-once approval), or approved at once when
//! its card allows it; no match or several are reported and nothing changes. The role is
//! checked on the server and every match is audited.

use members::{AuditAction, MemberError, Role};
use receipts::{ReceiptError, SmsDeposit, SmsVerdict};

use crate::bot::conversation::Conversation;
use crate::bot::screens::not_yours;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, AdminAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// "Match bank SMS" in the admin menu: asks for the text (admins only).
pub async fn ask(ctx: &Ctx<'_>) -> Result<Reply, BotError> {
    let attempt = AuditAction::new("receipt.sms_match");
    match ctx.deps.members.authorize(ctx.user.id, Role::Admin, &attempt).await {
        Ok(_) => {}
        Err(MemberError::Forbidden { .. }) => return Ok(not_yours(ctx)),
        Err(e) => return Err(e.into()),
    }
    Ok(Reply::show(ctx.t("sms-ask"), back(ctx)).state(Conversation::BankSms))
}

/// The text an admin sent after "Match bank SMS".
pub async fn typed(ctx: &Ctx<'_>, text: &str) -> Result<Reply, BotError> {
    let verdict = match ctx.deps.receipts.match_sms_any(ctx.user.id, text).await {
        Ok(verdict) => verdict,
        Err(ReceiptError::Forbidden { .. } | ReceiptError::Blocked) => {
            return Ok(crate::bot::unknown(ctx).state(Conversation::Idle));
        }
        Err(e) => return Err(e.into()),
    };
    if verdict == SmsVerdict::Unreadable {
        return Ok(Reply::send(ctx.t("sms-unreadable"), Some(back(ctx))).state(Conversation::BankSms));
    }
    answer(ctx, verdict).await
}

/// Text from a chat waiting for nothing: from staff, a bank SMS is matched; anything else
/// (and anything from anyone else) gets the usual "unknown input".
pub async fn idle(ctx: &Ctx<'_>, text: &str) -> Result<Reply, BotError> {
    if !ctx.role.is_staff() {
        return Ok(crate::bot::unknown(ctx));
    }
    match ctx.deps.receipts.match_sms_any(ctx.user.id, text).await {
        Ok(SmsVerdict::Unreadable) | Err(ReceiptError::Forbidden { .. } | ReceiptError::Blocked) => {
            Ok(crate::bot::unknown(ctx))
        }
        Ok(verdict) => answer(ctx, verdict).await,
        Err(e) => Err(e.into()),
    }
}

/// What a readable deposit matched, as a new message.
async fn answer(ctx: &Ctx<'_>, verdict: SmsVerdict) -> Result<Reply, BotError> {
    let reply = match verdict {
        SmsVerdict::Unreadable => Reply::send(ctx.t("sms-unreadable"), Some(back(ctx))),
        SmsVerdict::NoMatch { deposit, amount } => {
            let args = read_args(ctx, deposit).text("amount", amount.map(|a| ctx.money(a)).unwrap_or_default());
            Reply::send(ctx.t_args("sms-no-match", &args), Some(back(ctx)))
        }
        SmsVerdict::Ambiguous { deposit, receipts } => {
            let list: Vec<String> = receipts.iter().map(|r| format!("#{r}")).collect();
            let args = read_args(ctx, deposit)
                .number("count", i64::try_from(receipts.len()).unwrap_or(i64::MAX))
                .text("receipts", list.join(", "));
            Reply::send(ctx.t_args("sms-ambiguous", &args), Some(back(ctx)))
        }
        SmsVerdict::Suggested { deposit, receipt } => {
            let (post, keyboard) = super::review::state_of(ctx.deps, receipt.id, ctx.chat).await?;
            let args = read_args(ctx, deposit).id("receipt", receipt.id.get());
            let text = format!("{}\n\n{post}", ctx.t_args("sms-suggested", &args));
            Reply::send(text, Some(keyboard))
        }
        SmsVerdict::Approved { deposit, receipt } => {
            tracing::info!(receipt = %receipt.id, admin = %ctx.user.id, "receipt approved by a bank SMS");
            super::review::after_decision(ctx.deps, &receipt).await;
            let (post, keyboard) = super::review::state_of(ctx.deps, receipt.id, ctx.chat).await?;
            let args = read_args(ctx, deposit).id("receipt", receipt.id.get());
            let text = format!("{}\n\n{post}", ctx.t_args("sms-approved", &args));
            Reply::send(text, Some(keyboard))
        }
    };
    Ok(reply.state(Conversation::Idle))
}

/// The deposit as read: its amount in the bank's units and its time, if written.
fn read_args(ctx: &Ctx<'_>, deposit: SmsDeposit) -> Args {
    let time = deposit
        .time
        .map(|(h, m)| format!("{h:02}:{m:02}"))
        .unwrap_or_else(|| ctx.t("sms-no-time"));
    Args::new().number("deposit", deposit.amount).text("time", time)
}

/// "« Admin menu".
fn back(ctx: &Ctx<'_>) -> Keyboard {
    Keyboard::new().row([ctx.button("admin-btn-back-home", Action::Admin(AdminAction::Home))])
}
