//! The polite answer to a user whose chat queue is full: a tapped button gets a short
//! "please wait" toast (which also stops its spinner), a message gets one short reply. The
//! dispatcher calls this at most once per chat until the queue empties.

use async_trait::async_trait;
use frankenstein::updates::{Update, UpdateContent};
use members::Language;

use super::Bot;
use crate::dispatch::OverflowAnswer;
use crate::limits;

#[async_trait]
impl OverflowAnswer for Bot {
    async fn overflow(&self, update: Update) {
        let i18n = &self.deps().i18n;
        let language = |code: Option<&str>| code.and_then(Language::from_telegram).unwrap_or(Language::En);
        let sent = match &update.content {
            UpdateContent::CallbackQuery(query) => {
                let text = limits::fit(
                    &i18n.t(language(query.from.language_code.as_deref()), "toast-busy"),
                    200,
                );
                self.deps().api.answer_callback(&query.id, Some(&text), false).await
            }
            UpdateContent::Message(message) => {
                let code = message.from.as_deref().and_then(|u| u.language_code.as_deref());
                let text = i18n.t(language(code), "toast-busy");
                self.deps()
                    .api
                    .send_text(message.chat.id, &text, None)
                    .await
                    .map(|_| ())
            }
            _ => Ok(()),
        };
        if let Err(e) = sent {
            tracing::debug!(error = %e, "cannot tell a flooding chat to wait");
        }
    }
}
