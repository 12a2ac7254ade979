//! A superadmin's second look at a receipt, from its review post: override a decision
//! (approve a rejected, expired or cancelled receipt, crediting it once; or take an approval
//! back, debiting what was credited) and clear its flags. Each asks for a confirmation
//! first; the receipts use case checks the role at both taps, so anyone else is refused,
//! the refusal audited, and nothing changes.

use kernel::ReceiptId;
use members::Language;
use receipts::{Override, OverrideKind, Receipt, ReceiptError, RejectReason};
use telegram_state::ChatKey;

use super::review::{after_decision, answer_refusal, channel_button, current, state_of};
use crate::bot::{BotDeps, BotError, Ctx, Reply};
use crate::callback::CardAction;
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// `keyboard` with a row for a superadmin: the override the receipt allows now, and
/// clearing its flags while it has any. Shown to everyone who sees the post; only a
/// superadmin's tap does anything.
pub(crate) fn superadmin_row(
    deps: &BotDeps,
    lang: Language,
    chat: ChatKey,
    receipt: &Receipt,
    keyboard: Keyboard,
) -> Keyboard {
    let closed = receipt.status != receipts::ReceiptStatus::Pending;
    let overrule = receipt.overridable().filter(|_| closed).map(|kind| {
        let key = match kind {
            OverrideKind::Approve => "btn-override-approve",
            OverrideKind::TakeBack => "btn-override-take-back",
        };
        channel_button(deps, lang, chat, key, CardAction::Overrule(receipt.id))
    });
    let unflag = (!receipt.flags.is_empty())
        .then(|| channel_button(deps, lang, chat, "btn-unflag", CardAction::Unflag(receipt.id)));
    keyboard.row(overrule.into_iter().chain(unflag))
}

/// "Override": what it would do, with Yes / Back (superadmins only).
pub async fn ask_override(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    let receipt = match ctx.deps.receipts.for_superadmin(ctx.user.id, id, "override").await {
        Ok(receipt) => receipt,
        Err(e) => return refused(ctx, id, e).await,
    };
    let (key, amount) = match receipt.overridable() {
        Some(OverrideKind::Approve) => ("review-override-approve-ask", receipt.amount),
        Some(OverrideKind::TakeBack) => (
            "review-override-take-back-ask",
            receipt.credited.unwrap_or(receipt.amount),
        ),
        None => return current(ctx, id, Some(ctx.t("toast-receipt-not-overridable"))).await,
    };
    let question = channel_t(
        ctx,
        key,
        &Args::new()
            .text("tracking", receipt.tracking.as_str())
            .money("amount", amount),
    )
    .await;
    confirm(ctx, id, question, CardAction::OverruleConfirmed(id)).await
}

/// "Yes, override": the override, once; every post shows the new decision.
pub async fn overrule(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    let receipt = match ctx.deps.receipts.for_superadmin(ctx.user.id, id, "override").await {
        Ok(receipt) => receipt,
        Err(e) => return refused(ctx, id, e).await,
    };
    let decision = match receipt.overridable() {
        Some(OverrideKind::Approve) => Override::Approve { credit: None },
        Some(OverrideKind::TakeBack) => {
            let reason = channel_t(ctx, "review-override-reason", &Args::new()).await;
            let Ok(reason) = RejectReason::new(&reason) else {
                return Ok(Reply::none().toast(ctx.t("toast-expired")));
            };
            Override::Reject { reason }
        }
        None => return current(ctx, id, Some(ctx.t("toast-receipt-not-overridable"))).await,
    };
    match ctx.deps.receipts.override_decision(ctx.user.id, id, decision).await {
        Ok(receipt) => {
            tracing::info!(receipt = %receipt.id, status = %receipt.status, superadmin = %ctx.user.id, "receipt overridden");
            after_decision(ctx.deps, &receipt).await;
            current(ctx, id, Some(ctx.t("toast-receipt-overridden"))).await
        }
        Err(e) => refused(ctx, id, e).await,
    }
}

/// "Clear flags": which flags, with Yes / Back (superadmins only).
pub async fn ask_unflag(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    let receipt = match ctx.deps.receipts.for_superadmin(ctx.user.id, id, "unflag").await {
        Ok(receipt) => receipt,
        Err(e) => return refused(ctx, id, e).await,
    };
    if receipt.flags.is_empty() {
        return current(ctx, id, Some(ctx.t("toast-receipt-unflagged"))).await;
    }
    let question = channel_t(
        ctx,
        "review-unflag-ask",
        &Args::new()
            .text("tracking", receipt.tracking.as_str())
            .text("flags", receipt.flags.code()),
    )
    .await;
    confirm(ctx, id, question, CardAction::UnflagConfirmed(id)).await
}

/// "Yes, clear": the flags cleared; every post shows it.
pub async fn unflag(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    match ctx.deps.receipts.unflag(ctx.user.id, id).await {
        Ok(receipt) => {
            tracing::info!(receipt = %receipt.id, superadmin = %ctx.user.id, "receipt unflagged");
            super::review::refresh(ctx.deps, id).await;
            current(ctx, id, Some(ctx.t("toast-receipt-unflagged"))).await
        }
        Err(e) => refused(ctx, id, e).await,
    }
}

/// The post with a question under it and Yes / Back.
async fn confirm(ctx: &Ctx<'_>, id: ReceiptId, question: String, yes: CardAction) -> Result<Reply, BotError> {
    let lang = ctx.deps.members.default_language_now().await;
    let (text, _) = state_of(ctx.deps, id, ctx.chat).await?;
    let keyboard = Keyboard::new().row([
        channel_button(ctx.deps, lang, ctx.chat, "btn-override-yes", yes),
        channel_button(ctx.deps, lang, ctx.chat, "btn-back", CardAction::Review(id)),
    ]);
    Ok(Reply::show(format!("{text}\n\n{question}"), keyboard))
}

/// A refused override or unflag: who may, or why it cannot be done now; nothing changed.
async fn refused(ctx: &Ctx<'_>, id: ReceiptId, e: ReceiptError) -> Result<Reply, BotError> {
    match e {
        ReceiptError::Forbidden { .. } | ReceiptError::Blocked => {
            tracing::info!(receipt = %id, user = %ctx.user.id, "a superadmin button pressed by someone else");
            Ok(Reply::none().toast(ctx.t("toast-receipt-superadmin-only")))
        }
        ReceiptError::NotOverridable { .. } => current(ctx, id, Some(ctx.t("toast-receipt-not-overridable"))).await,
        ReceiptError::CannotReverse(_) => current(ctx, id, Some(ctx.t("toast-receipt-cannot-take-back"))).await,
        other => answer_refusal(ctx, id, other).await,
    }
}

/// A text in the channels' language, the shop's language now (the post is read by every
/// admin there).
async fn channel_t(ctx: &Ctx<'_>, key: &str, args: &Args) -> String {
    let lang = ctx.deps.members.default_language_now().await;
    ctx.deps.i18n.t_args(lang, key, args)
}
