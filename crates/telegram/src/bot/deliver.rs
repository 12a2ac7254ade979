//! Sending a [`Reply`]: the tapped button's answer goes out alongside the messages (the
//! answer is no message, so it never reorders the chat), the messages one after another in
//! order. A 403 while sending marks the user as having blocked the bot.

use members::User;
use telegram_state::ChatKey;

use super::{Bot, Outgoing, Reply};
use crate::api::ApiError;
use crate::limits;

impl Bot {
    /// Sends a reply: answers the tapped button (ending the user's spinner) at the same time
    /// as the messages go out in order. Stops at the first failed message; a 403 marks the
    /// user.
    pub async fn deliver(
        &self,
        user: Option<&User>,
        chat: ChatKey,
        origin: Option<i32>,
        query: Option<&str>,
        reply: Reply,
    ) {
        let toast = reply.toast.as_deref().map(|t| limits::fit(t, limits::CALLBACK_ANSWER));
        let answer = async {
            if let Some(query) = query {
                match self.deps.api.answer_callback(query, toast.as_deref(), false).await {
                    Ok(()) | Err(ApiError::QueryTooOld) => {}
                    Err(e) => tracing::warn!(error = %e, "cannot answer the button"),
                }
            }
        };
        tokio::join!(answer, self.send_messages(user, chat, origin, reply.messages));
    }

    /// Sends `messages` to `chat` one after another; the first [`Outgoing::Show`] edits
    /// `origin` when there is one.
    async fn send_messages(&self, user: Option<&User>, chat: ChatKey, origin: Option<i32>, messages: Vec<Outgoing>) {
        let api = &self.deps.api;
        let mut edit_target = origin;
        for message in messages {
            let sent = match message {
                Outgoing::Show { text, keyboard } => {
                    let text = limits::fit_html(&text, limits::MESSAGE);
                    match edit_target.take() {
                        Some(message_id) => match api.edit_text(chat.get(), message_id, &text, keyboard.as_ref()).await
                        {
                            // A photo or a too-old message cannot be edited: send instead.
                            Err(ApiError::BadRequest(_)) => {
                                api.send_text(chat.get(), &text, keyboard.as_ref()).await.map(drop)
                            }
                            other => other,
                        },
                        None => api.send_text(chat.get(), &text, keyboard.as_ref()).await.map(drop),
                    }
                }
                Outgoing::Send { text, keyboard } => {
                    let text = limits::fit_html(&text, limits::MESSAGE);
                    api.send_text(chat.get(), &text, keyboard.as_ref()).await.map(drop)
                }
                Outgoing::SharedPhoto {
                    file_id,
                    caption,
                    keyboard,
                } => {
                    let caption = caption.map(|c| limits::fit_html(&c, limits::CAPTION));
                    api.send_photo_id(chat.get(), &file_id, caption.as_deref(), keyboard.as_ref())
                        .await
                        .map(drop)
                }
                Outgoing::Photo { png, caption, keyboard } => {
                    let caption = caption.map(|c| limits::fit_html(&c, limits::CAPTION));
                    api.send_photo_bytes(chat.get(), png, caption.as_deref(), keyboard.as_ref())
                        .await
                        .map(drop)
                }
            };
            match sent {
                Ok(()) => {}
                Err(ApiError::Blocked(reason)) => {
                    tracing::info!(%chat, reason, "the user blocked the bot");
                    if let Some(user) = user
                        && let Err(e) = self.deps.members.mark_bot_blocked(user.id, true).await
                    {
                        tracing::warn!(error = %e, "cannot record that the user blocked the bot");
                    }
                    return;
                }
                Err(e) => {
                    tracing::warn!(%chat, error = %e, "cannot send a message");
                    return;
                }
            }
        }
    }
}
