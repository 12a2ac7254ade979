//! The card receipts' jobs: expiry (the review posts edited to show it when the bot runs)
//! and the continuation of purchases an approval left unpaid. The rules are in the receipts
//! use cases and the bot's `topup::upkeep`; these only schedule them.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use receipts::ReceiptService;
use telegram::Bot;

use super::Job;

/// Expires card-to-card receipts nobody decided on in time.
pub struct ReceiptExpiryJob {
    receipts: Arc<ReceiptService>,
    bot: Option<Bot>,
}

impl ReceiptExpiryJob {
    /// Receipts expired per tick at most.
    pub const BATCH: u64 = 200;

    /// The job over `receipts` (the review posts are left as they are).
    pub fn new(receipts: Arc<ReceiptService>) -> Self {
        Self { receipts, bot: None }
    }

    /// Also edits every expired receipt's review posts through `bot`.
    #[must_use]
    pub fn with_bot(mut self, bot: Bot) -> Self {
        self.bot = Some(bot);
        self
    }
}

#[async_trait]
impl Job for ReceiptExpiryJob {
    fn name(&self) -> &'static str {
        "receipt-expiry"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let expired = match &self.bot {
            Some(bot) => telegram::bot::topup::upkeep::expire_due(bot.deps(), Self::BATCH).await?,
            None => self.receipts.expire_due(Self::BATCH).await?,
        };
        Ok(if expired.is_empty() {
            String::new()
        } else {
            format!("{} receipt(s) expired", expired.len())
        })
    }
}

/// Pays and delivers the orders whose card receipt was approved but whose purchase did not
/// go on (the process stopped between the credit and the payment).
pub struct ReceiptOrderJob {
    bot: Bot,
}

impl ReceiptOrderJob {
    /// Approvals looked at per tick at most.
    pub const BATCH: u64 = 100;

    /// The job over `bot` (the buyer is shown the delivery in their chat).
    pub fn new(bot: Bot) -> Self {
        Self { bot }
    }
}

#[async_trait]
impl Job for ReceiptOrderJob {
    fn name(&self) -> &'static str {
        "receipt-orders"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let continued = telegram::bot::topup::upkeep::continue_orders(self.bot.deps(), Self::BATCH).await?;
        Ok(if continued == 0 {
            String::new()
        } else {
            format!("{continued} purchase(s) paid by card continued")
        })
    }
}
