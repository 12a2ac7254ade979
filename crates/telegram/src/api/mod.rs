//! The Bot API client: frankenstein's reqwest `Bot` behind a wrapper that never prints the
//! token, sets timeouts longer than a long poll, retries 429s as Telegram asks, classifies
//! failures ([`ApiError`]), treats "message is not modified" as success, and uploads photos
//! from memory. Every call passes the flood limiters first ([`Limiter`]); a clone made with
//! [`BotApi::bulk`] sends in the bulk lane, behind what users are waiting for.

mod error;
mod limiter;
mod media;
mod retry;
mod upload;

use std::sync::Arc;
use std::time::Duration;

use frankenstein::AsyncTelegramApi;
use frankenstein::client_reqwest::Bot;
use frankenstein::methods::{
    AnswerCallbackQueryParams, AnswerPreCheckoutQueryParams, DeleteWebhookParams, EditMessageTextParams,
    GetUpdatesParams, SendMessageParams, SetMyCommandsParams, SetWebhookParams,
};
use frankenstein::response::MethodResponse;
use frankenstein::types::{AllowedUpdate, BotCommand, LinkPreviewOptions, ReplyMarkup};
use frankenstein::{ParseMode, reqwest};
use kernel::Secret;
use serde::de::IgnoredAny;

pub use error::ApiError;
pub use limiter::{Cost, Lane, Limiter, LimiterStats, RateLimits};
pub use retry::RetryPolicy;

use crate::keyboard::Keyboard;
use crate::limits;

/// Update kinds the bot asks for (Telegram remembers the list between calls).
pub const ALLOWED_UPDATES: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::PreCheckoutQuery,
    AllowedUpdate::MyChatMember,
];

/// The largest file a bot may send as a document (Bot API: 50 MB).
pub const DOCUMENT_MAX_BYTES: usize = 50 * 1024 * 1024;

/// How long a long poll waits for updates.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// The most Bot API requests one bot has under way at once (the long poll included); the
/// others wait their turn. Each request in flight holds a connection, and without a bound a
/// crowd opened one per answer and edit (190 at 200 users tapping at once), each with its own
/// buffers and, to Telegram, its own TLS handshake. 32 at a time moves more calls per second
/// than Telegram's flood limits let through even at a 200 ms round trip.
pub const MAX_REQUESTS_IN_FLIGHT: usize = 32;

/// A message the bot sent: enough to edit it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentMessage {
    /// The chat.
    pub chat: i64,
    /// The message id in that chat.
    pub message_id: i32,
}

/// What the bot reads of Telegram's answer to `sendMessage`: the new message's id. The rest
/// (the whole message echoed back, its keyboard included) is skipped, not decoded: the bot
/// never reads it, and decoding it was a visible part of each update's CPU time (#14).
#[derive(Debug, serde::Deserialize)]
struct SentId {
    message_id: i32,
}

/// The Bot API client. `Debug` shows the API host, never the token.
#[derive(Clone)]
pub struct BotApi {
    bot: Bot,
    shown_url: String,
    policy: RetryPolicy,
    limiter: Arc<Limiter>,
    lane: Lane,
    in_flight: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for BotApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotApi")
            .field("api", &self.shown_url)
            .field("policy", &self.policy)
            .field("lane", &self.lane)
            .finish()
    }
}

impl BotApi {
    /// A client for `api_url` (e.g. `https://api.telegram.org`, a local Bot API server, or a
    /// test fake) with the bot `token`.
    pub fn new(api_url: &str, token: &Secret) -> Result<Self, ApiError> {
        let base = api_url.trim_end_matches('/');
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(POLL_TIMEOUT + Duration::from_secs(15))
            .build()
            .map_err(|e| ApiError::Network(e.without_url().to_string()))?;
        Ok(Self {
            bot: Bot::builder()
                .api_url(format!("{base}/bot{}", token.expose()))
                .client(client)
                .build(),
            shown_url: format!("{base}/bot***"),
            policy: RetryPolicy::default(),
            limiter: Arc::new(Limiter::new(RateLimits::default())),
            lane: Lane::Interactive,
            in_flight: Arc::new(tokio::sync::Semaphore::new(MAX_REQUESTS_IN_FLIGHT)),
        })
    }

    /// Replaces the flood limits (a fresh [`Limiter`], shared by the clones made after).
    pub fn with_limits(mut self, limits: RateLimits) -> Self {
        self.limiter = Arc::new(Limiter::new(limits));
        self
    }

    /// The same client in the bulk lane: its messages wait while a user's answer waits.
    /// Shares the limiter, so the bot as a whole stays within Telegram's limits.
    pub fn bulk(&self) -> Self {
        Self {
            lane: Lane::Bulk,
            ..self.clone()
        }
    }

    /// The flood limiter every clone of this client shares (its counts feed the metrics).
    pub fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// Replaces the 429 retry policy.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    async fn call<T, F, Fut>(&self, method: &str, cost: Cost, call: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        self.policy
            .run(method, || async {
                self.limiter.acquire(cost, self.lane).await;
                // Never closed, so a permit always comes.
                let _turn = self.in_flight.acquire().await.ok();
                let result = call().await;
                if let Err(ApiError::RateLimited { retry_after }) = &result
                    && cost != Cost::Free
                {
                    self.limiter.pause(*retry_after);
                }
                result
            })
            .await
    }

    async fn call_client<T, F, Fut>(&self, method: &str, cost: Cost, call: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, frankenstein::Error>>,
    {
        self.call(method, cost, || async { call().await.map_err(ApiError::from_client) })
            .await
    }

    /// One long poll: updates after `offset` as raw JSON, so one update of a kind this
    /// client cannot decode never blocks the batch (see [`crate::intake`]).
    pub async fn get_updates(
        &self,
        offset: Option<i64>,
        timeout: Duration,
    ) -> Result<Vec<serde_json::Value>, ApiError> {
        let params = GetUpdatesParams::builder()
            .maybe_offset(offset)
            .timeout(u32::try_from(timeout.as_secs()).unwrap_or(u32::MAX))
            .allowed_updates(ALLOWED_UPDATES.to_vec())
            .build();
        let response: MethodResponse<Vec<serde_json::Value>> = self
            .call_client("getUpdates", Cost::Free, || {
                self.bot.request("getUpdates", Some(params.clone()))
            })
            .await?;
        Ok(response.result)
    }

    /// Removes any webhook (polling and a webhook cannot run together); pending updates are
    /// kept.
    pub async fn delete_webhook(&self) -> Result<(), ApiError> {
        let params = DeleteWebhookParams::builder().drop_pending_updates(false).build();
        self.call_client("deleteWebhook", Cost::Free, || self.bot.delete_webhook(&params))
            .await?;
        Ok(())
    }

    /// Points Telegram at `url`; it will send `secret` in `X-Telegram-Bot-Api-Secret-Token`.
    pub async fn set_webhook(&self, url: &str, secret: &Secret) -> Result<(), ApiError> {
        let params = SetWebhookParams::builder()
            .url(url)
            .secret_token(secret.expose())
            .allowed_updates(ALLOWED_UPDATES.to_vec())
            .build();
        self.call_client("setWebhook", Cost::Free, || self.bot.set_webhook(&params))
            .await?;
        Ok(())
    }

    /// Sends an HTML message.
    pub async fn send_text(&self, chat: i64, text: &str, keyboard: Option<&Keyboard>) -> Result<SentMessage, ApiError> {
        let params = SendMessageParams::builder()
            .chat_id(chat)
            .text(text)
            .parse_mode(ParseMode::Html)
            .link_preview_options(LinkPreviewOptions::builder().is_disabled(true).build())
            .maybe_reply_markup(keyboard.map(|k| ReplyMarkup::InlineKeyboardMarkup(k.to_markup())))
            .build();
        let sent: MethodResponse<SentId> = self
            .call_client("sendMessage", Cost::Message(chat), || {
                self.bot.request("sendMessage", Some(&params))
            })
            .await?;
        Ok(SentMessage {
            chat,
            message_id: sent.result.message_id,
        })
    }

    /// Replaces a message's text and keyboard (no keyboard removes it). Editing to the same
    /// content is not an error.
    pub async fn edit_text(
        &self,
        chat: i64,
        message_id: i32,
        text: &str,
        keyboard: Option<&Keyboard>,
    ) -> Result<(), ApiError> {
        let params = EditMessageTextParams::builder()
            .chat_id(chat)
            .message_id(message_id)
            .text(text)
            .parse_mode(ParseMode::Html)
            .link_preview_options(LinkPreviewOptions::builder().is_disabled(true).build())
            .maybe_reply_markup(keyboard.map(Keyboard::to_markup))
            .build();
        let edited: Result<MethodResponse<IgnoredAny>, ApiError> = self
            .call_client("editMessageText", Cost::Edit, || {
                self.bot.request("editMessageText", Some(&params))
            })
            .await;
        match edited {
            Ok(_) | Err(ApiError::NotModified) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Deletes a message from a chat (a bot may delete a user's message in its private chat
    /// for 48 hours).
    pub async fn delete_message(&self, chat: i64, message_id: i32) -> Result<(), ApiError> {
        let params = frankenstein::methods::DeleteMessageParams::builder()
            .chat_id(chat)
            .message_id(message_id)
            .build();
        self.call_client("deleteMessage", Cost::Edit, || self.bot.delete_message(&params))
            .await?;
        Ok(())
    }

    /// Answers a callback query (stops the button's spinner), optionally with a toast or an
    /// alert.
    pub async fn answer_callback(&self, query_id: &str, text: Option<&str>, alert: bool) -> Result<(), ApiError> {
        let params = AnswerCallbackQueryParams::builder()
            .callback_query_id(query_id)
            .maybe_text(text.map(str::to_owned))
            .maybe_show_alert(alert.then_some(true))
            .build();
        self.call_client("answerCallbackQuery", Cost::Free, || {
            self.bot.answer_callback_query(&params)
        })
        .await?;
        Ok(())
    }

    /// Sets the command menu (`(command, description)` pairs) for users whose app speaks
    /// `language_code`, or the default menu with `None`.
    pub async fn set_commands(&self, commands: &[(&str, String)], language_code: Option<&str>) -> Result<(), ApiError> {
        let commands = commands
            .iter()
            .map(|(command, description)| {
                BotCommand::builder()
                    .command(*command)
                    .description(limits::fit(description, 256))
                    .build()
            })
            .collect::<Vec<_>>();
        let params = SetMyCommandsParams::builder()
            .commands(commands)
            .maybe_language_code(language_code.map(str::to_owned))
            .build();
        self.call_client("setMyCommands", Cost::Free, || self.bot.set_my_commands(&params))
            .await?;
        Ok(())
    }

    /// Answers a payment's pre-checkout query: `None` accepts, `Some(reason)` refuses.
    pub async fn answer_pre_checkout(&self, query_id: &str, refusal: Option<&str>) -> Result<(), ApiError> {
        let params = AnswerPreCheckoutQueryParams::builder()
            .pre_checkout_query_id(query_id)
            .ok(refusal.is_none())
            .maybe_error_message(refusal.map(str::to_owned))
            .build();
        self.call_client("answerPreCheckoutQuery", Cost::Free, || {
            self.bot.answer_pre_checkout_query(&params)
        })
        .await?;
        Ok(())
    }

    /// An invoice link in Telegram Stars (`XTR`, one price, no provider token) the user opens
    /// to pay `stars`; `payload` (1–128 bytes) comes back in the pre-checkout query and the
    /// `successful_payment` message.
    pub async fn create_stars_invoice_link(
        &self,
        title: &str,
        description: &str,
        payload: &str,
        stars: u32,
    ) -> Result<String, ApiError> {
        let params = frankenstein::methods::CreateInvoiceLinkParams::builder()
            .title(title)
            .description(description)
            .payload(payload)
            .provider_token(String::new())
            .currency("XTR")
            .prices(vec![
                frankenstein::payments::LabeledPrice::builder()
                    .label(title)
                    .amount(stars)
                    .build(),
            ])
            .build();
        self.call_client("createInvoiceLink", Cost::Free, || {
            self.bot.create_invoice_link(&params)
        })
        .await
        .map(|response| response.result)
    }

    /// Gives a Stars payment back to the payer (`refundStarPayment`).
    pub async fn refund_star_payment(&self, user: u64, charge_id: &str) -> Result<(), ApiError> {
        let params = frankenstein::methods::RefundStarPaymentParams::builder()
            .user_id(user)
            .telegram_payment_charge_id(charge_id)
            .build();
        self.call_client("refundStarPayment", Cost::Free, || {
            self.bot.refund_star_payment(&params)
        })
        .await?;
        Ok(())
    }

    /// Sends a PNG from memory as a photo with an HTML caption (multipart upload on the
    /// same HTTP client; frankenstein only uploads files from disk).
    pub async fn send_photo_bytes(
        &self,
        chat: i64,
        png: Vec<u8>,
        caption: Option<&str>,
        keyboard: Option<&Keyboard>,
    ) -> Result<SentMessage, ApiError> {
        let message_id = self
            .call("sendPhoto", Cost::Message(chat), || {
                upload::send_photo(&self.bot, chat, png.clone(), caption, keyboard)
            })
            .await?;
        Ok(SentMessage { chat, message_id })
    }

    /// Sends a file from memory as a document named `file_name` with an HTML caption
    /// (Telegram takes up to [`DOCUMENT_MAX_BYTES`] from a bot).
    pub async fn send_document_bytes(
        &self,
        chat: i64,
        bytes: Vec<u8>,
        file_name: &str,
        caption: Option<&str>,
    ) -> Result<SentMessage, ApiError> {
        let message_id = self
            .call("sendDocument", Cost::Message(chat), || {
                upload::send_document(&self.bot, chat, bytes.clone(), file_name, caption)
            })
            .await?;
        Ok(SentMessage { chat, message_id })
    }
}

#[cfg(test)]
mod in_flight_tests;
