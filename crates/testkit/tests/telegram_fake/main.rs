//! Raw-HTTP tests proving the fake answers like the Telegram Bot API (and a frankenstein
//! client session against it).

mod envelope;
mod flood;
mod frankenstein_client;
mod helpers;
mod messages;
mod observe;
mod payments;
mod polling;
mod users;
mod validation;
mod webhook;
