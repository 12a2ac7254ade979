//! Notices about payments through providers: a payment that failed or expired (with a
//! button that starts the same payment again and one back to the payment methods), a
//! payment whose order could no longer be paid (the money stays in the wallet), and the
//! admins' summary of a reconciliation run. Texts live in `locales/*/payments.ftl`.

use kernel::{Money, OrderId};
use members::Language;
use notify::Notice;
use payments::Provider;
use telegram_state::ChatKey;

use crate::callback::{Action, CallbackCodec, GatewayAction};
use crate::i18n::{Args, I18n};
use crate::keyboard::{Button, ButtonKind, Keyboard};
use crate::limits;

/// The text of a payment notice in `lang`; `None` for other notices.
pub fn render(i18n: &I18n, lang: Language, notice: &Notice) -> Option<String> {
    Some(match notice {
        Notice::PaymentFailed {
            payment,
            provider,
            amount,
            expired,
            ..
        } => {
            let key = if *expired {
                "notice-payment-expired"
            } else {
                "notice-payment-failed"
            };
            let args = Args::new()
                .id("payment", *payment)
                .money("amount", *amount)
                .text("provider", provider_name(i18n, lang, provider));
            i18n.t_args(lang, key, &args)
        }
        Notice::PaymentOrderNotPaid {
            order,
            tracking,
            amount,
        } => {
            let args = Args::new().money("amount", *amount);
            match tracking {
                Some(code) => i18n.t_args(
                    lang,
                    "notice-payment-order-not-paid-code",
                    &args.text("tracking", code.as_str()),
                ),
                None => i18n.t_args(lang, "notice-payment-order-not-paid", &args.id("order", order.get())),
            }
        }
        Notice::PaymentsReconciled {
            settled,
            failed,
            expired,
            unreachable,
        } => i18n.t_args(
            lang,
            "notice-payments-reconciled",
            &Args::new()
                .number("settled", i64::from(*settled))
                .number("failed", i64::from(*failed))
                .number("expired", i64::from(*expired))
                .number("unreachable", i64::from(*unreachable)),
        ),
        _ => return None,
    })
}

/// A provider's name as users know it; the stored name if it is not one we know.
fn provider_name(i18n: &I18n, lang: Language, provider: &str) -> String {
    match Provider::parse(provider) {
        Some(p) => i18n.t(lang, &format!("provider-{p}")),
        None => provider.to_owned(),
    }
}

/// The buttons under a payment notice for the user in `chat`: "Try again" (the same amount
/// through the same provider) and "Other payment methods" under a failed payment; "Plans"
/// and "Wallet" under an order that could not be paid; "Payments" for admins.
pub fn keyboard(codec: &CallbackCodec, i18n: &I18n, lang: Language, chat: i64, notice: &Notice) -> Option<Keyboard> {
    let button = |key: &str, action: Action| -> Option<Button> {
        let data = codec.encode(ChatKey::new(chat), &action).ok()?;
        Some(Button {
            text: limits::fit(&i18n.t(lang, key), limits::BUTTON),
            kind: ButtonKind::Callback(data),
        })
    };
    match notice {
        Notice::PaymentFailed {
            provider,
            amount,
            order,
            ..
        } => {
            let provider = Provider::parse(provider)?;
            let (retry, methods) = retry_actions(provider, *amount, *order);
            Some(
                Keyboard::new()
                    .row([button("btn-pay-retry", retry)?])
                    .row([button("btn-pay-other-method", methods)?]),
            )
        }
        Notice::PaymentOrderNotPaid { .. } => Some(Keyboard::new().row([
            button("btn-plans", Action::Plans)?,
            button("btn-wallet", Action::Wallet)?,
        ])),
        Notice::PaymentsReconciled { .. } => Some(Keyboard::new().row([button(
            "admin-btn-payments",
            Action::Gateway(GatewayAction::Payments(None)),
        )?])),
        _ => None,
    }
}

/// The same payment again, and the way back to the payment methods: the order's confirmation
/// (whose "Pay" offers every method for what is still missing; nothing moves before it) or
/// the wallet's top-up.
fn retry_actions(provider: Provider, amount: Money, order: Option<OrderId>) -> (Action, Action) {
    match order {
        Some(order) => (
            Action::Gateway(GatewayAction::ForOrder(provider, order)),
            Action::Order(order),
        ),
        None => (
            Action::Gateway(GatewayAction::TopUp(provider, amount.minor())),
            Action::TopUp,
        ),
    }
}
