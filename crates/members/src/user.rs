//! A registered user as the domain sees them.

use kernel::{TelegramId, UserId};
use time::OffsetDateTime;

use crate::{FirstName, Language, Role, UserStatus, Username};

/// A registered user. The wallet balance lives with the wallet, not here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// MoonVPN's id.
    pub id: UserId,
    /// Telegram's id (unique).
    pub telegram_id: TelegramId,
    /// Telegram username, if any.
    pub username: Option<Username>,
    /// First name from Telegram.
    pub first_name: FirstName,
    /// The language the bot talks to them in.
    pub language: Language,
    /// What they may do (as stored; see [`crate::MemberService::effective_role`]).
    pub role: Role,
    /// Whether an admin blocked them.
    pub status: UserStatus,
    /// Whether they blocked the bot (messages to them fail).
    pub bot_blocked: bool,
    /// When they first talked to the bot.
    pub created_at: OffsetDateTime,
}

impl User {
    /// Whether an admin has blocked this account.
    pub fn is_blocked(&self) -> bool {
        self.status == UserStatus::Blocked
    }
}
