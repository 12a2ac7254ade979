//! Keeping the intake going for the life of `moonvpn run`: long polling in its own task until
//! shutdown, and the webhook registration retried until Telegram accepts it.

use std::future::Future;
use std::time::Duration;

use tokio::sync::oneshot;

use super::{PollingError, WebhookSecret, register_webhook, run_polling};
use crate::api::BotApi;
use crate::dispatch::Dispatcher;

/// Long-polls until `shutdown` completes, then stops taking updates and lets every chat's
/// queued updates finish within `grace`; or until Telegram refuses the token (the only
/// error). A polling task that crashes or will not stop is logged and abandoned.
pub async fn poll_until_stopped(
    api: BotApi,
    dispatcher: Dispatcher,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> Result<(), PollingError> {
    let (stop, stopped) = oneshot::channel::<()>();
    let mut polling = tokio::spawn(async move {
        let stopped = async {
            let _ = stopped.await;
        };
        run_polling(&api, &dispatcher, stopped, grace).await
    });
    tokio::pin!(shutdown);
    let finished = tokio::select! {
        () = &mut shutdown => None,
        result = &mut polling => Some(result),
    };
    let result = match finished {
        Some(result) => result,
        None => {
            tracing::info!("shutting down: polling stops, queued updates finish");
            let _ = stop.send(());
            match tokio::time::timeout(grace + Duration::from_secs(2), &mut polling).await {
                Ok(result) => result,
                Err(_) => {
                    polling.abort();
                    tracing::warn!("polling did not stop in time; abandoned");
                    return Ok(());
                }
            }
        }
    };
    match result {
        Ok(outcome) => {
            if let Err(e) = &outcome {
                tracing::error!(error = %e, "polling stopped for good");
            }
            outcome
        }
        Err(join) => {
            tracing::error!(error = %join, "the polling task crashed");
            Ok(())
        }
    }
}

/// Tells Telegram to send updates to `url`, retrying (5 s, 10 s, … every 5 min) until it
/// accepts. Runs until then; abort the task to give up.
pub async fn register_webhook_until_done(api: BotApi, url: String, secret: WebhookSecret) {
    let mut wait = Duration::from_secs(5);
    loop {
        match register_webhook(&api, &url, &secret).await {
            Ok(()) => {
                tracing::info!("webhook registered with Telegram");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in_secs = wait.as_secs(), "cannot register the webhook");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(300));
            }
        }
    }
}
