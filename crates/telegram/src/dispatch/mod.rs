//! The dispatcher: every update, from polling or the webhook, goes through
//! [`Dispatcher::dispatch`].
//!
//! - Updates of one chat run one at a time, in arrival order (a bounded queue and a worker
//!   task per chat); different chats run in parallel. Idle workers exit after a while.
//! - Updates with no chat (pre-checkout queries, which Telegram wants answered within
//!   10 s) run at once, outside any queue.
//! - Limits keep a flood from exhausting memory or the database: each chat's queue holds at
//!   most `queue_capacity` updates (the overflow is dropped and answered politely once, see
//!   [`OverflowAnswer`]), at most `max_chats` chats have a queue, at most `max_in_flight`
//!   updates run at once across all chats, and each update gets `update_deadline` before it
//!   is abandoned.
//! - Each `update_id` is claimed in the [`UpdateLog`] first, so an update Telegram sends
//!   again after a crash, or to a second instance, is handled once. Polling claims each
//!   `getUpdates` batch in one call ([`Dispatcher::dispatch_all`]).
//! - Each update runs in its own tracing span and its own task: a handler that panics
//!   loses that update only.

mod batch;
mod chat;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use frankenstein::updates::Update;
use kernel::Clock;
use telegram_state::{UpdateClaim, UpdateLog};
use tokio::sync::{Notify, Semaphore, mpsc};
use tracing::Instrument;

pub use chat::chat_of;

/// Handles one update (the bot's router implements this).
#[async_trait]
pub trait UpdateHandler: Send + Sync + 'static {
    /// Handles `update`; errors are the handler's to report.
    async fn handle(&self, update: Update);
}

/// Tells a user their update was dropped because their chat's queue is full (the bot
/// answers a tapped button with a short "please wait"). Called at most once per chat until
/// its queue empties again.
#[async_trait]
pub trait OverflowAnswer: Send + Sync + 'static {
    /// Answers the dropped `update` politely.
    async fn overflow(&self, update: Update);
}

/// Queue sizes, limits and timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DispatcherConfig {
    /// Updates waiting per chat before new ones are dropped (a flooding client).
    pub queue_capacity: usize,
    /// Chats that may have a queue at once; updates of further chats are dropped.
    pub max_chats: usize,
    /// Updates handled at once across all chats; the rest wait in their queues.
    pub max_in_flight: usize,
    /// Longest time one update may take; then it is abandoned (and logged).
    pub update_deadline: Duration,
    /// How long a chat's worker waits for more updates before exiting.
    pub idle_timeout: Duration,
    /// How long update ids are remembered (Telegram keeps updates for 24 hours).
    pub remember_updates: Duration,
}

impl Default for DispatcherConfig {
    fn default() -> Self {
        Self {
            queue_capacity: 32,
            max_chats: 10_000,
            max_in_flight: 64,
            update_deadline: Duration::from_secs(120),
            idle_timeout: Duration::from_secs(60),
            remember_updates: Duration::from_secs(48 * 3600),
        }
    }
}

/// What became of a dispatched update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dispatched {
    /// Queued behind earlier updates of its chat.
    Queued,
    /// Started at once (no chat).
    Started,
    /// Already handled (same `update_id`); skipped.
    Duplicate,
    /// The chat's queue is full, or too many chats are queued; dropped.
    Dropped,
    /// The dispatcher is shutting down; not taken.
    Closed,
}

struct Slot {
    generation: u64,
    /// Boxed: a bounded channel allocates room for a block of 32 entries when it is made, so
    /// each chat's queue holds 32 pointers instead of 32 whole updates (824 bytes each).
    tx: mpsc::Sender<Box<Update>>,
    pending: usize,
    /// The user was told about an overflow since the queue was last empty.
    told: bool,
}

struct Inner {
    handler: Arc<dyn UpdateHandler>,
    overflow: Option<Arc<dyn OverflowAnswer>>,
    in_flight: Arc<Semaphore>,
    log: Arc<dyn UpdateLog>,
    clock: Arc<dyn Clock>,
    config: DispatcherConfig,
    slots: Mutex<HashMap<i64, Slot>>,
    next_generation: AtomicUsize,
    accepting: AtomicBool,
    live: AtomicUsize,
    all_done: Notify,
    last_prune: Mutex<Option<time::OffsetDateTime>>,
}

/// Routes updates to per-chat queues. Cheap to clone.
#[derive(Clone)]
pub struct Dispatcher {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher")
            .field("config", &self.inner.config)
            .field("live", &self.inner.live.load(Ordering::SeqCst))
            .finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// A dispatcher handing updates to `handler`, remembering update ids in `log`.
    pub fn new(
        handler: Arc<dyn UpdateHandler>,
        log: Arc<dyn UpdateLog>,
        clock: Arc<dyn Clock>,
        config: DispatcherConfig,
    ) -> Self {
        Self::with_overflow(handler, None, log, clock, config)
    }

    /// Like [`Dispatcher::new`], with `overflow` answering updates dropped from a full queue.
    pub fn with_overflow(
        handler: Arc<dyn UpdateHandler>,
        overflow: Option<Arc<dyn OverflowAnswer>>,
        log: Arc<dyn UpdateLog>,
        clock: Arc<dyn Clock>,
        config: DispatcherConfig,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                handler,
                overflow,
                in_flight: Arc::new(Semaphore::new(config.max_in_flight.max(1))),
                log,
                clock,
                config,
                slots: Mutex::new(HashMap::new()),
                next_generation: AtomicUsize::new(0),
                accepting: AtomicBool::new(true),
                live: AtomicUsize::new(0),
                all_done: Notify::new(),
                last_prune: Mutex::new(None),
            }),
        }
    }

    /// Takes one update: claims its id, then queues it behind its chat's earlier updates
    /// (or starts it at once when it has no chat). Returns without waiting for handling.
    pub async fn dispatch(&self, update: Update) -> Dispatched {
        if !self.inner.accepting.load(Ordering::SeqCst) {
            return Dispatched::Closed;
        }
        let now = self.inner.clock.now();
        match self.inner.log.claim(i64::from(update.update_id), now).await {
            Ok(UpdateClaim::First) => {}
            Ok(UpdateClaim::Duplicate) => {
                tracing::info!(update_id = update.update_id, "update seen before; skipped");
                return Dispatched::Duplicate;
            }
            Err(e) => {
                tracing::warn!(update_id = update.update_id, error = %e, "cannot record the update id; handling it anyway");
            }
        }
        self.maybe_prune(now);
        self.admit(update).await
    }

    /// Queues a claimed update behind its chat's earlier ones, or starts it at once when it
    /// has no chat.
    async fn admit(&self, update: Update) -> Dispatched {
        let Some(chat) = chat_of(&update) else {
            let inner = Arc::clone(&self.inner);
            self.spawn_tracked(async move { inner.run_one(Box::new(update)).await });
            return Dispatched::Started;
        };
        self.enqueue(chat, update).await
    }

    async fn enqueue(&self, chat: i64, mut update: Update) -> Dispatched {
        for _ in 0..3 {
            let (generation, tx) = {
                let mut slots = lock(&self.inner.slots);
                if !slots.contains_key(&chat) && slots.len() >= self.inner.config.max_chats {
                    drop(slots);
                    tracing::warn!(chat, "too many chats queued; update dropped");
                    return Dispatched::Dropped;
                }
                let slot = slots.entry(chat).or_insert_with(|| self.start_worker(chat));
                slot.pending += 1;
                (slot.generation, slot.tx.clone())
            };
            match tx.try_send(Box::new(update)) {
                Ok(()) => return Dispatched::Queued,
                Err(mpsc::error::TrySendError::Full(dropped)) => {
                    let tell = self.settle_overflow(chat, generation);
                    tracing::warn!(chat, "chat queue full; update dropped");
                    if let (true, Some(answer)) = (tell, self.inner.overflow.clone()) {
                        self.spawn_tracked(async move { answer.overflow(*dropped).await });
                    }
                    return Dispatched::Dropped;
                }
                Err(mpsc::error::TrySendError::Closed(back)) => {
                    // The worker died (it never should); forget it and start another.
                    self.settle(chat, generation, true);
                    update = *back;
                }
            }
        }
        Dispatched::Dropped
    }

    fn start_worker(&self, chat: i64) -> Slot {
        let (tx, rx) = mpsc::channel(self.inner.config.queue_capacity.max(1));
        let generation = self.inner.next_generation.fetch_add(1, Ordering::SeqCst) as u64;
        let this = self.clone();
        self.spawn_tracked(async move { this.work(chat, generation, rx).await });
        Slot {
            generation,
            tx,
            pending: 0,
            told: false,
        }
    }

    async fn work(self, chat: i64, generation: u64, mut rx: mpsc::Receiver<Box<Update>>) {
        loop {
            match tokio::time::timeout(self.inner.config.idle_timeout, rx.recv()).await {
                Ok(Some(update)) => {
                    // Boxed: a worker waits for its chat's next update most of the time, and
                    // its task keeps room for the largest state it awaits in.
                    Box::pin(self.inner.run_one(update)).await;
                    self.settle(chat, generation, false);
                }
                Ok(None) => return,
                Err(_idle) => {
                    let mut slots = lock(&self.inner.slots);
                    let mine_and_empty = slots
                        .get(&chat)
                        .is_some_and(|s| s.generation == generation && s.pending == 0);
                    if mine_and_empty {
                        slots.remove(&chat);
                        return;
                    }
                    if slots.get(&chat).is_none_or(|s| s.generation != generation) && rx.is_empty() {
                        return;
                    }
                }
            }
        }
    }

    /// One update of `chat` is done (or was never queued); with `forget`, drops the slot.
    fn settle(&self, chat: i64, generation: u64, forget: bool) {
        let mut slots = lock(&self.inner.slots);
        if let Some(slot) = slots.get_mut(&chat).filter(|s| s.generation == generation) {
            slot.pending = slot.pending.saturating_sub(1);
            if slot.pending == 0 {
                slot.told = false;
            }
            if forget {
                slots.remove(&chat);
            }
        }
    }

    /// An update of `chat` was dropped from a full queue; returns whether the user should be
    /// told (the first overflow since the queue was last empty).
    fn settle_overflow(&self, chat: i64, generation: u64) -> bool {
        let mut slots = lock(&self.inner.slots);
        match slots.get_mut(&chat).filter(|s| s.generation == generation) {
            Some(slot) => {
                slot.pending = slot.pending.saturating_sub(1);
                !std::mem::replace(&mut slot.told, true)
            }
            None => false,
        }
    }

    /// Updates waiting or running in `chat`'s queue right now (0 when it has none).
    pub fn queued_in(&self, chat: i64) -> usize {
        lock(&self.inner.slots).get(&chat).map_or(0, |s| s.pending)
    }

    fn spawn_tracked(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.inner.live.fetch_add(1, Ordering::SeqCst);
        let inner = Arc::clone(&self.inner);
        tokio::spawn(async move {
            task.await;
            if inner.live.fetch_sub(1, Ordering::SeqCst) == 1 {
                inner.all_done.notify_waiters();
            }
        });
    }

    fn maybe_prune(&self, now: time::OffsetDateTime) {
        {
            let mut last = lock(&self.inner.last_prune);
            if last.is_some_and(|at| now - at < time::Duration::hours(1)) {
                return;
            }
            *last = Some(now);
        }
        let log = Arc::clone(&self.inner.log);
        let keep = time::Duration::try_from(self.inner.config.remember_updates).unwrap_or(time::Duration::days(2));
        tokio::spawn(async move {
            match log.prune(now - keep).await {
                Ok(n) if n > 0 => tracing::debug!(removed = n, "forgot old update ids"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "cannot prune old update ids"),
            }
        });
    }

    /// How many chats have a worker right now.
    pub fn active_chats(&self) -> usize {
        lock(&self.inner.slots).len()
    }

    /// Stops taking updates, lets every queued one finish, and waits up to `grace` for that.
    /// Returns whether everything finished in time.
    pub async fn shutdown(&self, grace: Duration) -> bool {
        self.inner.accepting.store(false, Ordering::SeqCst);
        lock(&self.inner.slots).clear();
        let wait = async {
            loop {
                let notified = self.inner.all_done.notified();
                if self.inner.live.load(Ordering::SeqCst) == 0 {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(grace, wait).await.is_ok()
    }
}

impl Inner {
    /// Runs one update in its own task and span once a global in-flight permit is free, so a
    /// panic loses only that update; abandons it after the deadline.
    async fn run_one(&self, update: Box<Update>) {
        let Ok(_permit) = Arc::clone(&self.in_flight).acquire_owned().await else {
            return;
        };
        let span = tracing::info_span!("update", update_id = update.update_id, chat = chat_of(&update));
        let update_id = update.update_id;
        let handler = Arc::clone(&self.handler);
        let mut task = tokio::spawn(async move { handler.handle(*update).await }.instrument(span));
        match tokio::time::timeout(self.config.update_deadline, &mut task).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(update_id, error = %e, "update handler crashed"),
            Err(_elapsed) => {
                task.abort();
                tracing::error!(update_id, "update handler ran past its deadline; abandoned");
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
