//! The dispatcher's limits: the per-chat queue bound under a flood, the polite overflow
//! answer, the cap on chats, the global in-flight cap and the per-update deadline.

use std::sync::atomic::AtomicUsize;

use kernel::SystemClock;
use tokio::sync::Notify;

use super::*;
use crate::testing::{MemoryUpdateLog, text_update_json, update};

/// Blocks every update until released; counts what it handled and how many ran at once.
#[derive(Default)]
struct Gate {
    release: Notify,
    open: AtomicBool,
    handled: AtomicUsize,
    running: AtomicUsize,
    max_running: AtomicUsize,
}

#[async_trait]
impl UpdateHandler for Gate {
    async fn handle(&self, _update: Update) {
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_running.fetch_max(now, Ordering::SeqCst);
        while !self.open.load(Ordering::SeqCst) {
            let released = self.release.notified();
            if self.open.load(Ordering::SeqCst) {
                break;
            }
            released.await;
        }
        self.running.fetch_sub(1, Ordering::SeqCst);
        self.handled.fetch_add(1, Ordering::SeqCst);
    }
}

impl Gate {
    fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.release.notify_waiters();
    }
}

#[derive(Default)]
struct Told(AtomicUsize);

#[async_trait]
impl OverflowAnswer for Told {
    async fn overflow(&self, _update: Update) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn gated(gate: &Arc<Gate>, told: &Arc<Told>, config: DispatcherConfig) -> Dispatcher {
    Dispatcher::with_overflow(
        Arc::clone(gate) as Arc<dyn UpdateHandler>,
        Some(Arc::clone(told) as Arc<dyn OverflowAnswer>),
        Arc::new(MemoryUpdateLog::default()),
        Arc::new(SystemClock),
        config,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_updates_from_one_chat_stay_within_the_queue_bound() {
    let gate = Arc::new(Gate::default());
    let told = Arc::new(Told::default());
    let capacity = 16;
    let dispatcher = gated(
        &gate,
        &told,
        DispatcherConfig {
            queue_capacity: capacity,
            ..DispatcherConfig::default()
        },
    );
    let mut queued = 0;
    let mut dropped = 0;
    for id in 1..=10_000 {
        match dispatcher.dispatch(update(text_update_json(id, 77, "flood"))).await {
            Dispatched::Queued => queued += 1,
            Dispatched::Dropped => dropped += 1,
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            dispatcher.queued_in(77) <= capacity + 1,
            "queue grew to {}",
            dispatcher.queued_in(77)
        );
    }
    // The worker holds at most one update (the one running) besides the full queue.
    assert!(queued <= capacity + 1, "{queued} queued");
    assert_eq!(queued + dropped, 10_000);
    assert_eq!(dispatcher.active_chats(), 1);
    gate.open();
    assert!(dispatcher.shutdown(Duration::from_secs(10)).await);
    assert_eq!(gate.handled.load(Ordering::SeqCst), queued);
    assert_eq!(
        told.0.load(Ordering::SeqCst),
        1,
        "the flooder is told once, not 9,983 times"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overflow_answer_comes_again_after_the_queue_drained() {
    let gate = Arc::new(Gate::default());
    let told = Arc::new(Told::default());
    let config = DispatcherConfig {
        queue_capacity: 1,
        ..DispatcherConfig::default()
    };
    let dispatcher = gated(&gate, &told, config);
    for id in 1..=5 {
        dispatcher.dispatch(update(text_update_json(id, 5, "x"))).await;
    }
    gate.open();
    while dispatcher.queued_in(5) > 0 {
        tokio::task::yield_now().await;
    }
    gate.open.store(false, Ordering::SeqCst);
    for id in 6..=10 {
        dispatcher.dispatch(update(text_update_json(id, 5, "x"))).await;
    }
    gate.open();
    assert!(dispatcher.shutdown(Duration::from_secs(10)).await);
    assert_eq!(told.0.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_more_chats_than_the_cap_get_a_queue_and_no_more_updates_than_the_cap_run() {
    let gate = Arc::new(Gate::default());
    let told = Arc::new(Told::default());
    let dispatcher = gated(
        &gate,
        &told,
        DispatcherConfig {
            max_chats: 50,
            max_in_flight: 4,
            ..DispatcherConfig::default()
        },
    );
    let mut outcomes = Vec::new();
    for chat in 1..=60 {
        outcomes.push(dispatcher.dispatch(update(text_update_json(chat, chat, "x"))).await);
    }
    assert_eq!(outcomes.iter().filter(|o| **o == Dispatched::Queued).count(), 50);
    assert_eq!(outcomes.iter().filter(|o| **o == Dispatched::Dropped).count(), 10);
    assert!(dispatcher.active_chats() <= 50);
    gate.open();
    assert!(dispatcher.shutdown(Duration::from_secs(10)).await);
    assert_eq!(gate.handled.load(Ordering::SeqCst), 50);
    let most = gate.max_running.load(Ordering::SeqCst);
    assert!((1..=4).contains(&most), "{most} ran at once");
}

/// Never finishes the update whose text is `hang`.
struct Hangs(StdMutex<Vec<String>>);

#[async_trait]
impl UpdateHandler for Hangs {
    async fn handle(&self, update: Update) {
        let text = match &update.content {
            frankenstein::updates::UpdateContent::Message(m) => m.text.clone().unwrap_or_default(),
            _ => String::new(),
        };
        if text == "hang" {
            std::future::pending::<()>().await;
        }
        self.0.lock().unwrap().push(text);
    }
}

use std::sync::Mutex as StdMutex;

#[tokio::test(start_paused = true)]
async fn an_update_past_its_deadline_is_abandoned_and_the_chat_moves_on() {
    let handler = Arc::new(Hangs(StdMutex::new(Vec::new())));
    let dispatcher = Dispatcher::new(
        Arc::clone(&handler) as Arc<dyn UpdateHandler>,
        Arc::new(MemoryUpdateLog::default()),
        Arc::new(SystemClock),
        DispatcherConfig {
            update_deadline: Duration::from_secs(30),
            ..DispatcherConfig::default()
        },
    );
    dispatcher.dispatch(update(text_update_json(1, 8, "hang"))).await;
    dispatcher.dispatch(update(text_update_json(2, 8, "after"))).await;
    assert!(dispatcher.shutdown(Duration::from_secs(300)).await);
    assert_eq!(handler.0.lock().unwrap().as_slice(), ["after".to_owned()]);
}
