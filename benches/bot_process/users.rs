//! Simulated users acting like people (each waits for the answer before the next step),
//! timed by the fake's call observer instead of by looking at chats.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use testkit::telegram::{ObservedCall, SimUser};
use tokio::sync::{Barrier, mpsc};

/// The longest one step may wait for its answer before the run fails.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

/// A user with the calls the bot made in their chat.
pub struct Timed {
    pub user: SimUser,
    calls: mpsc::UnboundedReceiver<ObservedCall>,
}

/// Hands each observed call to the user whose chat it was about.
pub fn route(users: Vec<SimUser>, mut observed: mpsc::UnboundedReceiver<ObservedCall>) -> Vec<Timed> {
    let mut senders = HashMap::new();
    let timed = users
        .into_iter()
        .map(|user| {
            let (tx, calls) = mpsc::unbounded_channel();
            senders.insert(user.id(), tx);
            Timed { user, calls }
        })
        .collect();
    tokio::spawn(async move {
        while let Some(call) = observed.recv().await {
            if let Some(tx) = call.chat.and_then(|chat| senders.get(&chat)) {
                let _ = tx.send(call);
            }
        }
    });
    timed
}

/// What answers a step.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// One new message (a returning user's `/start`).
    Message,
    /// The button's answer and the next screen (edited or sent).
    Screen,
    /// A photo (the QR code after Pay).
    Photo,
}

impl Timed {
    /// Does `act` and returns how long until the bot's answer was complete.
    pub async fn step(&mut self, answer: Answer, act: impl FnOnce(&SimUser)) -> Duration {
        while self.calls.try_recv().is_ok() {}
        let started = Instant::now();
        act(&self.user);
        let (mut answered, mut screen) = (false, false);
        loop {
            let call = match tokio::time::timeout_at((started + STEP_TIMEOUT).into(), self.calls.recv()).await {
                Ok(Some(call)) => call,
                _ => panic!(
                    "user {}: no answer within {STEP_TIMEOUT:?}; last: {:?}",
                    self.user.id(),
                    self.user.last_bot_message()
                ),
            };
            let done = match (answer, call.method.as_str()) {
                (Answer::Message, "sendMessage") => true,
                (Answer::Photo, "sendPhoto") => true,
                (Answer::Screen, "answerCallbackQuery") => {
                    answered = true;
                    screen
                }
                (Answer::Screen, "editMessageText" | "sendMessage" | "sendPhoto") => {
                    screen = true;
                    answered
                }
                _ => false,
            };
            if done {
                return call.at.saturating_duration_since(started);
            }
        }
    }
}

/// `rounds` of `/start` then a tap on Wallet; returns every latency.
pub async fn menu_rounds(mut timed: Timed, rounds: u32) -> (Timed, Vec<Duration>) {
    let mut times = Vec::with_capacity(2 * rounds as usize);
    for _ in 0..rounds {
        times.push(
            timed
                .step(Answer::Message, |u| {
                    u.send_text("/start");
                })
                .await,
        );
        times.push(
            timed
                .step(Answer::Screen, |u| {
                    u.tap_button("Wallet");
                })
                .await,
        );
    }
    (timed, times)
}

/// Walks to the Pay button, waits for every buyer to be there, then taps Pay and returns
/// how long until the QR code arrived.
pub async fn purchase(mut timed: Timed, everyone_ready: Arc<Barrier>) -> Duration {
    timed
        .step(Answer::Message, |u| {
            u.send_text("/start");
        })
        .await;
    for button in ["Buy a plan", "France", "Silver"] {
        timed
            .step(Answer::Screen, |u| {
                u.tap_button(button);
            })
            .await;
    }
    everyone_ready.wait().await;
    timed
        .step(Answer::Photo, |u| {
            u.tap_button("Pay");
        })
        .await
}

/// The `p`th percentile of sorted `times`.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
