//! What a screen handler gets: the dependencies, the user, their language and chat.

use kernel::Money;
use members::{Language, Role, User};
use telegram_state::ChatKey;

use super::BotDeps;
use super::conversation::Conversation;
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::{Button, ButtonKind, Keyboard};

/// One input's context.
pub struct Ctx<'a> {
    /// Services, catalogs, settings.
    pub deps: &'a BotDeps,
    /// The registered user.
    pub user: &'a User,
    /// Their effective role (superadmins from the config included).
    pub role: Role,
    /// The chat to answer in.
    pub chat: ChatKey,
    /// The language to answer in.
    pub lang: Language,
    /// What the chat was waiting for.
    pub state: &'a Conversation,
    /// The text message whose button was tapped, if the bot can edit it (the screen a tap's
    /// answer replaces).
    pub origin: Option<i32>,
}

impl Ctx<'_> {
    /// A message in the user's language.
    pub fn t(&self, key: &str) -> String {
        self.deps.i18n.t(self.lang, key)
    }

    /// A message with arguments in the user's language.
    pub fn t_args(&self, key: &str, args: &Args) -> String {
        self.deps.i18n.t_args(self.lang, key, args)
    }

    /// An amount in the user's language.
    pub fn money(&self, amount: Money) -> String {
        self.deps.i18n.money(self.lang, amount)
    }

    /// A button labelled with catalog key `key` that performs `action` in this chat.
    pub fn button(&self, key: &str, action: Action) -> Button {
        self.button_text(self.t(key), action)
    }

    /// A button label with arguments (catalog keys `label-*`), cut to a button's length.
    pub fn label(&self, key: &str, args: &Args) -> String {
        crate::limits::fit(&self.t_args(key, args), crate::limits::BUTTON)
    }

    /// Now, by the bot's clock.
    pub fn now(&self) -> time::OffsetDateTime {
        self.deps.clock.now()
    }

    /// A button with a ready label (cut to a button's length).
    pub fn button_text(&self, text: String, action: Action) -> Button {
        let text = crate::limits::fit(&text, crate::limits::BUTTON);
        let data = self.deps.codec.encode(self.chat, &action).unwrap_or_else(|e| {
            tracing::error!(error = %e, "callback data too long; falling back to the menu");
            self.deps.codec.encode(self.chat, &Action::Menu).unwrap_or_default()
        });
        Button {
            text,
            kind: ButtonKind::Callback(data),
        }
    }

    /// A keyboard with just "« Main menu".
    pub fn back_to_menu(&self) -> Keyboard {
        Keyboard::new().row([self.button("btn-menu", Action::Menu)])
    }
}
