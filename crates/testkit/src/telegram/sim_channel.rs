//! A simulated Telegram channel the bot posts to (receipt review channels): its posts, and
//! members tapping the buttons under them.

use std::sync::Arc;

use serde_json::Value;

use super::server::Shared;
use super::sim_user::{SimUser, tap_in};
use super::transcript::{ChatEntry, Sender};

/// A handle on one channel (the bot is an admin there and may post at once).
#[derive(Clone, Debug)]
pub struct SimChannel {
    pub(crate) shared: Arc<Shared>,
    pub(crate) id: i64,
}

impl SimChannel {
    /// The channel's chat id (negative, `-100…`).
    pub fn id(&self) -> i64 {
        self.id
    }

    /// `user` taps the button with exactly this `callback_data` on post `message_id`;
    /// returns the callback query id (its answer shows in the user's `answered_callbacks`).
    pub fn tap_as(&self, user: &SimUser, message_id: i64, callback_data: &str) -> String {
        tap_in(&self.shared, self.id, user.id(), message_id, callback_data)
    }

    /// `user` taps the newest post's button whose label contains `text_contains`.
    ///
    /// # Panics
    /// When no post has such a button.
    pub fn tap_button_as(&self, user: &SimUser, text_contains: &str) -> String {
        let found = {
            let st = self.shared.lock();
            st.chat(self.id)
                .messages
                .iter()
                .rev()
                .filter(|m| m.from_bot && !m.deleted)
                .find_map(|m| {
                    m.inline_rows()
                        .iter()
                        .flatten()
                        .find(|b| {
                            b.get("text")
                                .and_then(Value::as_str)
                                .is_some_and(|t| t.contains(text_contains))
                        })
                        .and_then(|b| b.get("callback_data").and_then(Value::as_str))
                        .map(|data| (m.id, data.to_owned()))
                })
        };
        match found {
            Some((message_id, data)) => self.tap_as(user, message_id, &data),
            None => panic!(
                "FakeTelegram: channel {} has no post with a button containing {text_contains:?}; last post: {:?}",
                self.id,
                self.last_post()
            ),
        }
    }

    /// Every post, oldest first (deleted ones marked).
    pub fn transcript(&self) -> Vec<ChatEntry> {
        self.shared
            .lock()
            .chat(self.id)
            .messages
            .iter()
            .map(ChatEntry::from_message)
            .collect()
    }

    /// The bot's posts that are still there, oldest first.
    pub fn posts(&self) -> Vec<ChatEntry> {
        self.transcript()
            .into_iter()
            .filter(|e| e.from == Sender::Bot && !e.deleted)
            .collect()
    }

    /// The newest post that is still there.
    pub fn last_post(&self) -> Option<ChatEntry> {
        self.posts().pop()
    }
}
