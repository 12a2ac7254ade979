//! Per-chat order, cross-chat parallelism, duplicates, panics and shutdown.

use std::sync::Mutex as StdMutex;
use std::sync::atomic::AtomicUsize;

use kernel::SystemClock;

use super::*;
use crate::testing::{MemoryUpdateLog, text_update_json, update};

#[derive(Default)]
struct Recorder {
    seen: StdMutex<Vec<(i64, String)>>,
    running: AtomicUsize,
    max_running: AtomicUsize,
}

#[async_trait]
impl UpdateHandler for Recorder {
    async fn handle(&self, update: Update) {
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_running.fetch_max(now, Ordering::SeqCst);
        let chat = chat_of(&update).unwrap_or_default();
        let text = match &update.content {
            frankenstein::updates::UpdateContent::Message(m) => m.text.clone().unwrap_or_default(),
            _ => String::new(),
        };
        if text == "panic" {
            self.running.fetch_sub(1, Ordering::SeqCst);
            panic!("handler bug");
        }
        // Later updates of a chat finish faster: any reordering would show.
        let n: u64 = text.parse().unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(30u64.saturating_sub(n * 3))).await;
        self.seen.lock().unwrap().push((chat, text));
        self.running.fetch_sub(1, Ordering::SeqCst);
    }
}

fn dispatcher(handler: Arc<Recorder>) -> Dispatcher {
    Dispatcher::new(
        handler,
        Arc::new(MemoryUpdateLog::default()),
        Arc::new(SystemClock),
        DispatcherConfig {
            queue_capacity: 16,
            idle_timeout: Duration::from_millis(200),
            ..DispatcherConfig::default()
        },
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_chats_updates_run_in_order_while_chats_run_in_parallel() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    let mut id = 0;
    for n in 0..8 {
        for chat in [11, 22, 33, 44] {
            id += 1;
            let got = dispatcher
                .dispatch(update(text_update_json(id, chat, &n.to_string())))
                .await;
            assert_eq!(got, Dispatched::Queued);
        }
    }
    assert!(dispatcher.shutdown(Duration::from_secs(10)).await);
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 32);
    for chat in [11, 22, 33, 44] {
        let order: Vec<String> = seen
            .iter()
            .filter(|(c, _)| *c == chat)
            .map(|(_, t)| t.clone())
            .collect();
        assert_eq!(order, (0..8).map(|n| n.to_string()).collect::<Vec<_>>(), "chat {chat}");
    }
    assert!(
        recorder.max_running.load(Ordering::SeqCst) > 1,
        "chats should run in parallel"
    );
}

#[tokio::test]
async fn a_redelivered_update_is_handled_once() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    assert_eq!(
        dispatcher.dispatch(update(text_update_json(7, 1, "1"))).await,
        Dispatched::Queued
    );
    assert_eq!(
        dispatcher.dispatch(update(text_update_json(7, 1, "1"))).await,
        Dispatched::Duplicate
    );
    dispatcher.shutdown(Duration::from_secs(5)).await;
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_crashing_handler_loses_only_its_update() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    dispatcher.dispatch(update(text_update_json(1, 5, "panic"))).await;
    dispatcher.dispatch(update(text_update_json(2, 5, "2"))).await;
    assert!(dispatcher.shutdown(Duration::from_secs(5)).await);
    assert_eq!(recorder.seen.lock().unwrap().as_slice(), &[(5, "2".to_owned())]);
}

#[tokio::test]
async fn idle_chat_workers_go_away_and_come_back_when_needed() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    dispatcher.dispatch(update(text_update_json(1, 9, "9"))).await;
    assert_eq!(dispatcher.active_chats(), 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(dispatcher.active_chats(), 0);
    dispatcher.dispatch(update(text_update_json(2, 9, "9"))).await;
    assert!(dispatcher.shutdown(Duration::from_secs(5)).await);
    assert_eq!(recorder.seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_flooding_chat_has_its_excess_dropped() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = Dispatcher::new(
        Arc::clone(&recorder) as Arc<dyn UpdateHandler>,
        Arc::new(MemoryUpdateLog::default()),
        Arc::new(SystemClock),
        DispatcherConfig {
            queue_capacity: 2,
            ..DispatcherConfig::default()
        },
    );
    let mut outcomes = Vec::new();
    for id in 1..=10 {
        outcomes.push(dispatcher.dispatch(update(text_update_json(id, 3, "0"))).await);
    }
    assert!(outcomes.contains(&Dispatched::Dropped));
    assert!(dispatcher.shutdown(Duration::from_secs(5)).await);
}

#[tokio::test]
async fn after_shutdown_nothing_is_taken() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    assert!(dispatcher.shutdown(Duration::from_secs(1)).await);
    assert_eq!(
        dispatcher.dispatch(update(text_update_json(1, 1, "1"))).await,
        Dispatched::Closed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_polled_batch_is_claimed_at_once_handled_once_and_in_order() {
    let recorder = Arc::new(Recorder::default());
    let dispatcher = dispatcher(Arc::clone(&recorder));
    let batch = |ids: std::ops::RangeInclusive<i64>| {
        ids.map(|id| update(text_update_json(id, 4 + id % 2, &id.to_string())))
            .collect::<Vec<_>>()
    };
    let first = dispatcher.dispatch_all(batch(1..=6)).await;
    assert_eq!(first, vec![Dispatched::Queued; 6]);
    // Telegram sends 5 and 6 again (the offset was not confirmed) together with new ones.
    let again = dispatcher.dispatch_all(batch(5..=8)).await;
    assert_eq!(
        again,
        [
            Dispatched::Duplicate,
            Dispatched::Duplicate,
            Dispatched::Queued,
            Dispatched::Queued
        ]
    );
    assert!(dispatcher.shutdown(Duration::from_secs(10)).await);
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 8, "every update once: {seen:?}");
    for chat in [4, 5] {
        let order: Vec<i64> = seen
            .iter()
            .filter(|(c, _)| *c == chat)
            .map(|(_, t)| t.parse().unwrap())
            .collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted, "chat {chat} in arrival order");
    }
    assert_eq!(dispatcher.dispatch_all(Vec::new()).await, Vec::new());
}

#[test]
fn a_waiting_chat_worker_is_small() {
    // Every chat that wrote in the last minute keeps a worker; with 10,000 such chats a
    // kilobyte each is 10 MB. The running update's state is boxed only while it runs.
    let dispatcher = dispatcher(Arc::new(Recorder::default()));
    let (_tx, rx) = mpsc::channel::<Box<Update>>(1);
    let worker = dispatcher.work(1, 0, rx);
    assert!(
        std::mem::size_of_val(&worker) <= 512,
        "a chat worker's task takes {} bytes while it waits",
        std::mem::size_of_val(&worker)
    );
}
