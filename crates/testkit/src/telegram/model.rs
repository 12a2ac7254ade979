//! What the fake keeps per private chat: the simulated user, the messages in both
//! directions, and how each one looks as a Bot API `Message` object.

use serde_json::{Map, Value, json};

/// The simulated person on the other side of a private chat.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub(crate) id: i64,
    pub(crate) first_name: String,
    pub(crate) username: Option<String>,
    pub(crate) language_code: String,
    /// A channel (its title in `first_name`) rather than a person's private chat.
    pub(crate) channel: bool,
}

impl Person {
    /// A Bot API `User`.
    pub(crate) fn user_json(&self) -> Value {
        let mut user = json!({
            "id": self.id,
            "is_bot": false,
            "first_name": self.first_name,
            "language_code": self.language_code,
        });
        if let Some(username) = &self.username {
            user["username"] = json!(username);
        }
        user
    }

    /// A Bot API `Chat` of type `private`.
    pub(crate) fn chat_json(&self) -> Value {
        if self.channel {
            return json!({ "id": self.id, "type": "channel", "title": self.first_name });
        }
        let mut chat = json!({ "id": self.id, "type": "private", "first_name": self.first_name });
        if let Some(username) = &self.username {
            chat["username"] = json!(username);
        }
        chat
    }
}

/// The bot itself, derived from its token.
#[derive(Clone, Debug)]
pub(crate) struct BotInfo {
    pub(crate) id: i64,
    pub(crate) first_name: String,
    pub(crate) username: String,
}

impl BotInfo {
    pub(crate) fn user_json(&self) -> Value {
        json!({ "id": self.id, "is_bot": true, "first_name": self.first_name, "username": self.username })
    }
}

/// What a message carries besides its text.
#[derive(Clone, Debug)]
pub(crate) enum Content {
    Text,
    /// `sizes` is the `photo` array (`PhotoSize` objects), largest last.
    Photo {
        sizes: Vec<Value>,
    },
    Document {
        document: Value,
    },
    Invoice {
        invoice: Value,
        payload: String,
    },
    SuccessfulPayment {
        payment: Value,
    },
    RefundedPayment {
        refund: Value,
    },
    /// A message produced by a method the fake does not model in detail (`sendLocation`, …).
    Other {
        method: String,
    },
}

/// One message in a chat.
#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub(crate) id: i64,
    pub(crate) from_bot: bool,
    pub(crate) date: i64,
    pub(crate) content: Content,
    /// The text (or caption) as shown, markup applied.
    pub(crate) text: Option<String>,
    /// The text (or caption) exactly as the bot sent it.
    pub(crate) raw_text: Option<String>,
    pub(crate) entities: Vec<Value>,
    /// The `reply_markup` as sent (after validation).
    pub(crate) markup: Option<Value>,
    pub(crate) edit_date: Option<i64>,
    pub(crate) deleted: bool,
}

impl Message {
    /// A new message with no text and no markup.
    pub(crate) fn new(id: i64, from_bot: bool, date: i64, content: Content) -> Message {
        Message {
            id,
            from_bot,
            date,
            content,
            text: None,
            raw_text: None,
            entities: Vec::new(),
            markup: None,
            edit_date: None,
            deleted: false,
        }
    }

    /// The inline keyboard rows, if the message has one.
    pub(crate) fn inline_rows(&self) -> Vec<Vec<Value>> {
        let Some(rows) = self
            .markup
            .as_ref()
            .and_then(|m| m.get("inline_keyboard"))
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        rows.iter()
            .map(|row| row.as_array().cloned().unwrap_or_default())
            .collect()
    }

    /// True when the message is a caption-bearing media message.
    pub(crate) fn has_caption_slot(&self) -> bool {
        matches!(self.content, Content::Photo { .. } | Content::Document { .. })
    }

    /// The Bot API `Message` object.
    pub(crate) fn to_json(&self, person: &Person, bot: &BotInfo) -> Value {
        let mut msg = Map::new();
        msg.insert("message_id".to_owned(), json!(self.id));
        let from = if self.from_bot {
            bot.user_json()
        } else {
            person.user_json()
        };
        msg.insert("from".to_owned(), from);
        msg.insert("chat".to_owned(), person.chat_json());
        msg.insert("date".to_owned(), json!(self.date));
        if let Some(edit_date) = self.edit_date {
            msg.insert("edit_date".to_owned(), json!(edit_date));
        }
        let (text_key, entities_key) = if self.has_caption_slot() {
            ("caption", "caption_entities")
        } else {
            ("text", "entities")
        };
        if let Some(text) = self.text.as_ref().filter(|t| !t.is_empty()) {
            msg.insert(text_key.to_owned(), json!(text));
            if !self.entities.is_empty() {
                msg.insert(entities_key.to_owned(), Value::Array(self.entities.clone()));
            }
        }
        match &self.content {
            Content::Text | Content::Other { .. } => {}
            Content::Photo { sizes } => {
                msg.insert("photo".to_owned(), Value::Array(sizes.clone()));
            }
            Content::Document { document } => {
                msg.insert("document".to_owned(), document.clone());
            }
            Content::Invoice { invoice, .. } => {
                msg.insert("invoice".to_owned(), invoice.clone());
            }
            Content::SuccessfulPayment { payment } => {
                msg.insert("successful_payment".to_owned(), payment.clone());
            }
            Content::RefundedPayment { refund } => {
                msg.insert("refunded_payment".to_owned(), refund.clone());
            }
        }
        if let Some(markup) = self.markup.as_ref().filter(|m| m.get("inline_keyboard").is_some()) {
            msg.insert("reply_markup".to_owned(), markup.clone());
        }
        Value::Object(msg)
    }
}

/// A private chat between the bot and one simulated user.
#[derive(Clone, Debug)]
pub(crate) struct Chat {
    pub(crate) person: Person,
    /// The user has written to the bot at least once (the bot may message them).
    pub(crate) started: bool,
    pub(crate) blocked: bool,
    /// The user deleted their Telegram account.
    pub(crate) deactivated: bool,
    next_message_id: i64,
    pub(crate) messages: Vec<Message>,
}

impl Chat {
    pub(crate) fn new(person: Person) -> Chat {
        Chat {
            person,
            started: false,
            blocked: false,
            deactivated: false,
            next_message_id: 1,
            messages: Vec::new(),
        }
    }

    /// Message ids in a private chat count up across both directions.
    pub(crate) fn next_id(&mut self) -> i64 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    /// A message that exists and is not deleted.
    pub(crate) fn live(&self, id: i64) -> Option<&Message> {
        self.messages.iter().find(|m| m.id == id && !m.deleted)
    }

    pub(crate) fn live_mut(&mut self, id: i64) -> Option<&mut Message> {
        self.messages.iter_mut().find(|m| m.id == id && !m.deleted)
    }
}
