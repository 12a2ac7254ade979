//! A polled batch of updates, claimed in one call.

use frankenstein::updates::Update;
use std::sync::atomic::Ordering;
use telegram_state::UpdateClaim;

use super::{Dispatched, Dispatcher};

impl Dispatcher {
    /// Takes a batch of updates (one `getUpdates` answer) in their order: claims all their
    /// ids in ONE call of [`UpdateLog::claim_all`] (one transaction instead of one per
    /// update), then queues each first-seen update like [`Dispatcher::dispatch`] does.
    /// Returns what became of each, in the same order.
    pub async fn dispatch_all(&self, updates: Vec<Update>) -> Vec<Dispatched> {
        if updates.is_empty() {
            return Vec::new();
        }
        if !self.inner.accepting.load(Ordering::SeqCst) {
            return vec![Dispatched::Closed; updates.len()];
        }
        let now = self.inner.clock.now();
        let ids: Vec<i64> = updates.iter().map(|u| i64::from(u.update_id)).collect();
        let claims = match self.inner.log.claim_all(&ids, now).await {
            Ok(claims) if claims.len() == ids.len() => claims,
            Ok(claims) => {
                tracing::warn!(
                    asked = ids.len(),
                    got = claims.len(),
                    "update log answered a batch partly; handling it anyway"
                );
                vec![UpdateClaim::First; ids.len()]
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot record the update ids; handling them anyway");
                vec![UpdateClaim::First; ids.len()]
            }
        };
        self.maybe_prune(now);
        let mut outcomes = Vec::with_capacity(updates.len());
        for (update, claim) in updates.into_iter().zip(claims) {
            outcomes.push(match claim {
                UpdateClaim::First => self.admit(update).await,
                UpdateClaim::Duplicate => {
                    tracing::info!(update_id = update.update_id, "update seen before; skipped");
                    Dispatched::Duplicate
                }
            });
        }
        outcomes
    }
}
