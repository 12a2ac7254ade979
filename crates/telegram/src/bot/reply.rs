//! What a handler answers: messages, a toast for the tapped button, and the chat's next
//! state. Handlers build a [`Reply`]; the bot sends it ([`super::deliver`]), so handlers
//! stay free of transport concerns and can be tested without HTTP.

use super::conversation::Conversation;
use crate::keyboard::Keyboard;

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    /// The next screen: replaces the message whose button was tapped (edit), or is sent
    /// as a new message when the input was typed.
    Show {
        /// HTML text.
        text: String,
        /// Buttons under it.
        keyboard: Option<Keyboard>,
    },
    /// Always a new message.
    Send {
        /// HTML text.
        text: String,
        /// Buttons under it.
        keyboard: Option<Keyboard>,
    },
    /// A photo Telegram already has (its `file_id`) with an HTML caption: always a new message.
    SharedPhoto {
        /// Telegram's file id.
        file_id: String,
        /// The caption.
        caption: Option<String>,
        /// Buttons under it.
        keyboard: Option<Keyboard>,
    },
    /// A PNG image (a QR code) with an HTML caption.
    Photo {
        /// The PNG bytes.
        png: Vec<u8>,
        /// The caption.
        caption: Option<String>,
        /// Buttons under it.
        keyboard: Option<Keyboard>,
    },
}

/// A handler's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    /// Text for the tapped button's answer (a short toast); none answers silently.
    pub toast: Option<String>,
    /// Messages, in order.
    pub messages: Vec<Outgoing>,
    /// The chat's next state; `None` keeps the current one.
    pub next: Option<Conversation>,
    /// Delete the message the user sent (it held a secret, such as a panel password).
    pub forget_input: bool,
}

impl Reply {
    /// Nothing to say.
    pub fn none() -> Self {
        Self::default()
    }

    /// A screen: edits the tapped message, or sends when the input was typed.
    pub fn show(text: String, keyboard: Keyboard) -> Self {
        Self::none().and_show(text, keyboard)
    }

    /// A new message.
    pub fn send(text: String, keyboard: Option<Keyboard>) -> Self {
        Self::none().and_send(text, keyboard)
    }

    /// Adds a screen.
    pub fn and_show(mut self, text: String, keyboard: Keyboard) -> Self {
        self.messages.push(Outgoing::Show {
            text,
            keyboard: (!keyboard.is_empty()).then_some(keyboard),
        });
        self
    }

    /// Adds a new message.
    pub fn and_send(mut self, text: String, keyboard: Option<Keyboard>) -> Self {
        self.messages.push(Outgoing::Send { text, keyboard });
        self
    }

    /// Adds a photo.
    pub fn and_photo(mut self, png: Vec<u8>, caption: Option<String>, keyboard: Option<Keyboard>) -> Self {
        self.messages.push(Outgoing::Photo { png, caption, keyboard });
        self
    }

    /// Adds a photo Telegram already has.
    pub fn and_shared_photo(mut self, file_id: String, caption: Option<String>, keyboard: Option<Keyboard>) -> Self {
        self.messages.push(Outgoing::SharedPhoto {
            file_id,
            caption,
            keyboard,
        });
        self
    }

    /// Sets the toast shown for the tapped button.
    pub fn toast(mut self, text: String) -> Self {
        self.toast = Some(text);
        self
    }

    /// Deletes the user's message from the chat once it is read (it held a secret).
    pub fn forget_input(mut self) -> Self {
        self.forget_input = true;
        self
    }

    /// Moves the chat to `state`.
    pub fn state(mut self, state: Conversation) -> Self {
        self.next = Some(state);
        self
    }
}
