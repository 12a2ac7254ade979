//! Told once: an order's outcome shown on the screen where the buyer paid is not sent again
//! as a notice.

use std::sync::Arc;

use kernel::{Clock, OrderId, UserId};

use crate::{NotifyError, OutboxRepo};

/// Settles the outbox notices a screen has just shown in the chat.
#[derive(Clone)]
pub struct ShownInline {
    repo: Arc<dyn OutboxRepo>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for ShownInline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShownInline").finish_non_exhaustive()
    }
}

impl ShownInline {
    /// Settles through `repo`.
    pub fn new(repo: Arc<dyn OutboxRepo>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, clock }
    }

    /// The buyer `user` was shown the outcome of `order` (delivered or refunded) where they
    /// paid: its notice, held back for [`crate::INLINE_GRACE`], is settled instead of sent.
    /// Returns how many notices were settled.
    pub async fn order_outcome(&self, user: UserId, order: OrderId) -> Result<u64, NotifyError> {
        Ok(self.repo.settle_shown_inline(user, order, self.clock.now()).await?)
    }
}

#[cfg(test)]
mod tests {
    use kernel::FixedClock;
    use mockall::predicate::eq;
    use time::macros::datetime;

    use super::*;
    use crate::MockOutboxRepo;

    #[tokio::test]
    async fn the_outcome_shown_inline_is_settled_for_that_buyer_and_order() {
        let at = datetime!(2026-12-06 5:00 UTC);
        let mut repo = MockOutboxRepo::new();
        repo.expect_settle_shown_inline()
            .with(eq(UserId::new(4)), eq(OrderId::new(8)), eq(at))
            .times(1)
            .returning(|_, _, _| Ok(1));
        let shown = ShownInline::new(Arc::new(repo), Arc::new(FixedClock::new(at)));
        assert_eq!(shown.order_outcome(UserId::new(4), OrderId::new(8)).await.unwrap(), 1);
    }
}
