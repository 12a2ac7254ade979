//! The methods the fake answers, by name. `getUpdates` is not here: it waits, so the server
//! runs it (see `updates`).

mod callbacks;
mod edit;
mod media;
mod misc;
mod payments;
mod send;

use serde_json::Value;

use super::envelope::ApiError;
use super::spec::{Method, TypeRef};
use super::state::State;
use super::updates;
use super::validate::Params;

/// Runs a validated call against the state.
pub(crate) fn dispatch(st: &mut State, method: &Method, params: &Params) -> Result<Value, ApiError> {
    match method.name.as_str() {
        "getMe" => Ok(misc::get_me(st)),
        "setWebhook" => updates::set_webhook(st, params),
        "deleteWebhook" => updates::delete_webhook(st, params),
        "getWebhookInfo" => Ok(updates::webhook_info(st)),
        "sendMessage" => send::send_message(st, params),
        "sendPhoto" => media::send_photo(st, params),
        "sendDocument" => media::send_document(st, params),
        "getFile" => media::get_file(st, params),
        "editMessageText" => edit::edit_text(st, params),
        "editMessageCaption" => edit::edit_caption(st, params),
        "editMessageReplyMarkup" => edit::edit_reply_markup(st, params),
        "deleteMessage" => edit::delete_message(st, params),
        "deleteMessages" => edit::delete_messages(st, params),
        "answerCallbackQuery" => callbacks::answer(st, params),
        "sendInvoice" => payments::send_invoice(st, params),
        "createInvoiceLink" => payments::create_invoice_link(st, params),
        "answerPreCheckoutQuery" => payments::answer_pre_checkout(st, params),
        "refundStarPayment" => payments::refund(st, params),
        "getChat" => misc::get_chat(st, params),
        "sendChatAction" => misc::send_chat_action(st, params),
        "setMyCommands" => misc::set_my_commands(st, params),
        "getMyCommands" => Ok(st.commands.clone()),
        "deleteMyCommands" => {
            st.commands = Value::Array(Vec::new());
            Ok(Value::Bool(true))
        }
        _ => fallback(st, method, params),
    }
}

/// Methods without a model: `True` for setters, a plain message for other `send…` methods,
/// and a clear refusal for the rest.
fn fallback(st: &mut State, method: &Method, params: &Params) -> Result<Value, ApiError> {
    let returns_message = method.returns.contains(&TypeRef::Named("Message".to_owned()));
    if returns_message && method.name.starts_with("send") {
        return send::send_other(st, &method.name, params);
    }
    if method.returns.contains(&TypeRef::Boolean) {
        return Ok(Value::Bool(true));
    }
    Err(ApiError::bad(format!(
        "method {} is valid but not simulated by FakeTelegram",
        method.name
    )))
}
