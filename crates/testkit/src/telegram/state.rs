//! Everything one fake remembers, behind one lock: chats, pending updates, callback and
//! pre-checkout queries, files, the webhook, the limiter, injected failures and the call log.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::envelope::ApiError;
use super::files::Files;
use super::model::{BotInfo, Chat, Message, Person};
use super::ratelimit::RateLimits;
use super::transcript::RecordedCall;
use super::validate::Params;

/// How long a callback query can still be answered (Telegram: roughly 10–15 s).
pub(crate) const CALLBACK_TTL: Duration = Duration::from_secs(15);
/// How long a pre-checkout query can still be answered.
pub(crate) const PRE_CHECKOUT_TTL: Duration = Duration::from_secs(10);

/// Update kinds delivered when the bot never chose (`allowed_updates` unset or empty).
const NOT_BY_DEFAULT: &[&str] = &["chat_member", "message_reaction", "message_reaction_count"];

/// A pending update.
#[derive(Clone, Debug)]
pub(crate) struct QueuedUpdate {
    pub(crate) id: i64,
    /// The whole `Update` object, `update_id` included.
    pub(crate) body: Value,
}

/// The webhook set by `setWebhook`.
#[derive(Clone, Debug)]
pub(crate) struct Webhook {
    pub(crate) url: String,
    pub(crate) secret: Option<String>,
    pub(crate) max_connections: i64,
    pub(crate) last_error: Option<(i64, String)>,
}

/// A callback query a simulated user started by tapping a button.
#[derive(Clone, Debug)]
pub(crate) struct CallbackQuery {
    pub(crate) chat: i64,
    pub(crate) at: Instant,
    /// `Some(text)` once answered.
    pub(crate) answer: Option<Option<String>>,
}

/// A pre-checkout query a simulated user started by paying an invoice.
#[derive(Clone, Debug)]
pub(crate) struct PreCheckout {
    pub(crate) chat: i64,
    pub(crate) currency: String,
    pub(crate) total_amount: i64,
    pub(crate) payload: String,
    pub(crate) at: Instant,
    /// `Some(ok)` once answered.
    pub(crate) answer: Option<bool>,
}

/// A Telegram Stars (or other) payment that went through.
#[derive(Clone, Debug)]
pub(crate) struct Charge {
    pub(crate) chat: i64,
    pub(crate) total_amount: i64,
    pub(crate) currency: String,
    pub(crate) payload: String,
    pub(crate) refunded: bool,
}

/// An invoice made by `createInvoiceLink`, payable by anyone who opens the link.
#[derive(Clone, Debug)]
pub(crate) struct InvoiceLink {
    pub(crate) currency: String,
    pub(crate) total_amount: i64,
    pub(crate) payload: String,
}

/// The fake's whole state.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) token: String,
    pub(crate) bot: BotInfo,
    pub(crate) chats: BTreeMap<i64, Chat>,
    pub(crate) updates: VecDeque<QueuedUpdate>,
    next_update_id: i64,
    /// The highest update id handed to the bot (by getUpdates or the webhook).
    pub(crate) handed_out: i64,
    pub(crate) allowed_updates: Option<Vec<String>>,
    /// Bumped by every getUpdates and setWebhook; an older waiting poll sees it and gives up.
    pub(crate) poll_generation: u64,
    pub(crate) poll_terminated_by: &'static str,
    pub(crate) webhook: Option<Webhook>,
    pub(crate) webhook_task: Option<tokio::task::JoinHandle<()>>,
    /// A host name the webhook sender resolves to a fixed address (a reverse proxy's view).
    pub(crate) webhook_host: Option<(String, std::net::SocketAddr)>,
    pub(crate) callback_queries: HashMap<String, CallbackQuery>,
    /// Callback query ids in the order users tapped.
    pub(crate) callback_order: Vec<String>,
    pub(crate) pre_checkouts: HashMap<String, PreCheckout>,
    pub(crate) charges: HashMap<String, Charge>,
    pub(crate) invoice_links: HashMap<String, InvoiceLink>,
    pub(crate) files: Files,
    pub(crate) rate: RateLimits,
    /// Sends refused with 429 by the flood limits.
    pub(crate) flood_refusals: u64,
    pub(crate) failures: Vec<(String, ApiError)>,
    pub(crate) calls: Vec<RecordedCall>,
    /// Who hears about every answered call ([`super::FakeTelegram::observe_calls`]).
    pub(crate) observer: Option<super::observe::Observer>,
    pub(crate) commands: Value,
    pub(crate) in_flight: usize,
    pub(crate) last_activity: Instant,
    clock_offset: Duration,
    counter: u64,
    wake: Arc<Notify>,
}

impl State {
    pub(crate) fn new(token: &str, wake: Arc<Notify>) -> State {
        let id = token
            .split(':')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or(123_456);
        State {
            token: token.to_owned(),
            bot: BotInfo {
                id,
                first_name: "MoonVPN Test Bot".to_owned(),
                username: "moonvpn_test_bot".to_owned(),
            },
            chats: BTreeMap::new(),
            updates: VecDeque::new(),
            next_update_id: 1,
            handed_out: 0,
            allowed_updates: None,
            poll_generation: 0,
            poll_terminated_by: "",
            webhook: None,
            webhook_task: None,
            webhook_host: None,
            callback_queries: HashMap::new(),
            callback_order: Vec::new(),
            pre_checkouts: HashMap::new(),
            charges: HashMap::new(),
            invoice_links: HashMap::new(),
            files: Files::default(),
            rate: RateLimits::default(),
            flood_refusals: 0,
            failures: Vec::new(),
            calls: Vec::new(),
            observer: None,
            commands: json!([]),
            in_flight: 0,
            last_activity: Instant::now(),
            clock_offset: Duration::ZERO,
            counter: 0,
            wake,
        }
    }

    /// The simulated clock (tokio's clock plus what the test advanced).
    pub(crate) fn now(&self) -> Instant {
        Instant::now() + self.clock_offset
    }

    pub(crate) fn advance(&mut self, by: Duration) {
        self.clock_offset += by;
    }

    /// Unix seconds for `date` fields, on the simulated clock.
    pub(crate) fn unix_now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        i64::try_from(real + self.clock_offset.as_secs()).unwrap_or(i64::MAX)
    }

    /// A fresh id for callback queries, charges and the like.
    pub(crate) fn next_token(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    pub(crate) fn touch(&mut self) {
        self.last_activity = Instant::now();
    }

    /// Wakes waiting long polls and the webhook sender.
    pub(crate) fn wake(&self) {
        self.wake.notify_waiters();
    }

    /// Registers (or renames) a simulated user and their private chat.
    pub(crate) fn ensure_person(&mut self, person: Person) {
        match self.chats.get_mut(&person.id) {
            Some(chat) => chat.person = person,
            None => {
                self.chats.insert(person.id, Chat::new(person));
            }
        }
    }

    /// The chat of a user the test created.
    pub(crate) fn chat(&self, id: i64) -> &Chat {
        match self.chats.get(&id) {
            Some(chat) => chat,
            None => panic!("FakeTelegram: no simulated user {id}"),
        }
    }

    pub(crate) fn chat_mut(&mut self, id: i64) -> &mut Chat {
        match self.chats.get_mut(&id) {
            Some(chat) => chat,
            None => panic!("FakeTelegram: no simulated user {id}"),
        }
    }

    /// Whether an update of this kind reaches the bot under its `allowed_updates`.
    fn allowed(&self, kind: &str) -> bool {
        match &self.allowed_updates {
            Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
            _ => !NOT_BY_DEFAULT.contains(&kind),
        }
    }

    /// Queues an update (dropped, as Telegram does, when `allowed_updates` excludes its kind);
    /// returns its id.
    pub(crate) fn push_update(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        if self.allowed(kind) {
            self.updates.push_back(QueuedUpdate {
                id,
                body: json!({ "update_id": id, kind: payload }),
            });
        }
        self.touch();
        self.wake();
        id
    }

    /// Queues a raw update object as-is (its `update_id` is replaced by the next one).
    pub(crate) fn push_raw_update(&mut self, mut update: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        if let Value::Object(map) = &mut update {
            map.insert("update_id".to_owned(), json!(id));
        }
        self.updates.push_back(QueuedUpdate { id, body: update });
        self.touch();
        self.wake();
        id
    }

    /// Adds a message from the user to their chat and queues the `message` update.
    pub(crate) fn user_message(&mut self, chat_id: i64, build: impl FnOnce(&mut Message)) -> i64 {
        let date = self.unix_now();
        let bot = self.bot.clone();
        let chat = self.chat_mut(chat_id);
        assert!(
            !chat.blocked,
            "FakeTelegram: user {chat_id} has blocked the bot; call unblock_bot() before they write again"
        );
        chat.started = true;
        let id = chat.next_id();
        let mut message = Message::new(id, false, date, super::model::Content::Text);
        build(&mut message);
        let json = message.to_json(&chat.person, &bot);
        chat.messages.push(message);
        self.push_update("message", json);
        id
    }

    /// The current Bot API object of a message.
    pub(crate) fn message_json(&self, chat_id: i64, message_id: i64) -> Value {
        let chat = self.chat(chat_id);
        chat.messages
            .iter()
            .find(|m| m.id == message_id)
            .map(|m| m.to_json(&chat.person, &self.bot))
            .unwrap_or(Value::Null)
    }

    /// Resolves `chat_id` to a known private chat.
    pub(crate) fn resolve_chat(&self, params: &Params) -> Result<i64, ApiError> {
        let id = match params.value("chat_id") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(name)) => name.strip_prefix('@').and_then(|name| {
                self.chats
                    .values()
                    .find(|c| c.person.username.as_deref() == Some(name))
                    .map(|c| c.person.id)
            }),
            _ => None,
        };
        id.filter(|id| self.chats.contains_key(id))
            .ok_or_else(|| ApiError::bad("chat not found"))
    }

    /// The chat a message may be sent to: known, started by the user, not blocked.
    pub(crate) fn chat_for_send(&self, params: &Params) -> Result<i64, ApiError> {
        let id = self.chat_for_edit(params)?;
        if self.chat(id).deactivated {
            return Err(ApiError::forbidden("user is deactivated"));
        }
        if !self.chat(id).started {
            return Err(ApiError::forbidden("bot can't initiate conversation with a user"));
        }
        Ok(id)
    }

    /// Takes one message from the flood allowance of `chat`, or refuses with 429.
    pub(crate) fn throttle(&mut self, chat: i64) -> Result<(), ApiError> {
        let now = self.now();
        let taken = self.rate.take(chat, now);
        if taken.is_err() {
            self.flood_refusals += 1;
        }
        taken.map_err(ApiError::too_many)
    }

    /// The chat whose messages may be edited or deleted: known and not blocked.
    pub(crate) fn chat_for_edit(&self, params: &Params) -> Result<i64, ApiError> {
        let id = self.resolve_chat(params)?;
        if self.chat(id).blocked {
            return Err(ApiError::forbidden("bot was blocked by the user"));
        }
        Ok(id)
    }

    /// Takes the failure injected for this method, if any.
    pub(crate) fn take_failure(&mut self, method: &str) -> Option<ApiError> {
        let index = self.failures.iter().position(|(m, _)| m.eq_ignore_ascii_case(method))?;
        Some(self.failures.remove(index).1)
    }
}
