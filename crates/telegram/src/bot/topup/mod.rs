//! Topping up the wallet: the amount (a preset or typed, within the receipts' bounds), the
//! payment methods for it, and card-to-card — the card to transfer into with the exact
//! unique amount, the payer's proof, and the review by admins in the card's channel and the
//! central audit channel.
//!
//! - [`amount`]: presets, the typed amount, the method picker (one button per method).
//! - [`request`]: opening a card-to-card request and showing the card; cancelling it.
//! - [`proof`]: the photo and/or text the payer sends, stored and posted for review.
//! - [`review`]: the channel posts and the Approve / Reject buttons under them.
//! - [`order`]: paying a pending order's exact price by card; the purchase continues once
//!   the receipt is approved.
//! - [`overrule`]: a superadmin's override and unflag from a receipt's post.
//! - [`sms`]: an admin's bank SMS matched against the open requests.
//! - [`upkeep`]: what the jobs run: expiry (with the posts edited) and the continuation of
//!   purchases an approval left unpaid.

pub mod amount;
pub mod order;
pub mod overrule;
pub mod proof;
pub mod request;
pub mod review;
pub mod sms;
pub mod upkeep;

use kernel::Money;

use super::{BotError, Ctx, Reply};
use crate::callback::CardAction;

/// Top-up settings from the config (`[receipts]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopUpSettings {
    /// The amounts offered as buttons (`receipts.presets`).
    pub presets: Vec<Money>,
    /// The channel every receipt is also posted to (`receipts.audit_channel`).
    pub audit_channel: Option<i64>,
}

/// Picks the screen for a top-up or receipt button.
pub async fn tap(ctx: &Ctx<'_>, action: CardAction) -> Result<Reply, BotError> {
    match action {
        CardAction::Amount(minor) => Ok(amount::preset(ctx, minor)),
        CardAction::Open(minor) => request::open(ctx, minor).await,
        CardAction::Cancel(receipt) => request::cancel(ctx, receipt).await,
        CardAction::Approve(receipt) => review::approve(ctx, receipt).await,
        CardAction::Reject(receipt) => review::reasons(ctx, receipt).await,
        CardAction::RejectWith(receipt, n) => review::reject(ctx, receipt, n).await,
        CardAction::Review(receipt) => review::again(ctx, receipt).await,
        CardAction::PayOrder(order) => order::open(ctx, order).await,
        CardAction::AskReason(receipt) => review::ask_privately(ctx, receipt, false).await,
        CardAction::AskAmount(receipt) => review::ask_privately(ctx, receipt, true).await,
        CardAction::SmsAsk => sms::ask(ctx).await,
        CardAction::Overrule(receipt) => overrule::ask_override(ctx, receipt).await,
        CardAction::OverruleConfirmed(receipt) => overrule::overrule(ctx, receipt).await,
        CardAction::Unflag(receipt) => overrule::ask_unflag(ctx, receipt).await,
        CardAction::UnflagConfirmed(receipt) => overrule::unflag(ctx, receipt).await,
    }
}

/// Plain ASCII digits of an amount (what a banking app accepts when pasted), with the
/// currency's decimals if it has any.
pub(crate) fn plain_digits(amount: Money, exponent: u8) -> String {
    let minor = amount.minor();
    if exponent == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(u32::from(exponent));
    format!(
        "{}.{:0width$}",
        minor / scale,
        minor % scale,
        width = usize::from(exponent)
    )
}

#[cfg(test)]
mod tests {
    use kernel::Currency;
    use members::Language;
    use receipts::ReceiptStatus;

    use super::*;
    use crate::i18n::I18n;

    /// The files of the top-up screens.
    const SOURCES: [(&str, &str); 9] = [
        ("mod.rs", include_str!("mod.rs")),
        ("amount.rs", include_str!("amount.rs")),
        ("request.rs", include_str!("request.rs")),
        ("proof.rs", include_str!("proof.rs")),
        ("review.rs", include_str!("review.rs")),
        ("order.rs", include_str!("order.rs")),
        ("upkeep.rs", include_str!("upkeep.rs")),
        ("overrule.rs", include_str!("overrule.rs")),
        ("sms.rs", include_str!("sms.rs")),
    ];

    #[test]
    fn every_catalog_key_the_top_up_screens_name_exists_in_every_language() {
        let i18n = I18n::new(Currency::from_code("IRT").unwrap()).unwrap();
        let mut keys: Vec<String> = SOURCES
            .iter()
            .flat_map(|(_, source)| source.split('"').skip(1).step_by(2))
            .filter(|s| {
                s.contains('-')
                    && s.starts_with(|c: char| c.is_ascii_lowercase())
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .map(str::to_owned)
            .collect();
        keys.extend(ReceiptStatus::ALL.iter().map(|s| format!("card-already-{s}")));
        keys.extend((0..crate::callback::REJECT_PRESETS).map(|n| format!("reject-reason-{n}")));
        keys.push("notice-receipt-balance".to_owned());
        assert!(keys.len() > 40, "only {} keys found; is the scan broken?", keys.len());
        for lang in Language::ALL {
            for key in &keys {
                assert!(i18n.has(*lang, key), "{lang:?} has no {key:?}");
            }
        }
    }

    #[test]
    fn amounts_are_copied_as_plain_digits() {
        assert_eq!(plain_digits(Money::from_minor(500_037).unwrap(), 0), "500037");
        assert_eq!(plain_digits(Money::from_minor(123_405).unwrap(), 2), "1234.05");
    }
}
