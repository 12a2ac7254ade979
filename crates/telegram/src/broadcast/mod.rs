//! Broadcasts over Telegram: how a campaign looks to its recipients ([`message`]), how its
//! progress looks to its admin ([`view`]), and the [`TelegramBroadcaster`] the broadcast job
//! sends through (the bulk lane of the flood limits, behind what users are waiting for).

mod sender;
pub mod view;

pub use sender::TelegramBroadcaster;

use notify::broadcast::Content;

use crate::i18n::escape_html;
use crate::keyboard::{Button, ButtonKind, Keyboard};

/// A campaign's message as recipients get it: the text (escaped: it is plain text) and, if
/// it has one, the link button.
pub fn message(content: &Content) -> (String, Option<Keyboard>) {
    let text = escape_html(content.text().as_str());
    let keyboard = content.button().map(|b| {
        Keyboard::new().row([Button {
            text: crate::limits::fit(b.label(), crate::limits::BUTTON),
            kind: ButtonKind::Url(b.url().to_owned()),
        }])
    });
    (text, keyboard)
}
