//! [`FakeTelegram`]: an in-process Telegram Bot API server for the bot's tests.
//!
//! It speaks the real wire protocol (`POST {api_url}/bot<token>/<method>` with JSON,
//! form-urlencoded or multipart bodies; the `{ok, result}` / `{ok: false, error_code,
//! description, parameters}` envelope), checks every method, parameter and nested type
//! against the published Bot API spec, enforces Telegram's limits and flood control, and
//! plays simulated users ([`SimUser`]) who type, tap buttons, send photos, pay and block the
//! bot. Each instance is independent, so tests run in parallel. `docs/testing-telegram.md`
//! lists what is covered and where the fake is stricter or simpler than Telegram.

mod body;
pub mod chat_snapshot;
mod envelope;
mod files;
mod html;
mod keyboard;
mod markdown;
mod methods;
mod model;
mod multipart;
mod observe;
mod ratelimit;
mod screens;
mod server;
mod sim_channel;
mod sim_user;
mod spec;
mod state;
mod text;
mod transcript;
mod updates;
mod validate;
mod webhook;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub use chat_snapshot::{redact, render_chat};
pub use observe::ObservedCall;
pub use screens::Screens;
pub use sim_channel::SimChannel;
pub use sim_user::SimUser;
pub use transcript::{Button, ChatEntry, EntryKind, RecordedCall, Sender};

use envelope::ApiError;
use model::Person;
use server::Shared;

/// The token every fake accepts unless started with another.
pub const TOKEN: &str = "123456:TEST-TOKEN";

/// How long [`FakeTelegram::wait_idle`] waits for the bot before failing the test.
const IDLE_GIVE_UP: Duration = Duration::from_secs(30);

/// A running fake Bot API. Dropping it stops the server (and the webhook sender).
#[derive(Debug)]
pub struct FakeTelegram {
    shared: Arc<Shared>,
    addr: SocketAddr,
    token: String,
    task: JoinHandle<()>,
}

impl FakeTelegram {
    /// Starts a fake on `127.0.0.1:0` accepting the token [`TOKEN`].
    ///
    /// # Panics
    /// When the loopback interface cannot be bound (the test environment is broken).
    pub async fn start() -> FakeTelegram {
        FakeTelegram::start_with_token(TOKEN).await
    }

    /// Starts a fake accepting `token` (`<bot id>:<secret>`; the bot id is what `getMe` reports).
    ///
    /// # Panics
    /// When the loopback interface cannot be bound.
    pub async fn start_with_token(token: &str) -> FakeTelegram {
        let shared = Shared::new(token);
        let (addr, task) = match server::spawn(shared.clone()).await {
            Ok(bound) => bound,
            Err(e) => panic!("FakeTelegram: cannot bind 127.0.0.1:0: {e}"),
        };
        FakeTelegram {
            shared,
            addr,
            token: token.to_owned(),
            task,
        }
    }

    /// `http://127.0.0.1:PORT`; the bot calls `{api_url}/bot{token}/{method}`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The token the fake accepts.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The bot's `@username` without the `@` (what `getMe` returns).
    pub fn bot_username(&self) -> String {
        self.shared.lock().bot.username.clone()
    }

    /// The simulated user with this id in a private chat (first name `User<id>`, language
    /// `en`); the same user again if it already exists. The bot may only message users who
    /// wrote to it first (otherwise 403 `bot can't initiate conversation with a user`).
    pub fn user(&self, id: i64) -> SimUser {
        let exists = self.shared.lock().chats.contains_key(&id);
        if !exists {
            self.shared.lock().ensure_person(Person {
                id,
                first_name: format!("User{id}"),
                username: None,
                language_code: "en".to_owned(),
                channel: false,
            });
        }
        SimUser {
            shared: self.shared.clone(),
            id,
        }
    }

    /// Like [`FakeTelegram::user`] for a user who wrote to the bot some time ago (so the bot
    /// may message them) without queueing an update now: audiences of thousands for
    /// broadcasts, registered in the store by the test.
    pub fn started_user(&self, id: i64) -> SimUser {
        let user = self.user(id);
        self.shared.lock().chat_mut(id).started = true;
        user
    }

    /// A channel (id `-100…`) titled `title` where the bot is an admin: it may post at
    /// once, and users tap the buttons under its posts ([`SimChannel::tap_button_as`]).
    pub fn channel(&self, id: i64, title: &str) -> SimChannel {
        let mut st = self.shared.lock();
        st.ensure_person(Person {
            id,
            first_name: title.to_owned(),
            username: None,
            language_code: "en".to_owned(),
            channel: true,
        });
        st.chat_mut(id).started = true;
        drop(st);
        SimChannel {
            shared: self.shared.clone(),
            id,
        }
    }

    /// A simulated user with the given profile (updated if the user already exists).
    pub fn user_with(&self, id: i64, first_name: &str, username: Option<&str>, language_code: &str) -> SimUser {
        self.shared.lock().ensure_person(Person {
            id,
            first_name: first_name.to_owned(),
            username: username.map(str::to_owned),
            language_code: language_code.to_owned(),
            channel: false,
        });
        SimUser {
            shared: self.shared.clone(),
            id,
        }
    }

    /// Flood limits: messages per second per chat (bursts of 3 by default) and per second
    /// for the whole bot; 0 turns that limit off. The default is 1 per chat and 30 overall.
    pub fn set_rate_limit(&self, per_chat_per_sec: u32, global_per_sec: u32) {
        self.set_rate_limit_with_burst(per_chat_per_sec, 3, global_per_sec);
    }

    /// Like [`FakeTelegram::set_rate_limit`] with the per-chat burst size.
    pub fn set_rate_limit_with_burst(&self, per_chat_per_sec: u32, chat_burst: u32, global_per_sec: u32) {
        self.shared
            .lock()
            .rate
            .configure(per_chat_per_sec, chat_burst, global_per_sec);
    }

    /// How many sends the flood limits refused with 429 so far (injected failures from
    /// [`FakeTelegram::fail_next`] are not counted).
    pub fn flood_refusals(&self) -> u64 {
        self.shared.lock().flood_refusals
    }

    /// Turns flood limits off.
    pub fn disable_rate_limit(&self) {
        self.set_rate_limit(0, 0);
    }

    /// The next call of `method` fails with this error (checked before validation).
    /// `description` is sent verbatim (e.g. `"Too Many Requests: retry after 5"`);
    /// `retry_after` fills `parameters.retry_after`. Several calls queue several failures.
    pub fn fail_next(&self, method: &str, error_code: u16, description: &str, retry_after: Option<u32>) {
        self.shared.lock().failures.push((
            method.to_owned(),
            ApiError {
                code: error_code,
                description: description.to_owned(),
                retry_after,
            },
        ));
    }

    /// Queues an update object as given (its `update_id` is set to the next id), e.g. an
    /// update kind the bot's client library does not know. Returns the update id.
    pub fn inject_raw_update(&self, update: Value) -> i64 {
        self.shared.lock().push_raw_update(update)
    }

    /// Every call the bot made with the right token, oldest first.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.shared.lock().calls.clone()
    }

    /// From now on, every call the bot makes is also told to the returned receiver once
    /// the fake answered it (with the chat it was about and the moment), so a benchmark can
    /// time answers without looking at chats. A second call replaces the first receiver.
    pub fn observe_calls(&self) -> tokio::sync::mpsc::UnboundedReceiver<ObservedCall> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        self.shared.lock().observer = Some(tx);
        rx
    }

    /// The parameters of every call to `method` (case-insensitive), oldest first.
    pub fn calls_to(&self, method: &str) -> Vec<Value> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .map(|c| c.params.clone())
            .collect()
    }

    /// Delivers webhook calls for `host` (the name in the webhook URL, e.g. `moonvpn.test`)
    /// to `addr`, as a reverse proxy in front of the bot would. Lets a test register a
    /// public URL before it knows the port the bot bound (`http.listen = 127.0.0.1:0`).
    pub fn route_webhook_host(&self, host: &str, addr: std::net::SocketAddr) {
        self.shared.lock().webhook_host = Some((host.to_owned(), addr));
        self.shared.wake.notify_waiters();
    }

    /// The webhook URL and secret token set by `setWebhook`, if one is set.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        self.shared
            .lock()
            .webhook
            .as_ref()
            .map(|w| (w.url.clone(), w.secret.clone()))
    }

    /// Updates not yet confirmed by the bot (by a getUpdates offset or a webhook 2xx).
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().updates.len()
    }

    /// The commands set by `setMyCommands` (a JSON array of `BotCommand`).
    pub fn commands(&self) -> Value {
        self.shared.lock().commands.clone()
    }

    /// The bytes of a file the fake holds (an upload by the bot or a user's photo).
    pub fn file_bytes(&self, file_id: &str) -> Option<Vec<u8>> {
        self.shared.lock().files.get(file_id).map(|f| f.bytes.clone())
    }

    /// Moves the fake's clock forward: callback queries and pre-checkout queries age, flood
    /// limits refill, message dates move on.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.lock().advance(by);
    }

    /// How many of the queued updates have been handed to the bot (by getUpdates or webhook).
    pub fn updates_handed_out(&self) -> usize {
        let st = self.shared.lock();
        st.updates.iter().filter(|u| u.id <= st.handed_out).count()
    }

    /// Returns once every queued update has been handed to the bot, no bot call is in
    /// progress, and no call has happened for `quiet`.
    ///
    /// # Panics
    /// After 30 s without reaching that state (the bot is not polling, or loops), naming why.
    pub async fn wait_idle(&self, quiet: Duration) {
        let give_up = Instant::now() + IDLE_GIVE_UP + quiet;
        loop {
            let (idle_for, busy) = {
                let st = self.shared.lock();
                let unfetched = st.updates.iter().filter(|u| u.id > st.handed_out).count();
                let busy = if st.in_flight > 0 {
                    Some(format!("{} bot call(s) in progress", st.in_flight))
                } else if unfetched > 0 {
                    Some(format!("{unfetched} update(s) never fetched (is the bot polling?)"))
                } else {
                    None
                };
                (Instant::now().saturating_duration_since(st.last_activity), busy)
            };
            if busy.is_none() && idle_for >= quiet {
                return;
            }
            if Instant::now() >= give_up {
                panic!(
                    "FakeTelegram::wait_idle: not idle after {IDLE_GIVE_UP:?}: {}",
                    busy.unwrap_or_else(|| "the bot keeps calling".to_owned())
                );
            }
            let pause = match busy {
                Some(_) => Duration::from_millis(10),
                None => quiet.saturating_sub(idle_for),
            };
            tokio::time::sleep(pause.max(Duration::from_millis(1))).await;
        }
    }
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.task.abort();
        if let Some(task) = self.shared.lock().webhook_task.take() {
            task.abort();
        }
    }
}
