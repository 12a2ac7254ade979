//! `getMe`, `getChat`, `sendChatAction`, `setMyCommands`.

use serde_json::{Value, json};

use crate::telegram::envelope::ApiError;
use crate::telegram::state::State;
use crate::telegram::validate::Params;

pub(crate) fn get_me(st: &State) -> Value {
    let mut me = st.bot.user_json();
    me["can_join_groups"] = json!(true);
    me["can_read_all_group_messages"] = json!(false);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    me
}

pub(crate) fn get_chat(st: &State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.resolve_chat(p)?;
    let mut info = st.chat(chat).person.chat_json();
    info["accent_color_id"] = json!(0);
    info["max_reaction_count"] = json!(11);
    info["accepted_gift_types"] = json!({
        "unlimited_gifts": true,
        "limited_gifts": true,
        "unique_gifts": true,
        "premium_subscription": true,
    });
    Ok(info)
}

pub(crate) fn send_chat_action(st: &State, p: &Params) -> Result<Value, ApiError> {
    st.chat_for_send(p)?;
    Ok(Value::Bool(true))
}

pub(crate) fn set_my_commands(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let commands = p.value("commands").cloned().unwrap_or_else(|| json!([]));
    for command in commands.as_array().into_iter().flatten() {
        let name = command.get("command").and_then(Value::as_str).unwrap_or_default();
        let valid = !name.is_empty()
            && name.len() <= 32
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(ApiError::bad("BOT_COMMAND_INVALID"));
        }
        let description = command.get("description").and_then(Value::as_str).unwrap_or_default();
        if description.is_empty() || description.chars().count() > 256 {
            return Err(ApiError::bad("BOT_COMMAND_DESCRIPTION_INVALID"));
        }
    }
    st.commands = commands;
    Ok(Value::Bool(true))
}
