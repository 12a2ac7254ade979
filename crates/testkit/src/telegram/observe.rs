//! Watching the bot's calls as they happen, with the moment each was answered: what a
//! benchmark needs to time the bot's answers without polling the chats.

use std::time::Instant;

use tokio::sync::mpsc;

/// One Bot API call the fake answered (see [`super::FakeTelegram::observe_calls`]).
#[derive(Debug, Clone)]
pub struct ObservedCall {
    /// The method as the bot spelled it (`sendMessage`).
    pub method: String,
    /// The chat the call was about: its `chat_id`, or for `answerCallbackQuery` the chat
    /// where the button was tapped; `None` for calls about no chat (`getUpdates`…).
    pub chat: Option<i64>,
    /// Whether the fake answered `ok: true`.
    pub ok: bool,
    /// When the fake had its answer: `getUpdates` when the poll arrived (it may wait for
    /// updates), every other method once the call took effect.
    pub at: Instant,
}

/// The sending side, kept in the fake's state.
pub(crate) type Observer = mpsc::UnboundedSender<ObservedCall>;

/// Passes `call` to the observer, if one listens; a dropped receiver stops observing.
pub(crate) fn tell(observer: &mut Option<Observer>, call: ObservedCall) {
    if let Some(tx) = observer
        && tx.send(call).is_err()
    {
        *observer = None;
    }
}
