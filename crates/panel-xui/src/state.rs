//! What the driver remembers per panel URL: the detected or pinned generation, the current
//! session, the two-factor setting and the last subscription settings read.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use inventory::{ApiGeneration, PanelConnection, PanelUrl};
use sha2::{Digest, Sha256};

use crate::added::AddedClients;
use crate::session::Session;
use crate::totp::TwoFactor;
use crate::wire::PanelSettings;

/// How long subscription settings read from a panel serve the next sales' links without
/// asking again: a panel admin's change of the subscription address reaches new links within
/// this time (or at once after a restart of the bot).
pub(crate) const SETTINGS_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// One panel's memory.
#[derive(Default)]
pub(crate) struct PanelState {
    /// What detection found last.
    pub detected: Option<ApiGeneration>,
    /// What an admin pinned (wins over detection).
    pub pinned: Option<ApiGeneration>,
    /// The current login, if any.
    pub session: Option<Session>,
    /// A digest of the credentials the current login was made with: a connection that
    /// carries other credentials (an admin just changed the password) logs in again instead
    /// of riding on it.
    credentials: Option<[u8; 32]>,
    /// Numbers logins so a failed one is dropped once.
    next_epoch: u64,
    /// Two-factor login, when the panel has it on.
    pub two_factor: Option<TwoFactor>,
    /// Per operation kind, which of its routes this panel answers (`None` inside: none).
    pub routes: HashMap<&'static str, Option<usize>>,
    /// The subscription settings the panel last gave, and when they were read.
    settings: Option<(PanelSettings, std::time::Instant)>,
    /// Clients just added, for the links asked next.
    pub added: AddedClients,
}

impl PanelState {
    /// The generation to use: the pin, else the last detection.
    pub fn generation(&self) -> Option<ApiGeneration> {
        self.pinned.or(self.detected)
    }

    /// Keeps a new login made with `credentials` (see [`credentials_of`]) and returns it
    /// numbered.
    pub fn store_session(&mut self, mut session: Session, credentials: [u8; 32]) -> Session {
        self.next_epoch += 1;
        session.epoch = self.next_epoch;
        self.session = Some(session.clone());
        self.credentials = Some(credentials);
        session
    }

    /// The current login, if it was made with `credentials`.
    pub fn session_for(&self, credentials: [u8; 32]) -> Option<Session> {
        self.session.clone().filter(|_| self.credentials == Some(credentials))
    }

    /// Drops the login numbered `epoch` if it is still the current one.
    pub fn drop_session(&mut self, epoch: u64) {
        if self.session.as_ref().is_some_and(|s| s.epoch == epoch) {
            self.session = None;
        }
    }

    /// Forgets the detected generation and its login (after a panel upgrade), and the
    /// settings read from it.
    pub fn forget_generation(&mut self) {
        self.detected = None;
        self.session = None;
        self.routes.clear();
        self.settings = None;
        self.added = AddedClients::default();
    }

    /// The settings read at most [`SETTINGS_FOR`] before `now`, if any.
    pub fn recent_settings(&self, now: std::time::Instant) -> Option<PanelSettings> {
        self.settings
            .as_ref()
            .filter(|(_, read)| now.saturating_duration_since(*read) < SETTINGS_FOR)
            .map(|(settings, _)| settings.clone())
    }

    /// Keeps `settings`, read from the panel at `now`.
    pub fn keep_settings(&mut self, settings: PanelSettings, now: std::time::Instant) {
        self.settings = Some((settings, now));
    }
}

/// A digest of what `conn` logs in with (login name, password, two-factor secret): compared,
/// never stored in the clear.
pub(crate) fn credentials_of(conn: &PanelConnection) -> [u8; 32] {
    let mut digest = Sha256::new();
    digest.update(conn.username.as_bytes());
    digest.update([0]);
    digest.update(conn.password.expose().as_bytes());
    digest.update([0]);
    if let Some(secret) = &conn.two_factor_secret {
        digest.update(secret.expose().as_bytes());
    }
    digest.finalize().into()
}

/// A panel's memory and the lock that keeps two logins to it from racing.
#[derive(Default)]
pub(crate) struct Slot {
    state: Mutex<PanelState>,
    /// Held while detecting or logging in.
    pub login: tokio::sync::Mutex<()>,
}

impl Slot {
    /// Runs `f` on the state (a short, non-async critical section).
    pub fn with<R>(&self, f: impl FnOnce(&mut PanelState) -> R) -> R {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut state)
    }
}

/// Every panel's memory, by URL.
#[derive(Default)]
pub(crate) struct Panels {
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

impl Panels {
    /// The memory of the panel at `url` (created empty on first use).
    pub fn slot(&self, url: &PanelUrl) -> Arc<Slot> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(slots.entry(url.as_str().to_owned()).or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_wins_over_detection_and_survives_forgetting() {
        let mut s = PanelState {
            detected: Some(ApiGeneration::B),
            ..PanelState::default()
        };
        assert_eq!(s.generation(), Some(ApiGeneration::B));
        s.pinned = Some(ApiGeneration::C);
        s.forget_generation();
        assert_eq!(s.generation(), Some(ApiGeneration::C));
    }

    #[test]
    fn only_the_failed_login_is_dropped() {
        let mut s = PanelState::default();
        let first = s.store_session(Session::anonymous(), [1; 32]);
        let second = s.store_session(Session::anonymous(), [1; 32]);
        assert!(s.session_for([2; 32]).is_none(), "made with other credentials");
        s.drop_session(first.epoch);
        assert_eq!(s.session.as_ref().map(|x| x.epoch), Some(second.epoch));
        s.drop_session(second.epoch);
        assert!(s.session.is_none());
    }

    #[test]
    fn settings_serve_for_a_minute_and_an_upgrade_forgets_them() {
        let mut s = PanelState::default();
        let read = std::time::Instant::now();
        let settings = PanelSettings {
            sub_enable: true,
            sub_uri: "https://h:2096/sub/".into(),
            remark_model: "-ieo".into(),
        };
        assert_eq!(s.recent_settings(read), None);
        s.keep_settings(settings.clone(), read);
        assert_eq!(s.recent_settings(read + SETTINGS_FOR / 2), Some(settings.clone()));
        assert_eq!(
            s.recent_settings(read + SETTINGS_FOR),
            None,
            "read again after a minute"
        );
        s.forget_generation();
        assert_eq!(s.recent_settings(read), None, "a panel upgrade reads them again");
    }

    #[test]
    fn panels_are_remembered_by_url() {
        let panels = Panels::default();
        let url = PanelUrl::new("https://a.example:2053/x").unwrap();
        panels.slot(&url).with(|s| s.detected = Some(ApiGeneration::D));
        assert_eq!(panels.slot(&url).with(|s| s.generation()), Some(ApiGeneration::D));
        let other = PanelUrl::new("https://b.example").unwrap();
        assert_eq!(panels.slot(&other).with(|s| s.generation()), None);
    }
}
