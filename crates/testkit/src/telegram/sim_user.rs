//! A simulated Telegram user in a private chat with the bot: types, taps buttons, sends
//! photos, pays invoices and blocks the bot; and reads the chat back.

use std::sync::Arc;

use serde_json::{Value, json};

use super::files::{FileKind, ImageFormat, NewFile, SAMPLE_PNG, sniff_image};
use super::model::{Content, Message};
use super::server::Shared;
use super::state::{CallbackQuery, PreCheckout};
use super::text::utf16_len;
use super::transcript::{ChatEntry, Sender};

/// A handle on one simulated user (cheap to clone; all clones act as the same person).
#[derive(Clone, Debug)]
pub struct SimUser {
    pub(crate) shared: Arc<Shared>,
    pub(crate) id: i64,
}

impl SimUser {
    /// The user's Telegram id (also their private chat id).
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Queues a text message from the user; a leading `/command` gets a `bot_command`
    /// entity. Returns the message id.
    ///
    /// # Panics
    /// When the user has blocked the bot (call [`SimUser::unblock_bot`] first).
    pub fn send_text(&self, text: &str) -> i64 {
        let entities = command_entity(text);
        self.shared.lock().user_message(self.id, |m: &mut Message| {
            m.text = Some(text.to_owned());
            m.raw_text = Some(text.to_owned());
            m.entities = entities;
        })
    }

    /// Queues a photo message (a small real PNG) with an optional caption; returns the
    /// photo's `file_id`, which the bot can `getFile`, download or send on.
    pub fn send_photo(&self, caption: Option<&str>) -> String {
        self.send_photo_bytes(SAMPLE_PNG, caption)
    }

    /// Like [`SimUser::send_photo`] with the image bytes of your choice (PNG or JPEG give
    /// real dimensions; other bytes are stored as a 0×0 photo).
    pub fn send_photo_bytes(&self, bytes: &[u8], caption: Option<&str>) -> String {
        let (mime, width, height) = match sniff_image(bytes) {
            Some((ImageFormat::Png, w, h)) => ("image/png", w, h),
            Some((ImageFormat::Jpeg, w, h)) => ("image/jpeg", w, h),
            None => ("application/octet-stream", 0, 0),
        };
        let mut st = self.shared.lock();
        let file = st.files.add(NewFile {
            kind: FileKind::Photo,
            bytes: bytes.to_vec(),
            file_name: None,
            mime: Some(mime.to_owned()),
            width,
            height,
        });
        st.user_message(self.id, |m: &mut Message| {
            m.content = Content::Photo {
                sizes: vec![file.photo_size()],
            };
            m.text = caption.map(str::to_owned);
            m.raw_text = caption.map(str::to_owned);
        });
        file.file_id
    }

    /// Taps the callback button with exactly this `callback_data` on a bot message; queues the
    /// `callback_query` update and returns its id.
    ///
    /// # Panics
    /// When the message is not a live bot message in this chat or has no such button.
    pub fn tap(&self, message_id: i64, callback_data: &str) -> String {
        tap_in(&self.shared, self.id, self.id, message_id, callback_data)
    }

    /// Finds the newest live bot message with a callback button whose label contains
    /// `text_contains`, taps it, and returns the callback query id.
    ///
    /// # Panics
    /// When no bot message has such a button.
    pub fn tap_button(&self, text_contains: &str) -> String {
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
            Some((message_id, data)) => self.tap(message_id, &data),
            None => panic!(
                "FakeTelegram: user {} sees no callback button containing {text_contains:?}; last bot message: {:?}",
                self.id,
                self.last_bot_message()
            ),
        }
    }

    /// Blocks the bot: queues a `my_chat_member` update (status `kicked`); from now on the
    /// bot's sends to this chat fail with 403 `Forbidden: bot was blocked by the user`.
    pub fn block_bot(&self) {
        self.set_blocked(true);
    }

    /// Deletes the user's Telegram account: from now on the bot's sends to this chat fail
    /// with 403 `Forbidden: user is deactivated` (no update tells the bot).
    pub fn delete_account(&self) {
        self.shared.lock().chat_mut(self.id).deactivated = true;
    }

    /// Unblocks the bot (`my_chat_member` back to `member`); the user can write again.
    pub fn unblock_bot(&self) {
        self.set_blocked(false);
    }

    fn set_blocked(&self, blocked: bool) {
        let mut st = self.shared.lock();
        let date = st.unix_now();
        let bot = st.bot.user_json();
        let chat = st.chat_mut(self.id);
        if chat.blocked == blocked {
            return;
        }
        chat.blocked = blocked;
        let (old, new) = if blocked {
            ("member", "kicked")
        } else {
            ("kicked", "member")
        };
        // ChatMemberBanned requires `until_date` (0 = forever), on either side of the change.
        let member = |status: &str| {
            let mut m = json!({ "user": bot, "status": status });
            if status == "kicked" {
                m["until_date"] = json!(0);
            }
            m
        };
        let update = json!({
            "chat": chat.person.chat_json(),
            "from": chat.person.user_json(),
            "date": date,
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        });
        st.push_update("my_chat_member", update);
    }

    /// Pays the invoice in bot message `message_id`: queues a `pre_checkout_query` and
    /// returns its id. If the bot answers `ok: true` within 10 s (simulated clock), a
    /// `successful_payment` message from the user follows.
    ///
    /// # Panics
    /// When that message is not an invoice from the bot.
    pub fn pay_invoice(&self, message_id: i64) -> String {
        let mut st = self.shared.lock();
        let chat = st.chat(self.id);
        let Some((invoice, payload)) = chat.live(message_id).and_then(|m| match &m.content {
            Content::Invoice { invoice, payload } if m.from_bot => Some((invoice.clone(), payload.clone())),
            _ => None,
        }) else {
            panic!(
                "FakeTelegram: message {message_id} in chat {} is not an invoice from the bot",
                self.id
            );
        };
        let from = chat.person.user_json();
        let currency = invoice["currency"].as_str().unwrap_or_default().to_owned();
        let total_amount = invoice["total_amount"].as_i64().unwrap_or_default();
        let query_id = format!("pcq{}{:08}", self.id.unsigned_abs(), st.next_token());
        let at = st.now();
        st.pre_checkouts.insert(
            query_id.clone(),
            PreCheckout {
                chat: self.id,
                currency: currency.clone(),
                total_amount,
                payload: payload.clone(),
                at,
                answer: None,
            },
        );
        st.push_update(
            "pre_checkout_query",
            json!({
                "id": query_id,
                "from": from,
                "currency": currency,
                "total_amount": total_amount,
                "invoice_payload": payload,
            }),
        );
        query_id
    }

    /// Pays an invoice link made by `createInvoiceLink` (a URL button's target): queues a
    /// `pre_checkout_query` from this user and returns its id; `successful_payment` follows
    /// an `ok: true` answer within 10 s.
    ///
    /// # Panics
    /// When the bot made no such link.
    pub fn pay_invoice_link(&self, link: &str) -> String {
        let mut st = self.shared.lock();
        let Some(invoice) = st.invoice_links.get(link).cloned() else {
            panic!("FakeTelegram: {link} is not an invoice link the bot made");
        };
        let from = st.chat(self.id).person.user_json();
        let query_id = format!("pcq{}{:08}", self.id.unsigned_abs(), st.next_token());
        let at = st.now();
        st.pre_checkouts.insert(
            query_id.clone(),
            PreCheckout {
                chat: self.id,
                currency: invoice.currency.clone(),
                total_amount: invoice.total_amount,
                payload: invoice.payload.clone(),
                at,
                answer: None,
            },
        );
        st.push_update(
            "pre_checkout_query",
            json!({
                "id": query_id,
                "from": from,
                "currency": invoice.currency,
                "total_amount": invoice.total_amount,
                "invoice_payload": invoice.payload,
            }),
        );
        query_id
    }

    /// How the bot answered a pre-checkout query: `Some(ok)`, or `None` while unanswered.
    pub fn pre_checkout_answer(&self, query_id: &str) -> Option<bool> {
        self.shared.lock().pre_checkouts.get(query_id).and_then(|q| q.answer)
    }

    /// The whole chat in order (both directions, current state, deleted ones marked).
    pub fn transcript(&self) -> Vec<ChatEntry> {
        self.shared
            .lock()
            .chat(self.id)
            .messages
            .iter()
            .map(ChatEntry::from_message)
            .collect()
    }

    /// The bot's messages that are still there, oldest first.
    pub fn bot_messages(&self) -> Vec<ChatEntry> {
        self.transcript()
            .into_iter()
            .filter(|e| e.from == Sender::Bot && !e.deleted)
            .collect()
    }

    /// The newest bot message that is still there.
    pub fn last_bot_message(&self) -> Option<ChatEntry> {
        self.bot_messages().pop()
    }

    /// Answered callback queries of this user, in tap order: `(query id, answer text)`.
    pub fn answered_callbacks(&self) -> Vec<(String, Option<String>)> {
        let st = self.shared.lock();
        st.callback_order
            .iter()
            .filter_map(|id| {
                let q = st.callback_queries.get(id)?;
                let answer = q.answer.clone().filter(|_| q.chat == self.id)?;
                Some((id.clone(), answer))
            })
            .collect()
    }

    /// Callback queries of this user the bot has not answered (the spinner still turns).
    pub fn unanswered_callbacks(&self) -> Vec<String> {
        let st = self.shared.lock();
        st.callback_order
            .iter()
            .filter(|id| {
                st.callback_queries
                    .get(*id)
                    .is_some_and(|q| q.chat == self.id && q.answer.is_none())
            })
            .cloned()
            .collect()
    }

    /// Whether the user currently blocks the bot.
    pub fn has_blocked_bot(&self) -> bool {
        self.shared.lock().chat(self.id).blocked
    }
}

/// `/start@bot payload` → a `bot_command` entity over `/start@bot`.
fn command_entity(text: &str) -> Vec<Value> {
    if !text.starts_with('/') {
        return Vec::new();
    }
    let command = text.split_whitespace().next().unwrap_or("");
    if command.len() < 2 {
        return Vec::new();
    }
    vec![json!({ "type": "bot_command", "offset": 0, "length": utf16_len(command) })]
}

/// `tapper` taps the button with `callback_data` on bot message `message_id` in chat
/// `chat_id` (their private chat, or a channel they can see); returns the query id.
pub(crate) fn tap_in(shared: &Arc<Shared>, chat_id: i64, tapper: i64, message_id: i64, callback_data: &str) -> String {
    let mut st = shared.lock();
    let chat = st.chat(chat_id);
    let Some(message) = chat.live(message_id).filter(|m| m.from_bot) else {
        panic!(
            "FakeTelegram: user {tapper} cannot tap message {message_id} in chat {chat_id}: no such bot message (deleted?)"
        );
    };

    let rows = message.inline_rows();
    let has = rows
        .iter()
        .flatten()
        .any(|b| b.get("callback_data").and_then(Value::as_str) == Some(callback_data));
    if !has {
        let available: Vec<&str> = rows
            .iter()
            .flatten()
            .filter_map(|b| b.get("callback_data").and_then(Value::as_str))
            .collect();
        panic!(
            "FakeTelegram: message {message_id} has no button with callback_data {callback_data:?}; it has {available:?}"
        );
    }
    let message_json = message.to_json(&chat.person, &st.bot);
    let from = st.chat(tapper).person.user_json();
    let query_id = format!("{}{:010}", tapper.unsigned_abs(), st.next_token());
    let at = st.now();
    st.callback_queries.insert(
        query_id.clone(),
        CallbackQuery {
            chat: tapper,
            at,
            answer: None,
        },
    );
    st.callback_order.push(query_id.clone());
    st.push_update(
        "callback_query",
        json!({
            "id": query_id,
            "from": from,
            "message": message_json,
            "chat_instance": format!("{}", chat_id.wrapping_mul(7919)),
            "data": callback_data,
        }),
    );
    query_id
}
