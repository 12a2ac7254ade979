//! The card receipts' jobs: expiry (the review posts edited to show it when the bot runs)
//! and the continuation of purchases an approval left unpaid. The rules are in the receipts
//! use cases and the bot's `topup::upkeep`; these only schedule them.

use std::sync::Arc;
use std::time::Duration;

use receipts::ReceiptService;
use telegram::Bot;

use super::{Every, JobReport, every};

/// Receipts expired per tick at most.
pub const EXPIRY_BATCH: u64 = 200;

/// Approvals looked at per receipt-orders tick at most.
pub const ORDERS_BATCH: u64 = 100;

/// How many receipts one expiry run expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptsExpired(pub usize);

impl JobReport for ReceiptsExpired {
    fn summary(&self) -> String {
        match self.0 {
            0 => String::new(),
            n => format!("{n} receipt(s) expired"),
        }
    }
}

/// `receipt-expiry`, every minute: expires card-to-card receipts nobody decided on in time;
/// with `bot`, also edits every expired receipt's review posts.
pub fn receipt_expiry(receipts: Arc<ReceiptService>, bot: Option<Bot>) -> Every<ReceiptsExpired> {
    every("receipt-expiry", Duration::from_secs(60), move || {
        let (receipts, bot) = (receipts.clone(), bot.clone());
        async move {
            let expired = match &bot {
                Some(bot) => telegram::bot::topup::upkeep::expire_due(bot.deps(), EXPIRY_BATCH).await?,
                None => receipts.expire_due(EXPIRY_BATCH).await?,
            };
            Ok(ReceiptsExpired(expired.len()))
        }
    })
}

/// How many purchases paid by card one run continued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrdersContinued(pub usize);

impl JobReport for OrdersContinued {
    fn summary(&self) -> String {
        match self.0 {
            0 => String::new(),
            n => format!("{n} purchase(s) paid by card continued"),
        }
    }
}

/// `receipt-orders`, every minute: pays and delivers the orders whose card receipt was
/// approved but whose purchase did not go on (the process stopped between the credit and the
/// payment); the buyer is shown the delivery in their chat through `bot`.
pub fn receipt_orders(bot: Bot) -> Every<OrdersContinued> {
    every("receipt-orders", Duration::from_secs(60), move || {
        let bot = bot.clone();
        async move {
            let continued = telegram::bot::topup::upkeep::continue_orders(bot.deps(), ORDERS_BATCH).await?;
            Ok(OrdersContinued(continued))
        }
    })
}
