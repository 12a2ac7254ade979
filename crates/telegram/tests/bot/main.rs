//! The bot against the fake Bot API (`testkit::telegram::FakeTelegram`) and a real SQLite
//! store: what a user sees, and what the bot does when Telegram misbehaves.

mod support;

mod callbacks;
mod delivery;
mod menus;
mod notices;
mod ordering;
mod restart;
mod start;
mod transport;
mod webhook;
