//! Wrappers that count what flows through them: outbox deliveries and handled updates.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use frankenstein::updates::Update;
use notify::{DeliveryOutcome, Notifier, OutboxEntry};
use telegram::UpdateHandler;

use super::Metrics;

/// Wraps the outbox's notifier so every delivery attempt is counted by outcome.
pub struct CountingNotifier {
    inner: Arc<dyn Notifier>,
    metrics: Arc<Metrics>,
}

impl CountingNotifier {
    /// Counts what `inner` delivers into `metrics`.
    pub fn new(inner: Arc<dyn Notifier>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

#[async_trait]
impl Notifier for CountingNotifier {
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
        let outcome = self.inner.deliver(entry).await;
        self.metrics.record_delivery(&outcome);
        outcome
    }
}

/// Wraps the bot so every handled update is counted and timed.
pub struct CountingHandler {
    inner: Arc<dyn UpdateHandler>,
    metrics: Arc<Metrics>,
}

impl CountingHandler {
    /// Counts what `inner` handles into `metrics`.
    pub fn new(inner: Arc<dyn UpdateHandler>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

#[async_trait]
impl UpdateHandler for CountingHandler {
    async fn handle(&self, update: Update) {
        let started = Instant::now();
        self.inner.handle(update).await;
        self.metrics.record_update(started.elapsed());
    }
}
