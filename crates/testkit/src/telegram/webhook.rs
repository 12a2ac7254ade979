//! Webhook delivery: while a webhook is set, pending updates are POSTed to it one at a time,
//! in order, with `X-Telegram-Bot-Api-Secret-Token`; a 2xx answer confirms the update,
//! anything else is recorded (getWebhookInfo `last_error_*`) and retried after a short pause.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use super::server::Shared;

/// Starts the sender if a webhook is set and no sender runs.
pub(crate) fn ensure_running(shared: &Arc<Shared>) {
    let mut st = shared.lock();
    let running = st.webhook_task.as_ref().is_some_and(|t| !t.is_finished());
    if st.webhook.is_some() && !running {
        st.webhook_task = Some(tokio::spawn(deliver(shared.clone())));
    }
}

async fn deliver(shared: Arc<Shared>) {
    let mut failures: u32 = 0;
    loop {
        let mut notified = pin!(shared.wake.notified());
        notified.as_mut().enable();
        let next = {
            let mut st = shared.lock();
            let Some(hook) = st.webhook.clone() else { return };
            let next = st.updates.front().cloned();
            if next.is_some() {
                st.in_flight += 1;
            }
            next.map(|update| (hook, update))
        };
        let Some((hook, update)) = next else {
            notified.await;
            continue;
        };
        let mut client = reqwest::Client::builder().timeout(Duration::from_secs(10));
        if let Some((host, addr)) = shared.lock().webhook_host.clone() {
            client = client.resolve(&host, addr);
        }
        let Ok(client) = client.build() else { return };
        let mut request = client.post(&hook.url).json(&update.body);
        if let Some(secret) = &hook.secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let result = request.send().await;
        let delivered = {
            let mut st = shared.lock();
            st.in_flight = st.in_flight.saturating_sub(1);
            st.touch();
            let error = match result {
                Ok(response) if response.status().is_success() => None,
                Ok(response) => Some(format!("Wrong response from the webhook: {}", response.status())),
                Err(e) if e.is_timeout() => Some("Read timeout expired".to_owned()),
                Err(_) => Some("Connection refused".to_owned()),
            };
            match error {
                None => {
                    if st.updates.front().is_some_and(|u| u.id == update.id) {
                        st.updates.pop_front();
                    }
                    st.handed_out = st.handed_out.max(update.id);
                    true
                }
                Some(message) => {
                    let date = st.unix_now();
                    if let Some(hook) = st.webhook.as_mut() {
                        hook.last_error = Some((date, message));
                    }
                    false
                }
            }
        };
        if delivered {
            failures = 0;
        } else {
            failures = failures.saturating_add(1);
            let pause = Duration::from_millis(50u64.saturating_mul(1u64 << failures.min(5)));
            tokio::time::sleep(pause).await;
        }
    }
}
