//! What MoonVPN remembers about a panel's last health check.

use kernel::{PanelId, PanelProblem};
use time::OffsetDateTime;

use crate::{Panel, ServerStatus, XrayState};

/// A panel checked just now ([`crate::FleetService::check_all_panels`]): the check as
/// stored and, when the panel is down, why by kind (what the admins' alert says).
#[derive(Debug, Clone, PartialEq)]
pub struct PanelChecked {
    /// The panel.
    pub panel: Panel,
    /// The check, as stored.
    pub check: HealthCheck,
    /// Why it is down; `None` when it is up.
    pub problem: Option<PanelProblem>,
}

/// The result of one health check of a panel: its server status, or why it could not be
/// read. The last one of each panel is stored; sales skip a panel whose last check is down.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthCheck {
    /// The panel checked.
    pub panel: PanelId,
    /// When.
    pub checked_at: OffsetDateTime,
    /// How long the panel took to answer (or to fail), in milliseconds.
    pub latency_ms: u32,
    /// The server status, or the admin-facing reason it could not be read.
    pub result: Result<ServerStatus, String>,
}

impl HealthCheck {
    /// Whether the panel answered and xray serves clients.
    pub fn is_up(&self) -> bool {
        matches!(&self.result, Ok(status) if status.xray == XrayState::Running)
    }

    /// Why the panel is down: the error, or what xray is doing; `None` when it is up.
    pub fn problem(&self) -> Option<String> {
        match &self.result {
            Err(e) => Some(e.clone()),
            Ok(status) => match &status.xray {
                XrayState::Running => None,
                XrayState::Stopped => Some("xray is stopped".to_owned()),
                XrayState::Failed(why) => Some(format!("xray failed: {why}")),
            },
        }
    }

    /// Why the panel is down by kind, given the driver's error when the check failed;
    /// `None` when it is up. (A failure read back from storage, without its error, is
    /// [`PanelProblem::Described`] by its stored sentence.)
    pub fn problem_kind(&self, error: Option<&crate::PanelError>) -> Option<PanelProblem> {
        match (&self.result, error) {
            (Err(_), Some(e)) => Some(e.problem()),
            (Err(text), None) => Some(PanelProblem::Described(text.clone())),
            (Ok(status), _) => match &status.xray {
                XrayState::Running => None,
                XrayState::Stopped => Some(PanelProblem::XrayStopped),
                XrayState::Failed(why) => Some(PanelProblem::XrayFailed(why.clone())),
            },
        }
    }

    /// Whether this check is younger than `max_age` at `now`.
    pub fn is_fresh(&self, now: OffsetDateTime, max_age: time::Duration) -> bool {
        now - self.checked_at < max_age
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn check(result: Result<ServerStatus, String>) -> HealthCheck {
        HealthCheck {
            panel: PanelId::new(1),
            checked_at: datetime!(2026-03-01 12:00 UTC),
            latency_ms: 40,
            result,
        }
    }

    fn status(xray: XrayState) -> ServerStatus {
        ServerStatus {
            xray,
            xray_version: None,
            cpu_percent: 3.0,
            memory_used: 1,
            memory_total: 2,
            uptime: std::time::Duration::from_secs(9),
        }
    }

    #[test]
    fn a_panel_is_up_only_when_it_answers_and_xray_runs() {
        assert!(check(Ok(status(XrayState::Running))).is_up());
        let stopped = check(Ok(status(XrayState::Stopped)));
        assert!(!stopped.is_up());
        assert_eq!(stopped.problem().as_deref(), Some("xray is stopped"));
        let failed = check(Err("the panel did not answer in time".into()));
        assert!(!failed.is_up());
        assert_eq!(failed.problem().as_deref(), Some("the panel did not answer in time"));
    }

    #[test]
    fn a_check_goes_stale_after_its_max_age() {
        let c = check(Ok(status(XrayState::Running)));
        let max_age = time::Duration::minutes(2);
        assert!(c.is_fresh(datetime!(2026-03-01 12:01 UTC), max_age));
        assert!(!c.is_fresh(datetime!(2026-03-01 12:02 UTC), max_age));
    }
}
