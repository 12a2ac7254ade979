//! Paying a pending order by card-to-card: the "balance short" screen offers the order's
//! exact price by card; the receipt names the order, and once an admin approves it the
//! purchase continues through the saga (pay from the wallet just credited, then deliver)
//! and the buyer gets the service in their chat.

use kernel::OrderId;
use orders::{Order, OrderError, OrderStatus};
use receipts::Receipt;
use telegram_state::ChatKey;

use crate::bot::Outgoing;
use crate::bot::conversation::Conversation;
use crate::bot::screens::{checkout, not_yours};
use crate::bot::{BotDeps, BotError, Ctx, Reply};
use crate::callback::{Action, CardAction};
use crate::i18n::Args;
use crate::keyboard::Keyboard;
use crate::limits;

/// `keyboard` with a first row "Pay <price> by card" for `order`.
pub fn by_card(ctx: &Ctx<'_>, order: &Order, keyboard: Keyboard) -> Keyboard {
    let label = ctx.label("label-pay-order-card", &Args::new().money("amount", order.amount()));
    keyboard.row([ctx.button_text(label, Action::Card(CardAction::PayOrder(order.id)))])
}

/// Opens a card-to-card request for the order's exact price and shows the card.
pub async fn open(ctx: &Ctx<'_>, id: OrderId) -> Result<Reply, BotError> {
    let order = match ctx.deps.orders.order(ctx.user.id, id).await {
        Ok(order) => order,
        Err(OrderError::NotYours | OrderError::OrderNotFound(_)) => return Ok(not_yours(ctx)),
        Err(e) => return Err(e.into()),
    };
    if order.status != OrderStatus::Pending {
        return checkout::show(ctx, id).await;
    }
    let opened = ctx
        .deps
        .receipts
        .open_order_request(ctx.user.id, order.amount(), id, ctx.deps.orders.payable_until(&order))
        .await;
    super::request::opened(ctx, opened).await
}

/// After an approved receipt for an order: the purchase continues (paid from the wallet the
/// receipt just credited, then delivered) and the buyer is shown how it ended. A failure is
/// logged; the credit stays in the wallet and the order can still be paid from there.
pub async fn continue_purchase(deps: &BotDeps, receipt: &Receipt) {
    let Some(order) = receipt.order else {
        return;
    };
    let payer = match deps.members.get(receipt.user).await {
        Ok(payer) => payer,
        Err(e) => {
            tracing::error!(receipt = %receipt.id, error = %e, "cannot load the buyer to continue the purchase");
            return;
        }
    };
    let chat = ChatKey::new(payer.telegram_id.get());
    let ctx = Ctx {
        deps,
        user: &payer,
        role: deps.members.effective_role(&payer),
        chat,
        lang: payer.language,
        state: &Conversation::Idle,
        origin: None,
    };
    let reply = match checkout::pay(&ctx, order).await {
        Ok(reply) => reply,
        Err(e) => {
            tracing::error!(receipt = %receipt.id, %order, error = %e, "the purchase paid by card did not continue");
            Reply::send(ctx.t(e.message_key()), Some(ctx.back_to_menu()))
        }
    };
    tracing::info!(receipt = %receipt.id, %order, "purchase continued after the card payment");
    send(deps, chat, reply).await;
}

/// Sends a reply's messages as new messages to `chat` (no button was tapped there).
pub(crate) async fn send(deps: &BotDeps, chat: ChatKey, reply: Reply) {
    for message in reply.messages {
        let sent = match message {
            Outgoing::Show { text, keyboard } | Outgoing::Send { text, keyboard } => deps
                .api
                .send_text(chat.get(), &limits::fit_html(&text, limits::MESSAGE), keyboard.as_ref())
                .await
                .map(drop),
            Outgoing::SharedPhoto {
                file_id,
                caption,
                keyboard,
            } => {
                let caption = caption.map(|c| limits::fit_html(&c, limits::CAPTION));
                deps.api
                    .send_photo_id(chat.get(), &file_id, caption.as_deref(), keyboard.as_ref())
                    .await
                    .map(drop)
            }
            Outgoing::Photo { png, caption, keyboard } => {
                let caption = caption.map(|c| limits::fit_html(&c, limits::CAPTION));
                deps.api
                    .send_photo_bytes(chat.get(), png, caption.as_deref(), keyboard.as_ref())
                    .await
                    .map(drop)
            }
        };
        if let Err(e) = sent {
            tracing::warn!(%chat, error = %e, "cannot send a message");
            return;
        }
    }
}
