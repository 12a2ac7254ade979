//! What a test reads back: a chat as the user would see it, and the calls the bot made.

use serde_json::Value;

use super::model::{Content, Message};

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sender {
    /// The simulated user.
    User,
    /// The bot under test.
    Bot,
}

/// What kind of message an entry is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A text message.
    Text,
    /// A photo; `file_id` of its largest size.
    Photo {
        /// The photo's `file_id` (largest size).
        file_id: String,
    },
    /// A document (file).
    Document {
        /// The document's `file_id`.
        file_id: String,
        /// The file name, when one was given.
        file_name: Option<String>,
    },
    /// An invoice (`sendInvoice`).
    Invoice {
        /// The invoice title.
        title: String,
        /// ISO 4217 code, or `XTR` for Telegram Stars.
        currency: String,
        /// Total in the currency's smallest units (whole Stars for `XTR`).
        total_amount: i64,
        /// The bot's invoice payload.
        payload: String,
    },
    /// The service message announcing a completed payment.
    SuccessfulPayment {
        /// The charge id a refund needs.
        telegram_payment_charge_id: String,
        /// The amount paid.
        total_amount: i64,
    },
    /// The service message announcing a refund.
    RefundedPayment {
        /// The refunded charge.
        telegram_payment_charge_id: String,
    },
    /// A message from another `send…` method, named here (`sendLocation`, …).
    Other(String),
}

/// One inline keyboard button as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    /// The label.
    pub text: String,
    /// Set for callback buttons.
    pub callback_data: Option<String>,
    /// Set for URL buttons.
    pub url: Option<String>,
}

/// One message in a chat, in its current state (edits applied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatEntry {
    /// The message id.
    pub message_id: i64,
    /// Who sent it.
    pub from: Sender,
    /// Text, photo, document, invoice, …
    pub kind: EntryKind,
    /// The text or caption as shown (markup applied, entities decoded).
    pub text: Option<String>,
    /// The text or caption exactly as sent (with HTML/Markdown markup).
    pub raw_text: Option<String>,
    /// The entities of the shown text (`MessageEntity` objects).
    pub entities: Vec<Value>,
    /// Inline keyboard rows.
    pub buttons: Vec<Vec<Button>>,
    /// Reply keyboard rows (`ReplyKeyboardMarkup` button labels), when one was sent.
    pub reply_keyboard: Vec<Vec<String>>,
    /// The bot edited it after sending.
    pub edited: bool,
    /// The bot deleted it (it stays in the transcript, marked).
    pub deleted: bool,
}

impl ChatEntry {
    /// Every button label, row by row, left to right.
    pub fn button_texts(&self) -> Vec<String> {
        self.buttons.iter().flatten().map(|b| b.text.clone()).collect()
    }

    /// The shown text, or `""`.
    pub fn text_or_empty(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    pub(crate) fn from_message(message: &Message) -> ChatEntry {
        let buttons = message
            .inline_rows()
            .iter()
            .map(|row| {
                row.iter()
                    .map(|b| Button {
                        text: str_field(b, "text").unwrap_or_default(),
                        callback_data: str_field(b, "callback_data"),
                        url: str_field(b, "url"),
                    })
                    .collect()
            })
            .collect();
        let reply_keyboard = message
            .markup
            .as_ref()
            .and_then(|m| m.get("keyboard"))
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .map(|row| {
                        row.as_array()
                            .map(|r| {
                                r.iter()
                                    .map(|b| b.as_str().map(str::to_owned).or_else(|| str_field(b, "text")))
                                    .map(Option::unwrap_or_default)
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        ChatEntry {
            message_id: message.id,
            from: if message.from_bot { Sender::Bot } else { Sender::User },
            kind: kind(&message.content),
            text: message.text.clone(),
            raw_text: message.raw_text.clone(),
            entities: message.entities.clone(),
            buttons,
            reply_keyboard,
            edited: message.edit_date.is_some(),
            deleted: message.deleted,
        }
    }
}

fn kind(content: &Content) -> EntryKind {
    match content {
        Content::Text => EntryKind::Text,
        Content::Photo { sizes } => EntryKind::Photo {
            file_id: sizes.last().and_then(|s| str_field(s, "file_id")).unwrap_or_default(),
        },
        Content::Document { document } => EntryKind::Document {
            file_id: str_field(document, "file_id").unwrap_or_default(),
            file_name: str_field(document, "file_name"),
        },
        Content::Invoice { invoice, payload } => EntryKind::Invoice {
            title: str_field(invoice, "title").unwrap_or_default(),
            currency: str_field(invoice, "currency").unwrap_or_default(),
            total_amount: invoice.get("total_amount").and_then(Value::as_i64).unwrap_or(0),
            payload: payload.clone(),
        },
        Content::SuccessfulPayment { payment } => EntryKind::SuccessfulPayment {
            telegram_payment_charge_id: str_field(payment, "telegram_payment_charge_id").unwrap_or_default(),
            total_amount: payment.get("total_amount").and_then(Value::as_i64).unwrap_or(0),
        },
        Content::RefundedPayment { refund } => EntryKind::RefundedPayment {
            telegram_payment_charge_id: str_field(refund, "telegram_payment_charge_id").unwrap_or_default(),
        },
        Content::Other { method } => EntryKind::Other(method.clone()),
    }
}

fn str_field(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// One call the bot made, in arrival order.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedCall {
    /// The method as the bot spelled it (`sendMessage`).
    pub method: String,
    /// The parameters as they arrived: a JSON body as-is; form and multipart fields as
    /// strings; uploaded files as `{"file_name", "size", "mime"}`.
    pub params: Value,
}
