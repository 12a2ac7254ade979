//! A walk through the bot's screens, recorded step by step for a snapshot: under each step's
//! name, what the bot sent or changed (edited in place) since the previous step, rendered by
//! [`render_chat`] with volatile values redacted.
//!
//! ```text
//! ── /menu
//! < Main menu
//!   [🛒 Buy a plan] [👛 Wallet]
//! ── 🛒 Buy a plan
//! < Pick a location:
//!   ...
//! ```

use regex::Regex;

use super::chat_snapshot::render_chat;
use super::{ChatEntry, Sender, SimUser};

/// One user's chat cut into named steps. Start it with [`Screens::new`] (what the user saw
/// before is left out) or [`Screens::from_start`] (the whole chat counts).
pub struct Screens {
    user: SimUser,
    before: Vec<ChatEntry>,
    out: String,
    user_messages: bool,
    redactions: Vec<(Regex, String)>,
}

impl Screens {
    /// Records what the bot shows `user` from now on.
    pub fn new(user: &SimUser) -> Self {
        Self {
            user: user.clone(),
            before: user.transcript(),
            out: String::new(),
            user_messages: false,
            redactions: Vec::new(),
        }
    }

    /// Records `user`'s whole chat, from its first message.
    pub fn from_start(user: &SimUser) -> Self {
        Self {
            before: Vec::new(),
            ..Self::new(user)
        }
    }

    /// Also records what the user sent (a photo, a payment), not only the bot's messages.
    #[must_use]
    pub fn with_user_messages(mut self) -> Self {
        self.user_messages = true;
        self
    }

    /// Replaces every match of `pattern` with `placeholder` in what is recorded (a value only
    /// this walk knows to be volatile, such as a provider's pay link).
    ///
    /// # Panics
    /// If `pattern` is not a valid regular expression.
    #[must_use]
    pub fn redacting(mut self, pattern: &str, placeholder: &str) -> Self {
        let pattern = Regex::new(pattern).expect("a valid redaction pattern");
        self.redactions.push((pattern, placeholder.to_owned()));
        self
    }

    /// Leaves out what the bot showed since the last step (the way to the next screen).
    pub fn skip(&mut self) {
        self.before = self.user.transcript();
    }

    /// Adds what was shown since the last step, under `step`.
    pub fn record(&mut self, step: &str) {
        let transcript = self.user.transcript();
        let shown: Vec<ChatEntry> = transcript
            .iter()
            .enumerate()
            .filter(|(n, entry)| self.before.get(*n) != Some(*entry))
            .filter(|(n, entry)| entry.from == Sender::Bot || (self.user_messages && *n >= self.before.len()))
            .map(|(_, entry)| entry.clone())
            .collect();
        let rendered = self
            .redactions
            .iter()
            .fold(render_chat(&shown), |text, (pattern, placeholder)| {
                pattern.replace_all(&text, placeholder.as_str()).into_owned()
            });
        self.out.push_str(&format!("── {step}\n{rendered}"));
        self.before = transcript;
    }

    /// Adds the steps `other` recorded (another chat in the same walk) after these.
    pub fn append(&mut self, other: &Screens) {
        self.out.push_str(&other.out);
    }

    /// The transcript recorded so far.
    pub fn text(&self) -> &str {
        &self.out
    }

    /// The transcript recorded.
    pub fn into_text(self) -> String {
        self.out
    }
}
