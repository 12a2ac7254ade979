//! A Telegram update reduced to what the bot reacts to.

use frankenstein::types::{ChatMember, ChatType, MaybeInaccessibleMessage, Message, User as TgUser};
use frankenstein::updates::{Update, UpdateContent};
use kernel::TelegramId;
use members::{Language, TelegramProfile};
use telegram_state::ChatKey;

/// What a person did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `/name args` (a `@botname` suffix is dropped).
    Command {
        /// The command without `/`, lower-cased.
        name: String,
        /// The rest of the text, trimmed.
        args: String,
    },
    /// Plain text.
    Text(String),
    /// A photo (the largest size's file id) with its caption.
    Photo {
        /// Telegram's file id.
        file_id: String,
        /// Telegram's `file_unique_id` (the same for the same picture sent twice).
        unique_id: String,
        /// The caption, if any.
        caption: Option<String>,
    },
    /// A button tap.
    Callback {
        /// The query to answer.
        query_id: String,
        /// The text message the button was under, if the bot can still edit it into the next
        /// screen (`None` under a photo or an inaccessible message).
        message_id: Option<i32>,
        /// The button's data.
        data: String,
    },
    /// Telegram's `successful_payment`: the user paid an invoice of this bot.
    Paid(PaidInvoice),
    /// A file sent as a document (a receipt sent as a file instead of a photo).
    Document,
    /// Any other message (sticker, voice, …).
    Other,
}

/// A paid invoice, as Telegram reports it (`successful_payment` or a pre-checkout query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidInvoice {
    /// `XTR` for Stars.
    pub currency: String,
    /// In the currency's smallest unit (whole Stars).
    pub total_amount: u32,
    /// The payload the bot put in the invoice.
    pub payload: String,
    /// Telegram's charge id (empty in a pre-checkout query): the refund handle and the
    /// dedupe key.
    pub charge_id: String,
}

/// An input from a person in a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The chat to answer in.
    pub chat: ChatKey,
    /// Who it is.
    pub from: TelegramProfile,
    /// What they did.
    pub input: Input,
    /// The id of the message they sent (none for a button tap): a screen that read a secret
    /// from it has it deleted from the chat.
    pub message_id: Option<i32>,
}

/// What an update means for the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A person's input in a private chat.
    Incoming(Incoming),
    /// The user blocked the bot (`my_chat_member` → kicked).
    BlockedBot(TelegramId),
    /// The user unblocked the bot.
    UnblockedBot(TelegramId),
    /// A payment pre-checkout to answer within 10 s.
    PreCheckout {
        /// The query to answer.
        query_id: String,
        /// The payer's language, if the bot speaks it.
        language: Option<Language>,
        /// The payer.
        from: Option<TelegramId>,
        /// What is about to be paid.
        invoice: PaidInvoice,
    },
    /// Nothing the bot reacts to (groups, channels, bots, edits).
    Ignored,
}

/// Reads an update.
pub fn parse(update: &Update) -> Event {
    match &update.content {
        UpdateContent::Message(message) => from_message(message),
        UpdateContent::CallbackQuery(query) => {
            let Some(from) = profile(&query.from) else {
                return Event::Ignored;
            };
            let (chat, message_id) = match &query.message {
                // Only a text message can become the next screen: Telegram refuses
                // editMessageText on a photo ("there is no text in the message to edit"), so a
                // button under the QR photo gets its answer as a new message.
                Some(MaybeInaccessibleMessage::Message(m)) => (m.chat.id, m.text.is_some().then_some(m.message_id)),
                Some(MaybeInaccessibleMessage::InaccessibleMessage(m)) => (m.chat.id, None),
                None => (from.telegram_id.get(), None),
            };
            Event::Incoming(Incoming {
                chat: ChatKey::new(chat),
                from,
                input: Input::Callback {
                    query_id: query.id.clone(),
                    message_id,
                    data: query.data.clone().unwrap_or_default(),
                },
                message_id: None,
            })
        }
        UpdateContent::MyChatMember(change) => {
            // Only the private chat with the user says whether they blocked the bot; being
            // removed from a group or channel is not a block.
            if !matches!(change.chat.type_field, ChatType::Private) {
                return Event::Ignored;
            }
            let Ok(id) = i64::try_from(change.from.id).map(TelegramId::new) else {
                return Event::Ignored;
            };
            let Ok(id) = id else {
                return Event::Ignored;
            };
            if change.chat.id != id.get() {
                return Event::Ignored;
            }
            match change.new_chat_member {
                ChatMember::Kicked(_) => Event::BlockedBot(id),
                ChatMember::Member(_) => Event::UnblockedBot(id),
                _ => Event::Ignored,
            }
        }
        UpdateContent::PreCheckoutQuery(query) => Event::PreCheckout {
            query_id: query.id.clone(),
            language: query.from.language_code.as_deref().and_then(Language::from_telegram),
            from: i64::try_from(query.from.id)
                .ok()
                .and_then(|id| TelegramId::new(id).ok()),
            invoice: PaidInvoice {
                currency: query.currency.clone(),
                total_amount: query.total_amount,
                payload: query.invoice_payload.clone(),
                charge_id: String::new(),
            },
        },
        _ => Event::Ignored,
    }
}

fn from_message(message: &Message) -> Event {
    let Some(from) = message.from.as_deref().and_then(profile) else {
        return Event::Ignored;
    };
    if message.chat.id != from.telegram_id.get() {
        return Event::Ignored;
    }
    if message.refunded_payment.is_some() {
        // Telegram's own note that Stars went back (the refund was the bot's doing).
        return Event::Ignored;
    }
    let input = if let Some(text) = &message.text {
        text_input(text)
    } else if let Some(photo) = message.photo.as_ref().and_then(|sizes| sizes.last()) {
        Input::Photo {
            file_id: photo.file_id.clone(),
            unique_id: photo.file_unique_id.clone(),
            caption: message.caption.clone(),
        }
    } else if let Some(paid) = message.successful_payment.as_deref() {
        Input::Paid(PaidInvoice {
            currency: paid.currency.clone(),
            total_amount: paid.total_amount,
            payload: paid.invoice_payload.clone(),
            charge_id: paid.telegram_payment_charge_id.clone(),
        })
    } else if message.document.is_some() {
        Input::Document
    } else {
        Input::Other
    };
    Event::Incoming(Incoming {
        chat: ChatKey::new(message.chat.id),
        from,
        input,
        message_id: Some(message.message_id),
    })
}

fn text_input(text: &str) -> Input {
    let trimmed = text.trim();
    if let Some(command) = trimmed.strip_prefix('/') {
        let (head, args) = command.split_once(char::is_whitespace).unwrap_or((command, ""));
        let name = head.split('@').next().unwrap_or_default().to_ascii_lowercase();
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Input::Command {
                name,
                args: args.trim().to_owned(),
            };
        }
    }
    Input::Text(trimmed.to_owned())
}

fn profile(user: &TgUser) -> Option<TelegramProfile> {
    if user.is_bot {
        return None;
    }
    let id = TelegramId::new(i64::try_from(user.id).ok()?).ok()?;
    Some(TelegramProfile::new(
        id,
        user.username.as_deref(),
        &user.first_name,
        user.language_code.as_deref(),
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testing::{callback_update_json, text_update_json, update};

    fn input_of(raw: serde_json::Value) -> Input {
        match parse(&update(raw)) {
            Event::Incoming(incoming) => incoming.input,
            other => panic!("expected input, got {other:?}"),
        }
    }

    #[test]
    fn commands_are_split_from_their_arguments_and_bot_name() {
        assert_eq!(
            input_of(text_update_json(1, 5, "/Start@MoonVpnBot ref_42 ")),
            Input::Command {
                name: "start".into(),
                args: "ref_42".into()
            }
        );
        assert_eq!(
            input_of(text_update_json(1, 5, " 150000 ")),
            Input::Text("150000".into())
        );
        assert_eq!(
            input_of(text_update_json(1, 5, "/ hello")),
            Input::Text("/ hello".into())
        );
    }

    #[test]
    fn a_tap_names_its_query_message_and_data() {
        assert_eq!(
            input_of(callback_update_json(2, 5, 77, "v1:m:abc")),
            Input::Callback {
                query_id: "cq2".into(),
                message_id: Some(77),
                data: "v1:m:abc".into()
            }
        );
    }

    #[test]
    fn blocking_and_unblocking_the_bot_are_recognised() {
        let change = |status: &str| {
            json!({"update_id": 3, "my_chat_member": {
                "chat": {"id": 5, "type": "private"},
                "from": {"id": 5, "is_bot": false, "first_name": "A"},
                "date": 1,
                "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "B"}},
                "new_chat_member": if status == "kicked" {
                    json!({"status": "kicked", "user": {"id": 1, "is_bot": true, "first_name": "B"}, "until_date": 0})
                } else {
                    json!({"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "B"}})
                }
            }})
        };
        let five = TelegramId::new(5).unwrap();
        assert_eq!(parse(&update(change("kicked"))), Event::BlockedBot(five));
        assert_eq!(parse(&update(change("member"))), Event::UnblockedBot(five));
    }

    #[test]
    fn removing_the_bot_from_a_group_or_channel_is_not_a_block() {
        for (id, kind) in [(-100, "group"), (-1001, "supergroup"), (-1002, "channel")] {
            let raw = json!({"update_id": 9, "my_chat_member": {
                "chat": {"id": id, "type": kind, "title": "g"},
                "from": {"id": 5, "is_bot": false, "first_name": "A"},
                "date": 1,
                "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "B"}},
                "new_chat_member": {"status": "kicked", "user": {"id": 1, "is_bot": true, "first_name": "B"}, "until_date": 0}
            }});
            assert_eq!(parse(&update(raw)), Event::Ignored, "{kind}");
        }
    }

    #[test]
    fn group_messages_are_ignored() {
        let mut raw = text_update_json(4, 5, "hi");
        raw["message"]["chat"] = json!({"id": -100, "type": "group", "title": "g"});
        assert_eq!(parse(&update(raw)), Event::Ignored);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,200}") {
            let _ = text_input(&text);
        }
    }
}
