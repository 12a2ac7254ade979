//! Card-to-card: opening a request (the rotation policy picks the card, the amount is made
//! unique) and the screen the payer transfers from; cancelling an open request.

use kernel::{Money, ReceiptId};
use receipts::{BankCard, Receipt, ReceiptError};

use crate::bot::conversation::Conversation;
use crate::bot::screens::menu;
use crate::bot::{BotError, Ctx, Reply};
use crate::callback::{Action, CardAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;

/// Opens a request for `minor` and shows the card; the chat then waits for the proof.
pub async fn open(ctx: &Ctx<'_>, minor: i64) -> Result<Reply, BotError> {
    let Ok(requested) = Money::from_minor(minor) else {
        return Ok(Reply::none().toast(ctx.t("toast-expired")));
    };
    let result = ctx.deps.receipts.open_request(ctx.user.id, requested).await;
    opened(ctx, result).await
}

/// Shows the card of a request just opened (or why none could be).
pub(crate) async fn opened(ctx: &Ctx<'_>, opened: Result<Receipt, ReceiptError>) -> Result<Reply, BotError> {
    let receipt = match opened {
        Ok(receipt) => receipt,
        Err(e) => return refused(ctx, &e).map(|text| Reply::show(text, ctx.back_to_menu())),
    };
    let (receipt, card) = ctx.deps.receipts.payer_view(ctx.user.id, receipt.id).await?;
    tracing::info!(receipt = %receipt.id, card = %card.id, "card-to-card request opened");
    Ok(
        Reply::show(card_text(ctx, &receipt, &card), proof_keyboard(ctx, receipt.id))
            .state(Conversation::ReceiptProof { receipt: receipt.id }),
    )
}

/// What the payer needs to transfer: the card in full (copyable), the exact amount, the
/// tracking code and the deadline, and what to send afterwards.
pub fn card_text(ctx: &Ctx<'_>, receipt: &Receipt, card: &BankCard) -> String {
    let currency = ctx.deps.i18n.currency();
    let order = match receipt.order {
        Some(order) => format!(
            "\n\n{}",
            ctx.t_args("card-pay-order", &Args::new().id("order", order.get()))
        ),
        None => String::new(),
    };
    let minutes = (receipt.expires_at - ctx.now()).whole_minutes().max(0);
    let deadline = receipt.expires_at.to_offset(time::UtcOffset::UTC);
    ctx.t_args(
        "card-pay",
        &Args::new()
            .text("digits", card.number.digits())
            .text("holder", card.holder.as_str())
            .text("bank", card.bank.as_str())
            .money("amount", receipt.amount)
            .text("exact", super::plain_digits(receipt.amount, currency.exponent()))
            .money("requested", receipt.requested)
            .text("tracking", receipt.tracking.as_str())
            .number("minutes", minutes)
            .text("time", format!("{:02}:{:02}", deadline.hour(), deadline.minute())),
    ) + &order
}

/// Under the card screen and the "received" answer: cancel the request, or the menu.
pub fn proof_keyboard(ctx: &Ctx<'_>, receipt: ReceiptId) -> Keyboard {
    Keyboard::new()
        .row([ctx.button("btn-cancel-request", Action::Card(CardAction::Cancel(receipt)))])
        .row([ctx.button("btn-menu", Action::Menu)])
}

/// The payer withdraws their open request.
pub async fn cancel(ctx: &Ctx<'_>, id: ReceiptId) -> Result<Reply, BotError> {
    match ctx.deps.receipts.cancel(ctx.user.id, id).await {
        Ok(receipt) => {
            super::review::refresh(ctx.deps, receipt.id).await;
            let text = ctx.t_args(
                "card-cancelled",
                &Args::new().text("tracking", receipt.tracking.as_str()),
            );
            Ok(Reply::show(text, menu::keyboard(ctx)).state(Conversation::Idle))
        }
        Err(e) => refused(ctx, &e).map(|text| Reply::show(text, ctx.back_to_menu()).state(Conversation::Idle)),
    }
}

/// The payer-facing text of a refusal the payer can act on; other errors go up.
pub(crate) fn refused(ctx: &Ctx<'_>, e: &ReceiptError) -> Result<String, BotError> {
    let config = ctx.deps.receipts.config();
    Ok(match e {
        ReceiptError::NoActiveCard => ctx.t("card-unavailable"),
        ReceiptError::Busy => ctx.t("card-busy"),
        ReceiptError::TooManyPending(n) => ctx.t_args(
            "card-too-many-open",
            &Args::new().number("count", i64::try_from(*n).unwrap_or(i64::MAX)),
        ),
        ReceiptError::AmountOutOfBounds { min, max } => ctx.t_args(
            "top-up-out-of-bounds",
            &Args::new().money("min", *min).money("max", *max),
        ),
        ReceiptError::AlreadyDecided { status, .. } => ctx.t(&format!("card-already-{status}")),
        ReceiptError::Expired => ctx.t("card-already-expired"),
        ReceiptError::UnknownReceipt(_) => ctx.t("card-no-open-request"),
        ReceiptError::ZeroAmount => ctx.t_args(
            "top-up-out-of-bounds",
            &Args::new()
                .money("min", config.min_amount)
                .money("max", config.max_amount),
        ),
        _ => return Err(clone_error(e)),
    })
}

fn clone_error(e: &ReceiptError) -> BotError {
    BotError::Receipts(match e {
        ReceiptError::Blocked => ReceiptError::Blocked,
        other => ReceiptError::Storage(kernel::StorageError::Other(other.to_string())),
    })
}
