//! Inline keyboards as the bot builds them, independent of the client library.

use frankenstein::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// What a button does when tapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonKind {
    /// Sends signed callback data back to the bot (see [`crate::callback`]).
    Callback(String),
    /// Opens a link.
    Url(String),
}

/// One inline button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// The label.
    pub text: String,
    /// The action.
    pub kind: ButtonKind,
}

/// Rows of inline buttons under a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyboard {
    rows: Vec<Vec<Button>>,
}

impl Keyboard {
    /// No buttons.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a row.
    pub fn row(mut self, buttons: impl IntoIterator<Item = Button>) -> Self {
        let row: Vec<Button> = buttons.into_iter().collect();
        if !row.is_empty() {
            self.rows.push(row);
        }
        self
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<Button>] {
        &self.rows
    }

    /// Whether there are no buttons.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The Bot API form.
    pub fn to_markup(&self) -> InlineKeyboardMarkup {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|b| match &b.kind {
                        ButtonKind::Callback(data) => InlineKeyboardButton::builder()
                            .text(b.text.clone())
                            .callback_data(data.clone())
                            .build(),
                        ButtonKind::Url(url) => InlineKeyboardButton::builder()
                            .text(b.text.clone())
                            .url(url.clone())
                            .build(),
                    })
                    .collect()
            })
            .collect();
        InlineKeyboardMarkup::builder().inline_keyboard(rows).build()
    }
}
