//! Running one future per panel at the same time, without tying the domain to a runtime.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// Runs every future concurrently on the caller's task and returns their outputs in input
/// order (like `futures::future::join_all`, which the domain crates do not depend on).
pub(super) async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut running: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = running.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut pending = false;
        for (future, slot) in running.iter_mut().zip(done.iter_mut()) {
            if slot.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(out) => *slot = Some(out),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(done.drain(..).flatten().collect())
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn outputs_come_back_in_input_order() {
        let out = join_all((1..=3).map(std::future::ready).collect()).await;
        assert_eq!(out, vec![1, 2, 3]);
        assert!(join_all(Vec::<std::future::Ready<()>>::new()).await.is_empty());
    }

    #[tokio::test]
    async fn futures_run_at_the_same_time_not_one_after_another() {
        // Each future waits for all the others: run one after another they would never end.
        let barrier = tokio::sync::Barrier::new(5);
        let waits = (0..5).map(|_| barrier.wait()).collect();
        let all = tokio::time::timeout(Duration::from_secs(5), join_all(waits)).await;
        assert_eq!(all.expect("the futures ran concurrently").len(), 5);
    }
}
