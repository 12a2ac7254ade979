//! The review of receipts in Telegram channels: each receipt with proof is posted to its
//! card's channel and to the central audit channel (the photo, then a text post with
//! Approve / Reject); a tap is checked by the receipts use case (admins only, refusals
//! audited, one decision however many admins race) and the tapped post is edited to the
//! receipt's current state: who decided, when, what was credited or why it was rejected.

use kernel::ReceiptId;
use members::{Language, User};
use receipts::{BankCard, PhotoFileId, Receipt, ReceiptError, ReceiptStatus, RejectReason};
use telegram_state::{ChatKey, ReceiptPost};

use crate::bot::conversation::Conversation;
use crate::bot::{BotDeps, BotError, Ctx, Reply};
use crate::callback::{Action, CardAction, REJECT_PRESETS};
use crate::i18n::Args;
use crate::keyboard::{Button, ButtonKind, Keyboard};
use crate::limits;

/// Posts `receipt` (just given its proof by `payer`) to the review channels: a new photo
/// first, then the details with Approve / Reject; a receipt posted before has its post
/// edited instead (its photo is sent with the same tracking code). A channel the bot cannot
/// write to is logged; the receipt is stored whatever happens here.
pub async fn post(deps: &BotDeps, payer: &User, receipt: &Receipt, new_photo: Option<&PhotoFileId>) {
    let card = match deps.receipts.review_view(receipt.id).await {
        Ok((_, card)) => card,
        Err(e) => {
            tracing::error!(receipt = %receipt.id, error = %e, "cannot load the receipt's card to post it");
            return;
        }
    };
    let mut channels: Vec<i64> = Vec::new();
    for channel in [card.channel_id, deps.settings.topup.audit_channel]
        .into_iter()
        .flatten()
    {
        if !channels.contains(&channel) {
            channels.push(channel);
        }
    }
    if channels.is_empty() {
        tracing::warn!(receipt = %receipt.id, "no review channel: set the card's channel or receipts.audit_channel");
    }
    let lang = deps.members.default_language_now().await;
    let text = limits::fit_html(&post_text(deps, lang, receipt, &card, payer, None), limits::MESSAGE);
    let earlier = deps.receipt_posts.posts(receipt.id).await.unwrap_or_else(|e| {
        tracing::warn!(receipt = %receipt.id, error = %e, "cannot read where the receipt was posted");
        Vec::new()
    });
    for channel in channels {
        let chat = ChatKey::new(channel);
        if let Some(photo) = new_photo {
            let caption = deps.i18n.t_args(
                lang,
                "review-photo",
                &Args::new().text("tracking", receipt.tracking.as_str()),
            );
            if let Err(e) = deps
                .api
                .send_photo_id(channel, photo.as_str(), Some(&caption), None)
                .await
            {
                tracing::warn!(channel, error = %e, "cannot post the receipt photo to the channel");
            }
        }
        let keyboard = keyboard_for(deps, lang, chat, receipt);
        if let Some(post) = earlier.iter().find(|p| p.chat == chat) {
            match deps
                .api
                .edit_text(channel, post.message_id, &text, Some(&keyboard))
                .await
            {
                Ok(()) => continue,
                Err(e) => tracing::info!(channel, error = %e, "cannot edit the earlier post; posting again"),
            }
        }
        match deps.api.send_text(channel, &text, Some(&keyboard)).await {
            Ok(sent) => {
                let post = ReceiptPost {
                    receipt: receipt.id,
                    chat,
                    message_id: sent.message_id,
                };
                if let Err(e) = deps.receipt_posts.record(post, deps.clock.now()).await {
                    tracing::warn!(channel, error = %e, "cannot remember the receipt's post");
                }
            }
            Err(e) => tracing::warn!(channel, error = %e, "cannot post the receipt to the channel"),
        }
    }
}

/// Edits every post of receipt `id` to its current state (after a decision, a cancel).
pub async fn refresh(deps: &BotDeps, id: ReceiptId) {
    let posts = match deps.receipt_posts.posts(id).await {
        Ok(posts) => posts,
        Err(e) => {
            tracing::warn!(receipt = %id, error = %e, "cannot read where the receipt was posted");
            return;
        }
    };
    for post in posts {
        match state_of(deps, id, post.chat).await {
            Ok((text, keyboard)) => {
                let keyboard = (!keyboard.is_empty()).then_some(keyboard);
                if let Err(e) = deps
                    .api
                    .edit_text(post.chat.get(), post.message_id, &text, keyboard.as_ref())
                    .await
                {
                    tracing::warn!(chat = %post.chat, error = %e, "cannot edit a receipt's post");
                }
            }
            Err(e) => tracing::warn!(receipt = %id, error = %e, "cannot render the receipt's post"),
        }
    }
}

/// The buttons under a receipt's post as it is now: Approve / Reject while it can still be
/// decided, a superadmin's override once it is decided (or past its deadline), and clearing
/// its flags while it has any.
pub(crate) fn keyboard_for(deps: &BotDeps, lang: Language, chat: ChatKey, receipt: &Receipt) -> Keyboard {
    let open = receipt.status == ReceiptStatus::Pending && deps.clock.now() < receipt.expires_at;
    let keyboard = if open {
        decide_keyboard(deps, lang, chat, receipt.id)
    } else {
        Keyboard::new()
    };
    super::overrule::superadmin_row(deps, lang, chat, receipt, keyboard)
}

/// Approve / Reject (and approve another amount) under a pending receipt's post.
fn decide_keyboard(deps: &BotDeps, lang: Language, chat: ChatKey, id: ReceiptId) -> Keyboard {
    Keyboard::new()
        .row([
            channel_button(deps, lang, chat, "btn-approve", CardAction::Approve(id)),
            channel_button(deps, lang, chat, "btn-reject", CardAction::Reject(id)),
        ])
        .row([channel_button(
            deps,
            lang,
            chat,
            "btn-approve-other",
            CardAction::AskAmount(id),
        )])
}

pub(crate) fn channel_button(deps: &BotDeps, lang: Language, chat: ChatKey, key: &str, action: CardAction) -> Button {
    channel_button_text(deps, chat, deps.i18n.t(lang, key), action)
}

fn channel_button_text(deps: &BotDeps, chat: ChatKey, text: String, action: CardAction) -> Button {
    let data = deps.codec.encode(chat, &Action::Card(action)).unwrap_or_else(|e| {
        tracing::error!(error = %e, "callback data too long");
        String::new()
    });
    Button {
        text: limits::fit(&text, limits::BUTTON),
        kind: ButtonKind::Callback(data),
    }
}

/// A receipt's post: who pays, what, into which card, the proof and its flags, and where
/// the review stands (`decider` names who decided, when known).
pub fn post_text(
    deps: &BotDeps,
    lang: Language,
    receipt: &Receipt,
    card: &BankCard,
    payer: &User,
    decider: Option<&User>,
) -> String {
    let i18n = &deps.i18n;
    let t = |key: &str, args: &Args| i18n.t_args(lang, key, args);
    let mut lines = vec![
        t(
            "review-title",
            &Args::new()
                .text("tracking", receipt.tracking.as_str())
                .id("receipt", receipt.id.get()),
        ),
        t("review-payer", &person(payer)),
        t(
            "review-amount",
            &Args::new()
                .money("amount", receipt.amount)
                .money("requested", receipt.requested),
        ),
        t(
            "review-card",
            &Args::new()
                .text("card", card.number.masked())
                .text("bank", card.bank.as_str())
                .text("holder", card.holder.as_str()),
        ),
    ];
    if let Some(order) = receipt.order {
        lines.push(t("review-order", &Args::new().id("order", order.get())));
    }
    if let Some(proof) = &receipt.proof {
        if let Some(text) = proof.text() {
            lines.push(t("review-text", &Args::new().text("text", text.as_str())));
        }
        if proof.photo().is_some() {
            lines.push(i18n.t(lang, "review-has-photo"));
        }
    }
    if !receipt.flags.is_empty() {
        lines.push(t("review-flags", &Args::new().text("flags", receipt.flags.code())));
    }
    lines.push(String::new());
    lines.push(status_line(deps, lang, receipt, decider));
    lines.join("\n")
}

fn person(user: &User) -> Args {
    Args::new()
        .text("name", user.first_name.as_str())
        .text(
            "username",
            user.username
                .as_ref()
                .map(|u| format!("@{}", u.as_str()))
                .unwrap_or_default(),
        )
        .id("id", user.telegram_id.get())
}

fn status_line(deps: &BotDeps, lang: Language, receipt: &Receipt, decider: Option<&User>) -> String {
    let i18n = &deps.i18n;
    let by = decider
        .map(|u| {
            u.username
                .as_ref()
                .map_or_else(|| u.first_name.as_str().to_owned(), |n| format!("@{}", n.as_str()))
        })
        .unwrap_or_default();
    let mut args = Args::new().text("by", by);
    if let Some(at) = receipt.decided_at {
        let at = at.to_offset(time::UtcOffset::UTC);
        args = args
            .date("date", at)
            .text("time", format!("{:02}:{:02}", at.hour(), at.minute()));
    } else {
        args = args.text("date", "").text("time", "");
    }
    match receipt.status {
        ReceiptStatus::Pending => i18n.t(lang, "review-status-pending"),
        ReceiptStatus::Approved => i18n.t_args(
            lang,
            "review-status-approved",
            &args.money("credited", receipt.credited.unwrap_or(receipt.amount)),
        ),
        ReceiptStatus::Rejected => i18n.t_args(
            lang,
            "review-status-rejected",
            &args.text(
                "reason",
                receipt
                    .reject_reason
                    .as_ref()
                    .map(RejectReason::as_str)
                    .unwrap_or_default(),
            ),
        ),
        ReceiptStatus::Expired => i18n.t(lang, "review-status-expired"),
        ReceiptStatus::Cancelled => i18n.t(lang, "review-status-cancelled"),
    }
}

/// An admin taps Approve: credits exactly once; the post shows the result either way.
pub async fn approve(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    let outcome = ctx.deps.receipts.approve(ctx.user.id, id, None).await;
    decided(ctx, id, outcome, "toast-receipt-approved").await
}

/// An admin taps Reject: the reasons to pick from (admins only).
pub async fn reasons(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    let receipt = match ctx.deps.receipts.get(ctx.user.id, id).await {
        Ok(receipt) => receipt,
        Err(e) => return answer_refusal(ctx, id, e).await,
    };
    if receipt.status != ReceiptStatus::Pending {
        return current(ctx, id, Some(ctx.t("toast-receipt-decided"))).await;
    }
    let lang = ctx.deps.members.default_language_now().await;
    let mut keyboard = Keyboard::new();
    for n in 0..REJECT_PRESETS {
        let reason = ctx.deps.i18n.t(lang, &format!("reject-reason-{n}"));
        keyboard = keyboard.row([channel_button_text(
            ctx.deps,
            ctx.chat,
            reason,
            CardAction::RejectWith(id, n),
        )]);
    }
    keyboard = keyboard.row([channel_button(
        ctx.deps,
        lang,
        ctx.chat,
        "btn-reason-typed",
        CardAction::AskReason(id),
    )]);
    keyboard = keyboard.row([channel_button(
        ctx.deps,
        lang,
        ctx.chat,
        "btn-back",
        CardAction::Review(id),
    )]);
    let (receipt, card) = ctx.deps.receipts.review_view(id).await?;
    let payer = ctx.deps.members.get(receipt.user).await?;
    let text = post_text(ctx.deps, lang, &receipt, &card, &payer, None);
    Ok(Reply::show(text, keyboard))
}

/// An admin picks a preset reason: rejects once; the post shows the result either way.
pub async fn reject(ctx: &Ctx<'_>, id: ReceiptId, n: u8) -> Result<Reply, BotError> {
    let lang = ctx.deps.members.default_language_now().await;
    let reason = ctx.deps.i18n.t(lang, &format!("reject-reason-{n}"));
    let Ok(reason) = RejectReason::new(&reason) else {
        return Ok(Reply::none().toast(ctx.t("toast-expired")));
    };
    let outcome = ctx.deps.receipts.reject(ctx.user.id, id, reason).await;
    decided(ctx, id, outcome, "toast-receipt-rejected").await
}

/// Back from the reasons: the post with Approve / Reject again.
pub async fn again(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    if let Err(e) = ctx.deps.receipts.get(ctx.user.id, id).await {
        return answer_refusal(ctx, id, e).await;
    }
    current(ctx, id, None).await
}

async fn decided(
    ctx: &Ctx<'_>,
    id: ReceiptId,
    outcome: Result<Receipt, ReceiptError>,
    done_key: &str,
) -> Result<Reply, BotError> {
    match outcome {
        Ok(receipt) => {
            tracing::info!(receipt = %receipt.id, status = %receipt.status, admin = %ctx.user.id, "receipt decided");
            after_decision(ctx.deps, &receipt).await;
            current(ctx, id, Some(ctx.t(done_key))).await
        }
        Err(e) => answer_refusal(ctx, id, e).await,
    }
}

/// A refused tap: someone without the role is told so and nothing changes (the use case
/// audited it); a receipt decided meanwhile shows its current state and who decided it.
pub(crate) async fn answer_refusal(ctx: &Ctx<'_>, id: ReceiptId, e: ReceiptError) -> Result<Reply, BotError> {
    match e {
        ReceiptError::Forbidden { .. } | ReceiptError::Blocked => {
            tracing::info!(receipt = %id, user = %ctx.user.id, "a review button pressed by someone who is not staff");
            Ok(Reply::none().toast(ctx.t("toast-receipt-staff-only")))
        }
        ReceiptError::AlreadyDecided { .. } | ReceiptError::Expired => {
            current(ctx, id, Some(ctx.t("toast-receipt-decided"))).await
        }
        ReceiptError::UnknownReceipt(_) => Ok(Reply::none().toast(ctx.t("toast-expired"))),
        other => Err(other.into()),
    }
}

/// The tapped post edited to the receipt's current state (buttons only while pending).
pub(crate) async fn current(ctx: &Ctx<'_>, id: ReceiptId, toast: Option<String>) -> Result<Reply, BotError> {
    let (text, keyboard) = state_of(ctx.deps, id, ctx.chat).await?;
    let reply = Reply::show(text, keyboard);
    Ok(match toast {
        Some(toast) => reply.toast(toast),
        None => reply,
    })
}

/// A receipt's post as it should look in `chat` now: the details with who decided, and
/// its buttons ([`keyboard_for`]).
pub(crate) async fn state_of(deps: &BotDeps, id: ReceiptId, chat: ChatKey) -> Result<(String, Keyboard), BotError> {
    let lang = deps.members.default_language_now().await;
    let (receipt, card) = deps.receipts.review_view(id).await?;
    let payer = deps.members.get(receipt.user).await?;
    let decider = match receipt.decided_by {
        Some(admin) => Some(deps.members.get(admin).await?),
        None => None,
    };
    let text = limits::fit_html(
        &post_text(deps, lang, &receipt, &card, &payer, decider.as_ref()),
        limits::MESSAGE,
    );
    Ok((text, keyboard_for(deps, lang, chat, &receipt)))
}

/// What follows a decision: every post shows it, and an approved receipt for an order
/// continues the purchase.
pub(crate) async fn after_decision(deps: &BotDeps, receipt: &Receipt) {
    refresh(deps, receipt.id).await;
    if receipt.status == ReceiptStatus::Approved {
        super::order::continue_purchase(deps, receipt).await;
    }
}

/// An admin taps "type a reason" or "approve another amount" in a channel: the question is
/// asked in their private chat with the bot, which then waits for the answer (the role is
/// checked now and again when the answer arrives).
pub async fn ask_privately(ctx: &Ctx<'_>, id: ReceiptId, amount: bool) -> Result<Reply, BotError> {
    let deps = ctx.deps;
    let receipt = match deps.receipts.get(ctx.user.id, id).await {
        Ok(receipt) => receipt,
        Err(e) => return answer_refusal(ctx, id, e).await,
    };
    if receipt.check_decidable(ctx.now()).is_err() {
        return current(ctx, id, Some(ctx.t("toast-receipt-decided"))).await;
    }
    let admin_chat = ChatKey::new(ctx.user.telegram_id.get());
    let (key, state) = if amount {
        ("card-ask-amount", Conversation::CreditAmount { receipt: id })
    } else {
        ("card-ask-reason", Conversation::RejectReason { receipt: id })
    };
    let text = ctx.t_args(
        key,
        &Args::new()
            .text("tracking", receipt.tracking.as_str())
            .money("amount", receipt.amount),
    );
    let cancel = deps
        .codec
        .encode(admin_chat, &Action::Cancel)
        .map(|data| {
            Keyboard::new().row([Button {
                text: limits::fit(&ctx.t("btn-cancel"), limits::BUTTON),
                kind: ButtonKind::Callback(data),
            }])
        })
        .ok();
    if let Err(e) = deps.api.send_text(admin_chat.get(), &text, cancel.as_ref()).await {
        tracing::info!(admin = %ctx.user.id, error = %e, "cannot write to the admin privately");
        return Ok(Reply::none().toast(ctx.t("toast-receipt-open-bot")));
    }
    let now = ctx.now();
    let loaded = deps.conversations.load(admin_chat, now).await;
    deps.conversations.save(admin_chat, &loaded, &state, now).await;
    Ok(Reply::none().toast(ctx.t("toast-receipt-asked-privately")))
}

/// The admin typed the rejection reason in their private chat.
pub async fn reason_typed(ctx: &Ctx<'_>, id: ReceiptId, text: &str) -> Result<Reply, BotError> {
    let Ok(reason) = RejectReason::new(text) else {
        let text = ctx.t_args(
            "card-reason-invalid",
            &Args::new().number("max", i64::try_from(RejectReason::MAX_CHARS).unwrap_or(i64::MAX)),
        );
        return Ok(Reply::send(text, None));
    };
    let outcome = ctx.deps.receipts.reject(ctx.user.id, id, reason).await;
    typed_decision(ctx, outcome, "card-rejected-done").await
}

/// The admin typed the amount to credit in their private chat.
pub async fn amount_typed(ctx: &Ctx<'_>, id: ReceiptId, text: &str) -> Result<Reply, BotError> {
    let credit = match kernel::Money::parse(text, ctx.deps.i18n.currency()) {
        Ok(credit) if !credit.is_zero() => credit,
        _ => return Ok(Reply::send(ctx.t("card-amount-invalid"), None)),
    };
    let outcome = ctx.deps.receipts.approve(ctx.user.id, id, Some(credit)).await;
    typed_decision(ctx, outcome, "card-approved-done").await
}

async fn typed_decision(
    ctx: &Ctx<'_>,
    outcome: Result<Receipt, ReceiptError>,
    done_key: &str,
) -> Result<Reply, BotError> {
    let text = match outcome {
        Ok(receipt) => {
            tracing::info!(receipt = %receipt.id, status = %receipt.status, admin = %ctx.user.id, "receipt decided");
            after_decision(ctx.deps, &receipt).await;
            ctx.t_args(
                done_key,
                &Args::new()
                    .text("tracking", receipt.tracking.as_str())
                    .money("amount", receipt.credited.unwrap_or(receipt.amount)),
            )
        }
        Err(ReceiptError::Forbidden { .. } | ReceiptError::Blocked) => ctx.t("toast-receipt-staff-only"),
        Err(ReceiptError::AlreadyDecided { .. } | ReceiptError::Expired) => ctx.t("toast-receipt-decided"),
        Err(ReceiptError::UnknownReceipt(_)) => ctx.t("toast-expired"),
        Err(ReceiptError::ZeroAmount) => ctx.t("card-amount-invalid"),
        Err(e) => return Err(e.into()),
    };
    Ok(Reply::send(text, Some(ctx.back_to_menu())).state(Conversation::Idle))
}
