//! `moonvpn user message <who> --text TEXT`: the use case behind the bot's ✉️ Message, as the
//! first configured superadmin (role checked, audited `user.message`). The message goes out
//! through the outbox like the bot's: the running bot delivers it.

use notify::{MessageError, MessageText};
use serde::Serialize;

use super::common::{acting_admin, to_json};
use super::panel::CliError;
use super::user::resolve;
use crate::config::Config;
use crate::wiring::Services;

#[derive(Serialize)]
struct MessageJson {
    user: i64,
    telegram_id: i64,
    length: usize,
    queued: bool,
}

/// Queues `text` for the user named by `who`. An empty or too long text is refused (exit 2)
/// before anything is read; a user who blocked the bot is refused (exit 1) and nothing is
/// stored.
pub async fn message(s: &Services, config: &Config, who: &str, text: &str, json: bool) -> Result<String, CliError> {
    let text = MessageText::parse(text).map_err(|e| CliError::input(format!("--text: {e}")))?;
    let admin = acting_admin(config, s).await?;
    let target = resolve(s, who).await?;
    let length = text.chars();
    let sent = s
        .messages
        .message_user(admin, target.id, text)
        .await
        .map_err(|e| match e {
            MessageError::BotBlocked(_) => CliError::failed(format!(
                "user #{} (telegram {}) blocked the bot, so no message can reach them; nothing was sent",
                target.id,
                target.telegram_id.get()
            )),
            other => CliError::failed(format!("the message was not sent: {other}")),
        })?;
    let doc = MessageJson {
        user: sent.id.get(),
        telegram_id: sent.telegram_id.get(),
        length,
        queued: true,
    };
    if json {
        return to_json(&doc);
    }
    Ok(format!(
        "message of {} characters queued for user #{} (telegram {}); the bot delivers it\n",
        doc.length, doc.user, doc.telegram_id
    ))
}
