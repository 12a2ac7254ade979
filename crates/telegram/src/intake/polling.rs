//! Long polling: `deleteWebhook`, then `getUpdates` with `offset` and `allowed_updates`
//! until shutdown.

use std::future::Future;
use std::time::Duration;

use crate::api::{ApiError, BotApi, POLL_TIMEOUT};
use crate::dispatch::Dispatcher;

use super::decode;

/// Why polling stopped for good.
#[derive(Debug, thiserror::Error)]
pub enum PollingError {
    /// Telegram refused the token: nothing will work until the config is fixed.
    #[error("Telegram refused the bot token; check telegram.token")]
    Unauthorized,
}

/// Longest pause between failed polls.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Polls until `shutdown` completes, then lets queued updates finish (up to `grace`).
///
/// Network trouble and 409 conflicts (another poller, or a webhook someone set) are logged
/// and retried with growing pauses. Updates that cannot be decoded are skipped, and the
/// offset still moves past them.
pub async fn run_polling(
    api: &BotApi,
    dispatcher: &Dispatcher,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> Result<(), PollingError> {
    tokio::pin!(shutdown);
    let mut backoff = Duration::from_secs(1);
    loop {
        tokio::select! {
            () = &mut shutdown => {
                dispatcher.shutdown(grace).await;
                return Ok(());
            }
            result = api.delete_webhook() => match result {
                Ok(()) => break,
                Err(ApiError::Unauthorized) => return Err(PollingError::Unauthorized),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot remove the webhook before polling; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    }
    tracing::info!("polling Telegram for updates");
    let mut offset: Option<i64> = None;
    backoff = Duration::from_secs(1);
    loop {
        let poll = tokio::select! {
            () = &mut shutdown => break,
            poll = api.get_updates(offset, POLL_TIMEOUT) => poll,
        };
        match poll {
            Ok(batch) => {
                backoff = Duration::from_secs(1);
                let mut updates = Vec::with_capacity(batch.len());
                for raw in batch {
                    match decode(raw) {
                        Ok(update) => {
                            offset = Some(offset.unwrap_or(0).max(i64::from(update.update_id) + 1));
                            updates.push(update);
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "skipping an update this bot cannot read");
                            if let Some(id) = e.update_id() {
                                offset = Some(offset.unwrap_or(0).max(id + 1));
                            }
                        }
                    }
                }
                // The whole batch is claimed in one call, then queued in its order.
                dispatcher.dispatch_all(updates).await;
            }
            Err(ApiError::Unauthorized) => {
                dispatcher.shutdown(grace).await;
                return Err(PollingError::Unauthorized);
            }
            Err(e) => {
                tracing::warn!(error = %e, wait_secs = backoff.as_secs(), "polling failed; retrying");
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
    if let Some(offset) = offset {
        // Confirm what was taken, so a restart does not receive it again (the update log
        // would skip it anyway).
        if let Err(e) = api.get_updates(Some(offset), Duration::ZERO).await {
            tracing::debug!(error = %e, "could not confirm the last updates before stopping");
        }
    }
    dispatcher.shutdown(grace).await;
    tracing::info!("polling stopped");
    Ok(())
}
