//! A campaign, its status and the transitions the domain allows between them.

use kernel::{CampaignId, UserId};
use time::{Duration, OffsetDateTime};

use super::{Audience, Content};

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CampaignStatus {
    /// Being composed; nothing sent, no recipients yet.
    Draft,
    /// Confirmed: its recipients are fixed and the broadcast job is sending.
    Running,
    /// Held by an admin; resumes where it stopped.
    Paused,
    /// Stopped for good by an admin; recipients not reached yet never get it.
    Cancelled,
    /// Every recipient was tried.
    Finished,
}

impl CampaignStatus {
    /// Every status.
    pub const ALL: [CampaignStatus; 5] = [
        Self::Draft,
        Self::Running,
        Self::Paused,
        Self::Cancelled,
        Self::Finished,
    ];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Cancelled => "cancelled",
            Self::Finished => "finished",
        }
    }

    /// The status stored as `code`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Cancelled | Self::Finished)
    }
}

impl std::fmt::Display for CampaignStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Something that moves a campaign to another status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CampaignAction {
    /// An admin confirmed the draft.
    Start,
    /// An admin paused it.
    Pause,
    /// An admin resumed it.
    Resume,
    /// An admin cancelled it.
    Cancel,
    /// The job tried every recipient.
    Finish,
}

impl CampaignAction {
    /// A short name for messages and the audit log.
    pub fn code(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Pause => "pause",
            Self::Resume => "resume",
            Self::Cancel => "cancel",
            Self::Finish => "finish",
        }
    }
}

/// A transition the domain refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {from} campaign cannot {}", action.code())]
pub struct InvalidTransition {
    /// Its status.
    pub from: CampaignStatus,
    /// What was asked.
    pub action: CampaignAction,
}

impl CampaignStatus {
    /// The status `action` leads to from this one.
    pub fn after(self, action: CampaignAction) -> Result<CampaignStatus, InvalidTransition> {
        use CampaignAction as A;
        use CampaignStatus as S;
        match (self, action) {
            (S::Draft, A::Start) | (S::Paused, A::Resume) => Ok(S::Running),
            (S::Running, A::Pause) => Ok(S::Paused),
            (S::Draft | S::Running | S::Paused, A::Cancel) => Ok(S::Cancelled),
            (S::Running, A::Finish) => Ok(S::Finished),
            (from, action) => Err(InvalidTransition { from, action }),
        }
    }
}

/// A status change decided by the domain, for the store to apply only while the campaign
/// is still in `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The campaign.
    pub campaign: CampaignId,
    /// Its status when decided.
    pub from: CampaignStatus,
    /// Its new status.
    pub to: CampaignStatus,
    /// When.
    pub at: OffsetDateTime,
    /// Recipients tried so far (the base of the sending rate after a start or resume).
    pub done: u64,
}

/// Where each recipient of a campaign is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Not tried yet (or being tried right now).
    pub pending: u64,
    /// Got it.
    pub sent: u64,
    /// Telegram refused for another reason (or the try was cut off by a crash).
    pub failed: u64,
    /// Blocked the bot.
    pub blocked: u64,
    /// Deleted their Telegram account.
    pub left: u64,
}

impl Counts {
    /// Every recipient.
    pub fn total(&self) -> u64 {
        self.pending + self.done()
    }

    /// Recipients tried.
    pub fn done(&self) -> u64 {
        self.sent + self.failed + self.blocked + self.left
    }
}

/// The message where an admin watches a campaign's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressMessage {
    /// The chat.
    pub chat: i64,
    /// The message in it.
    pub message_id: i64,
}

/// A stored campaign with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// Its id.
    pub id: CampaignId,
    /// What it sends.
    pub content: Content,
    /// Who it goes to.
    pub audience: Audience,
    /// Where it is.
    pub status: CampaignStatus,
    /// Its recipients by state (all zero while a draft).
    pub counts: Counts,
    /// The admin who composed it.
    pub created_by: UserId,
    /// Composed at.
    pub created_at: OffsetDateTime,
    /// Last started or resumed at.
    pub started_at: Option<OffsetDateTime>,
    /// Recipients tried when it last started or resumed.
    pub done_at_start: u64,
    /// Finished or cancelled at.
    pub ended_at: Option<OffsetDateTime>,
    /// Where its progress is shown in the bot, if it was started there.
    pub progress_message: Option<ProgressMessage>,
}

/// How fast a running campaign goes and when it should end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Recipients tried per second since it last started or resumed.
    pub per_second: f64,
    /// Time left at that pace; `None` before anything was tried.
    pub eta: Option<Duration>,
}

impl Campaign {
    /// Its pace at `now` (zero unless running).
    pub fn pace(&self, now: OffsetDateTime) -> Pace {
        let idle = Pace {
            per_second: 0.0,
            eta: None,
        };
        let (CampaignStatus::Running, Some(started)) = (self.status, self.started_at) else {
            return idle;
        };
        let seconds = (now - started).as_seconds_f64();
        let tried = self.counts.done().saturating_sub(self.done_at_start);
        if seconds < 1.0 || tried == 0 {
            return idle;
        }
        let per_second = tried as f64 / seconds;
        let left = self.counts.pending as f64 / per_second;
        Pace {
            per_second,
            eta: Some(Duration::seconds_f64(left.ceil())),
        }
    }

    /// The change `action` makes now, or why it may not.
    pub fn decide(&self, action: CampaignAction, at: OffsetDateTime) -> Result<StatusChange, InvalidTransition> {
        Ok(StatusChange {
            campaign: self.id,
            from: self.status,
            to: self.status.after(action)?,
            at,
            done: self.counts.done(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn only_the_allowed_transitions_happen() {
        use CampaignAction as A;
        use CampaignStatus as S;
        let allowed = [
            (S::Draft, A::Start, S::Running),
            (S::Draft, A::Cancel, S::Cancelled),
            (S::Running, A::Pause, S::Paused),
            (S::Running, A::Cancel, S::Cancelled),
            (S::Running, A::Finish, S::Finished),
            (S::Paused, A::Resume, S::Running),
            (S::Paused, A::Cancel, S::Cancelled),
        ];
        for from in S::ALL {
            for action in [A::Start, A::Pause, A::Resume, A::Cancel, A::Finish] {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(from.after(action).ok(), expected, "{from} {action:?}");
            }
        }
        assert_eq!(
            S::Cancelled.after(A::Resume).unwrap_err().to_string(),
            "a cancelled campaign cannot resume"
        );
    }

    #[test]
    fn the_pace_counts_since_the_last_start() {
        let start = datetime!(2026-01-01 10:00 UTC);
        let campaign = Campaign {
            id: CampaignId::new(1),
            content: Content::new(super::super::BroadcastText::parse("hi").unwrap(), None, None).unwrap(),
            audience: Audience::All,
            status: CampaignStatus::Running,
            counts: Counts {
                pending: 600,
                sent: 390,
                failed: 5,
                blocked: 4,
                left: 1,
            },
            created_by: UserId::new(1),
            created_at: start,
            started_at: Some(start),
            done_at_start: 100,
            ended_at: None,
            progress_message: None,
        };
        let pace = campaign.pace(start + Duration::seconds(10));
        assert!((pace.per_second - 30.0).abs() < 1e-9, "{pace:?}");
        assert_eq!(pace.eta, Some(Duration::seconds(20)));
        let paused = Campaign {
            status: CampaignStatus::Paused,
            ..campaign
        };
        assert_eq!(paused.pace(start + Duration::seconds(10)).eta, None);
    }
}
