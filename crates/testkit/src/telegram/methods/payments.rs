//! Payments as Telegram Stars (`XTR`) run them: `sendInvoice` and `createInvoiceLink`, the
//! pre-checkout query that must be answered within 10 s, the `successful_payment` message,
//! `refundStarPayment`.

use serde_json::{Value, json};

use super::send::{Outgoing, store};
use crate::telegram::envelope::ApiError;
use crate::telegram::model::{Content, Message};
use crate::telegram::state::{Charge, InvoiceLink, PRE_CHECKOUT_TTL, State};
use crate::telegram::validate::Params;

/// The checks `sendInvoice` and `createInvoiceLink` share; the total on success.
fn checked_invoice(p: &Params) -> Result<i64, ApiError> {
    let title = p.str("title").unwrap_or_default();
    let description = p.str("description").unwrap_or_default();
    let payload = p.str("payload").unwrap_or_default();
    let currency = p.str("currency").unwrap_or_default();
    if title.is_empty() || title.chars().count() > 32 {
        return Err(ApiError::bad("INVOICE_TITLE_INVALID"));
    }
    if description.is_empty() || description.chars().count() > 255 {
        return Err(ApiError::bad("INVOICE_DESCRIPTION_INVALID"));
    }
    if payload.is_empty() || payload.len() > 128 {
        return Err(ApiError::bad("INVOICE_PAYLOAD_INVALID"));
    }
    let prices: Vec<i64> = p
        .value("prices")
        .and_then(Value::as_array)
        .map(|prices| {
            prices
                .iter()
                .filter_map(|price| price.get("amount")?.as_i64())
                .collect()
        })
        .unwrap_or_default();
    if prices.is_empty() {
        return Err(ApiError::bad("there must be at least one price"));
    }
    if currency == "XTR" {
        let has_provider = p.str("provider_token").is_some_and(|t| !t.is_empty());
        if prices.len() != 1 || has_provider || p.i64("max_tip_amount").is_some_and(|t| t > 0) {
            return Err(ApiError::bad("STARS_INVOICE_INVALID"));
        }
    }
    let total: i64 = prices.iter().sum();
    if total <= 0 {
        return Err(ApiError::bad("CURRENCY_TOTAL_AMOUNT_INVALID"));
    }
    Ok(total)
}

/// `createInvoiceLink`: an `https://t.me/$…` link any user can pay
/// ([`crate::telegram::SimUser::pay_invoice_link`]).
pub(crate) fn create_invoice_link(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let total_amount = checked_invoice(p)?;
    let link = format!("https://t.me/$fakeinvoice{:010}", st.next_token());
    st.invoice_links.insert(
        link.clone(),
        InvoiceLink {
            currency: p.str("currency").unwrap_or_default().to_owned(),
            total_amount,
            payload: p.str("payload").unwrap_or_default().to_owned(),
        },
    );
    Ok(Value::String(link))
}

pub(crate) fn send_invoice(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_send(p)?;
    let total = checked_invoice(p)?;
    let title = p.str("title").unwrap_or_default();
    let description = p.str("description").unwrap_or_default();
    let payload = p.str("payload").unwrap_or_default();
    let currency = p.str("currency").unwrap_or_default();
    st.throttle(chat)?;
    let invoice = json!({
        "title": title,
        "description": description,
        "start_parameter": p.str("start_parameter").unwrap_or_default(),
        "currency": currency,
        "total_amount": total,
    });
    Ok(store(
        st,
        chat,
        Outgoing {
            content: Content::Invoice {
                invoice,
                payload: payload.to_owned(),
            },
            formatted: None,
            raw_text: None,
            markup: p.value("reply_markup").cloned(),
        },
    ))
}

pub(crate) fn answer_pre_checkout(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("pre_checkout_query_id").unwrap_or_default().to_owned();
    let ok = p.bool("ok");
    if !ok && p.str("error_message").is_none_or(str::is_empty) {
        return Err(ApiError::bad("error_message is required when ok is False"));
    }
    let now = st.now();
    let query = st
        .pre_checkouts
        .get_mut(&id)
        .ok_or_else(|| ApiError::bad("query is too old and response timeout expired or query ID is invalid"))?;
    if query.answer.is_some() || now.saturating_duration_since(query.at) > PRE_CHECKOUT_TTL {
        return Err(ApiError::bad(
            "query is too old and response timeout expired or query ID is invalid",
        ));
    }
    query.answer = Some(ok);
    let query = query.clone();
    st.touch();
    if ok {
        let charge_id = format!("stxFAKE{:012}", st.next_token());
        let payment = json!({
            "currency": query.currency,
            "total_amount": query.total_amount,
            "invoice_payload": query.payload,
            "telegram_payment_charge_id": charge_id,
            "provider_payment_charge_id": "",
        });
        st.charges.insert(
            charge_id,
            Charge {
                chat: query.chat,
                total_amount: query.total_amount,
                currency: query.currency.clone(),
                payload: query.payload.clone(),
                refunded: false,
            },
        );
        st.user_message(query.chat, |m: &mut Message| {
            m.content = Content::SuccessfulPayment { payment };
        });
    }
    Ok(Value::Bool(true))
}

pub(crate) fn refund(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let user = p.i64("user_id").unwrap_or_default();
    let charge_id = p.str("telegram_payment_charge_id").unwrap_or_default().to_owned();
    let charge = st
        .charges
        .get_mut(&charge_id)
        .filter(|c| c.chat == user)
        .ok_or_else(|| ApiError::bad("CHARGE_NOT_FOUND"))?;
    if charge.refunded {
        return Err(ApiError::bad("CHARGE_ALREADY_REFUNDED"));
    }
    charge.refunded = true;
    let refund = json!({
        "currency": charge.currency,
        "total_amount": charge.total_amount,
        "invoice_payload": charge.payload,
        "telegram_payment_charge_id": charge_id,
    });
    let chat = charge.chat;
    if !st.chat(chat).blocked {
        st.user_message(chat, |m: &mut Message| {
            m.content = Content::RefundedPayment { refund };
        });
    }
    Ok(Value::Bool(true))
}
