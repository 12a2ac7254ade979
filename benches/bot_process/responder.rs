//! The ceiling: a do-nothing bot that makes the same Bot API calls per update as MoonVPN
//! (one message for `/start`; the button's answer alongside the screen edit for a tap), with
//! no database and no screens, as its own process (`bot_process --responder URL TOKEN`).

use std::time::Duration;

use serde_json::{Value, json};

/// A keyboard shaped like MoonVPN's main menu (nine buttons).
fn menu() -> Value {
    let b = |text: &str, data: &str| json!({"text": text, "callback_data": data});
    json!({"inline_keyboard": [
        [b("🛒 Buy a plan", "p")],
        [b("📦 My services", "s"), b("💰 Wallet", "w")],
        [b("🎁 Free test", "f"), b("❓ Help", "h")],
        [b("🌐 Language", "l"), b("⚙️ Settings", "t")],
    ]})
}

/// Polls `api_url` with `token` and answers until killed.
pub async fn run(api_url: &str, token: &str) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let base = format!("{}/bot{token}", api_url.trim_end_matches('/'));
    let mut offset = 0_i64;
    loop {
        let polled: Value = match client
            .post(format!("{base}/getUpdates"))
            .json(&json!({"offset": offset, "timeout": 25}))
            .send()
            .await
        {
            Ok(response) => response.json().await.unwrap_or(Value::Null),
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        for update in polled["result"].as_array().into_iter().flatten() {
            offset = offset.max(update["update_id"].as_i64().unwrap_or(0) + 1);
            let (client, base, update) = (client.clone(), base.clone(), update.clone());
            tokio::spawn(async move { answer(&client, &base, &update).await });
        }
    }
}

async fn call(client: &reqwest::Client, base: &str, method: &str, params: Value) {
    let _ = client.post(format!("{base}/{method}")).json(&params).send().await;
}

async fn answer(client: &reqwest::Client, base: &str, update: &Value) {
    if let Some(message) = update.get("message") {
        let chat = message["chat"]["id"].as_i64().unwrap_or(0);
        let name = message["from"]["first_name"].as_str().unwrap_or("you");
        let text = format!("Welcome back, {name}!\n\n<b>Main menu</b>. What would you like to do?");
        let params = json!({"chat_id": chat, "text": text, "parse_mode": "HTML", "reply_markup": menu()});
        call(client, base, "sendMessage", params).await;
    } else if let Some(query) = update.get("callback_query") {
        let chat = query["message"]["chat"]["id"].as_i64().unwrap_or(0);
        let message_id = query["message"]["message_id"].as_i64().unwrap_or(0);
        let text = "<b>💰 Wallet</b>\n\nBalance: <b>1,000 IRT</b>";
        let back = json!({"inline_keyboard": [[{"text": "➕ Top up", "callback_data": "u"}], [{"text": "⬅️ Main menu", "callback_data": "m"}]]});
        let edit = json!({"chat_id": chat, "message_id": message_id, "text": text, "parse_mode": "HTML", "reply_markup": back});
        let answered = json!({"callback_query_id": query["id"]});
        tokio::join!(
            call(client, base, "answerCallbackQuery", answered),
            call(client, base, "editMessageText", edit)
        );
    }
}
