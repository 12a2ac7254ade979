//! `answerCallbackQuery`: once per query, within ~15 s (simulated clock), text ≤ 200 chars.

use serde_json::Value;

use crate::telegram::envelope::ApiError;
use crate::telegram::state::{CALLBACK_TTL, State};
use crate::telegram::validate::Params;

const TOO_OLD: &str = "query is too old and response timeout expired or query ID is invalid";

pub(crate) fn answer(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("callback_query_id").unwrap_or_default();
    let now = st.now();
    let query = st.callback_queries.get_mut(id).ok_or_else(|| ApiError::bad(TOO_OLD))?;
    if query.answer.is_some() || now.saturating_duration_since(query.at) > CALLBACK_TTL {
        return Err(ApiError::bad(TOO_OLD));
    }
    let text = p.str("text").map(str::to_owned);
    if text.as_deref().is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad("MESSAGE_TOO_LONG"));
    }
    query.answer = Some(text);
    st.touch();
    Ok(Value::Bool(true))
}
