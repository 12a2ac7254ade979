//! Update delivery bookkeeping: getUpdates (offset confirmation, limit, allowed_updates,
//! 409 while a webhook is set or when a newer poll arrives) and setWebhook / deleteWebhook /
//! getWebhookInfo.

use std::time::Duration;

use serde_json::{Value, json};

use super::envelope::ApiError;
use super::state::{State, Webhook};
use super::validate::Params;

/// Longest long poll the server holds (Telegram caps `timeout` the same way).
const MAX_POLL: Duration = Duration::from_secs(50);

/// A long poll in progress.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Poll {
    pub(crate) generation: u64,
    pub(crate) limit: usize,
    pub(crate) timeout: Duration,
}

pub(crate) fn webhook_conflict() -> ApiError {
    ApiError::conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    )
}

/// Starts a getUpdates call: confirms by `offset`, stores `allowed_updates`, and takes over
/// from any older poll (which will answer 409).
pub(crate) fn begin_poll(st: &mut State, p: &Params) -> Result<Poll, ApiError> {
    if st.webhook.is_some() {
        return Err(webhook_conflict());
    }
    if let Some(list) = p.value("allowed_updates").and_then(Value::as_array) {
        st.allowed_updates = Some(list.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    }
    confirm(st, p.i64("offset"));
    st.poll_generation += 1;
    st.poll_terminated_by = "terminated by other getUpdates request; make sure that only one bot instance is running";
    st.wake();
    let limit = usize::try_from(p.i64("limit").unwrap_or(100).clamp(1, 100)).unwrap_or(100);
    let secs = u64::try_from(p.i64("timeout").unwrap_or(0).max(0)).unwrap_or(0);
    Ok(Poll {
        generation: st.poll_generation,
        limit,
        timeout: Duration::from_secs(secs).min(MAX_POLL),
    })
}

/// `offset > 0` forgets every update below it; `offset < 0` keeps only the last `-offset`.
fn confirm(st: &mut State, offset: Option<i64>) {
    match offset {
        Some(offset) if offset > 0 => {
            while st.updates.front().is_some_and(|u| u.id < offset) {
                st.updates.pop_front();
            }
        }
        Some(offset) if offset < 0 => {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while st.updates.len() > keep {
                st.updates.pop_front();
            }
        }
        _ => {}
    }
}

/// One look at the queue for a waiting poll: `Some(result)` to answer now, `None` to wait.
pub(crate) fn poll_once(st: &mut State, poll: Poll, timed_out: bool) -> Option<Result<Value, ApiError>> {
    if st.poll_generation != poll.generation {
        return Some(Err(ApiError::conflict(st.poll_terminated_by)));
    }
    if st.webhook.is_some() {
        return Some(Err(webhook_conflict()));
    }
    let ready: Vec<Value> = st.updates.iter().take(poll.limit).map(|u| u.body.clone()).collect();
    if ready.is_empty() && !timed_out {
        return None;
    }
    if let Some(last) = ready.last().and_then(|u| u["update_id"].as_i64()) {
        st.handed_out = st.handed_out.max(last);
        st.touch();
    }
    Some(Ok(Value::Array(ready)))
}

pub(crate) fn set_webhook(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let url = p.str("url").unwrap_or_default();
    if url.is_empty() {
        return delete_webhook(st, p);
    }
    let parsed = url::Url::parse(url).map_err(|_| ApiError::bad("invalid webhook URL specified"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(ApiError::bad("invalid webhook URL specified"));
    }
    let secret = p.str("secret_token").map(str::to_owned);
    if let Some(secret) = &secret {
        if secret.len() > 256 {
            return Err(ApiError::bad("secret token is too long"));
        }
        if !secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(ApiError::bad("secret token contains unallowed characters"));
        }
    }
    if let Some(list) = p.value("allowed_updates").and_then(Value::as_array) {
        st.allowed_updates = Some(list.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    }
    if p.bool("drop_pending_updates") {
        st.updates.clear();
    }
    st.webhook = Some(Webhook {
        url: url.to_owned(),
        secret,
        max_connections: p.i64("max_connections").unwrap_or(40),
        last_error: None,
    });
    st.poll_generation += 1;
    st.poll_terminated_by = "terminated by setWebhook request";
    st.wake();
    Ok(Value::Bool(true))
}

pub(crate) fn delete_webhook(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    if p.bool("drop_pending_updates") {
        st.updates.clear();
    }
    st.webhook = None;
    st.wake();
    Ok(Value::Bool(true))
}

pub(crate) fn webhook_info(st: &State) -> Value {
    let mut info = json!({
        "url": st.webhook.as_ref().map(|w| w.url.clone()).unwrap_or_default(),
        "has_custom_certificate": false,
        "pending_update_count": st.updates.len(),
    });
    if let Some(hook) = &st.webhook {
        info["max_connections"] = json!(hook.max_connections);
        if let Some((date, message)) = &hook.last_error {
            info["last_error_date"] = json!(date);
            info["last_error_message"] = json!(message);
        }
        if let Some(allowed) = &st.allowed_updates {
            info["allowed_updates"] = json!(allowed);
        }
    }
    info
}
