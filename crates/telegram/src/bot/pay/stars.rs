//! Telegram Stars in the chat: the pre-checkout query answered within Telegram's 10 s after
//! checking the payload (ours, unforged), the payer (the payment's owner) and the amount and
//! currency (exactly what was created); then `successful_payment` credits the wallet once per
//! payment (a repeat changes nothing) and, when the Stars paid for an order, pays the order
//! so the service is delivered in the same answer.

use kernel::TelegramId;
use members::Language;
use payments::{PaymentError, Provider};

use crate::bot::input::PaidInvoice;
use crate::bot::screens::checkout;
use crate::bot::{BotDeps, BotError, Ctx, Reply};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;
use crate::limits;

/// Why a pre-checkout query is refused: a catalog key.
async fn refusal(deps: &BotDeps, from: Option<TelegramId>, invoice: &PaidInvoice) -> Option<&'static str> {
    let Some(stars) = deps.stars.as_ref() else {
        return Some("pre-checkout-unavailable");
    };
    let Ok((verified, read)) = stars.read_payment(&invoice.payload, &invoice.currency, invoice.total_amount, "") else {
        tracing::warn!("a pre-checkout query with a payload this bot did not make");
        return Some("pre-checkout-unavailable");
    };
    let payments::VerifiedCallback::Paid { charge, .. } = verified else {
        return Some("pre-checkout-unavailable");
    };
    let user = match from {
        Some(id) => deps.members.find_by_telegram(id).await.ok().flatten(),
        None => None,
    };
    let Some(user) = user else {
        return Some("pre-checkout-unavailable");
    };
    match deps
        .payments
        .precheck(user.id, Provider::Stars, read.payment, charge)
        .await
    {
        Ok(_) => None,
        Err(PaymentError::Refused(r)) if r.is_replay() => Some("pre-checkout-already-paid"),
        Err(e) => {
            tracing::warn!(payment = %read.payment, error = %e, "a Stars pre-checkout was refused");
            Some("pre-checkout-unavailable")
        }
    }
}

/// Answers a pre-checkout query: accepted only for an open Stars payment of the payer with
/// exactly the amount and currency created.
pub async fn pre_checkout(
    deps: &BotDeps,
    query_id: &str,
    language: Option<Language>,
    from: Option<TelegramId>,
    invoice: &PaidInvoice,
) {
    let refused = refusal(deps, from, invoice).await;
    let lang = language.unwrap_or(Language::En);
    let text = refused.map(|key| limits::fit(&deps.i18n.t(lang, key), 255));
    if let Err(e) = deps.api.answer_pre_checkout(query_id, text.as_deref()).await {
        tracing::warn!(error = %e, "cannot answer a pre-checkout query");
    }
}

/// Telegram says the user paid: credit once, then pay the order the Stars were for.
pub async fn paid(ctx: &Ctx<'_>, invoice: &PaidInvoice) -> Result<Reply, BotError> {
    let deps = ctx.deps;
    let read = deps.stars.as_ref().map(|stars| {
        stars.read_payment(
            &invoice.payload,
            &invoice.currency,
            invoice.total_amount,
            &invoice.charge_id,
        )
    });
    let Some(Ok((verified, payload))) = read else {
        tracing::error!(charge = %invoice.charge_id, "a successful payment this bot cannot read; refund it by hand");
        return Ok(Reply::send(ctx.t("pay-stars-unmatched"), Some(ctx.back_to_menu())));
    };
    let credited = match deps.payments.settle(Provider::Stars, &verified).await {
        Ok(Some(payment)) => Some(payment),
        Ok(None) => None,
        Err(PaymentError::Refused(r)) if r.is_replay() => None,
        Err(e) => {
            tracing::error!(payment = %payload.payment, charge = %invoice.charge_id, error = %e, "a Stars payment was not credited");
            return Ok(Reply::send(ctx.t("pay-stars-unmatched"), Some(ctx.back_to_menu())));
        }
    };
    let balance = deps.wallet.balance(ctx.user.id).await?;
    let Some(payment) = credited else {
        let text = ctx.t_args("pay-already-credited", &Args::new().money("balance", balance));
        return Ok(Reply::send(text, Some(ctx.back_to_menu())));
    };
    let text = ctx.t_args(
        "pay-stars-credited",
        &Args::new().money("amount", payment.amount).money("balance", balance),
    );
    match payload.order {
        Some(order) => {
            let delivered = checkout::pay(ctx, order).await?;
            // The buyer sees the order's outcome right here: the payment's order step is done.
            if let Err(e) = deps.payments.order_shown(payment.id).await {
                tracing::warn!(payment = %payment.id, error = %e, "cannot record that the order was paid in the chat");
            }
            let mut reply = Reply::send(text, None);
            reply
                .messages
                .extend(delivered.messages.into_iter().map(into_new_message));
            reply.next = delivered.next;
            Ok(reply)
        }
        None => {
            let keyboard = Keyboard::new().row([
                ctx.button("btn-wallet", Action::Wallet),
                ctx.button("btn-menu", Action::Menu),
            ]);
            Ok(Reply::send(text, Some(keyboard)))
        }
    }
}

/// A screen meant to replace a tapped message becomes a new message (there is nothing to
/// edit under a payment).
fn into_new_message(message: crate::bot::Outgoing) -> crate::bot::Outgoing {
    match message {
        crate::bot::Outgoing::Show { text, keyboard } => crate::bot::Outgoing::Send { text, keyboard },
        other => other,
    }
}
