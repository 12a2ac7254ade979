//! What broadcasts need from outside: the campaign store and the transport.

use async_trait::async_trait;
use kernel::{CampaignId, CampaignRecipientId, StorageError, TelegramId, UserId};
use members::{Language, NewAuditEntry};
use time::{Duration, OffsetDateTime};

use super::{Audience, Campaign, Content, ProgressMessage, StatusChange};

/// A campaign about to be stored as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaign {
    /// What it sends.
    pub content: Content,
    /// Who it goes to.
    pub audience: Audience,
    /// The admin composing it.
    pub created_by: UserId,
    /// When.
    pub at: OffsetDateTime,
}

/// One recipient of a running campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRecipient {
    /// Its row.
    pub id: CampaignRecipientId,
    /// The user.
    pub user: UserId,
    /// Their chat.
    pub telegram_id: TelegramId,
    /// Their language (for the buttons the transport adds, if any).
    pub language: Language,
}

/// How one recipient's try ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// Telegram took the message.
    Sent,
    /// The user blocked the bot (403): marked, skipped by later campaigns.
    Blocked,
    /// The user deleted their account ("user is deactivated"): marked like a block.
    Left,
    /// Telegram refused for another reason; not tried again.
    Failed(String),
    /// Too many requests, or Telegram could not be reached: try this recipient again after
    /// the wait.
    RetryAfter(Duration),
}

/// The state a recipient's row ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientState {
    /// Got it.
    Sent,
    /// Refused (or cut off by a crash).
    Failed,
    /// Blocked the bot.
    Blocked,
    /// Account deleted.
    Left,
}

impl RecipientState {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Blocked => "blocked",
            Self::Left => "left",
        }
    }

    /// Whether the user can no longer be reached (the store marks them).
    pub fn unreachable(self) -> bool {
        matches!(self, Self::Blocked | Self::Left)
    }
}

/// Storage of campaigns and their recipients.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait CampaignRepo: Send + Sync {
    /// Stores a draft and its audit entry in one transaction; the entry's target becomes the
    /// new campaign (`campaign:<id>`).
    async fn insert_draft(&self, draft: &NewCampaign, audit: &NewAuditEntry) -> Result<Campaign, StorageError>;
    /// Replaces a draft's content and audience; `false` (nothing changed) unless it is still
    /// a draft.
    async fn update_draft(&self, id: CampaignId, content: &Content, audience: Audience) -> Result<bool, StorageError>;
    /// The campaign with its counts.
    async fn get(&self, id: CampaignId) -> Result<Option<Campaign>, StorageError>;
    /// The newest `limit` campaigns (drafts included), newest first, with their counts.
    async fn list(&self, limit: u64) -> Result<Vec<Campaign>, StorageError>;
    /// Running campaigns, oldest first.
    async fn running(&self) -> Result<Vec<Campaign>, StorageError>;
    /// How many users `audience` names now (users who blocked the bot left out).
    async fn count_audience(&self, audience: Audience) -> Result<u64, StorageError>;
    /// Applies a draft → running change: the audience's users become the campaign's
    /// recipients (pending), the status changes and the audit entry is written, in one
    /// transaction. `None` (nothing changed) when the campaign is no longer a draft;
    /// otherwise the number of recipients.
    async fn start(&self, change: &StatusChange, audit: &NewAuditEntry) -> Result<Option<u64>, StorageError>;
    /// Applies any other change while the campaign is still in `change.from`, with its audit
    /// entry (none for the job's own changes). `false` when the status had changed.
    async fn apply(&self, change: &StatusChange, audit: Option<NewAuditEntry>) -> Result<bool, StorageError>;
    /// Remembers where the bot shows the campaign's progress.
    async fn set_progress_message(&self, id: CampaignId, message: ProgressMessage) -> Result<(), StorageError>;
    /// Up to `limit` recipients still pending, by id.
    async fn pending(&self, id: CampaignId, limit: u64) -> Result<Vec<CampaignRecipient>, StorageError>;
    /// Takes one pending recipient for its one try, only while the campaign is running, with
    /// one conditional UPDATE (pending → sending). `false` when the campaign is not running
    /// any more or the recipient was taken.
    async fn claim(&self, recipient: CampaignRecipientId, at: OffsetDateTime) -> Result<bool, StorageError>;
    /// Records how a claimed recipient's try ended; a blocked or left user is also marked
    /// unreachable, in the same transaction.
    async fn settle(
        &self,
        recipient: CampaignRecipientId,
        state: RecipientState,
        error: Option<String>,
        at: OffsetDateTime,
    ) -> Result<(), StorageError>;
    /// Gives a claimed recipient back (pending) after a passing failure.
    async fn release(&self, recipient: CampaignRecipientId) -> Result<(), StorageError>;
    /// Recipients of `id` claimed before `before` and never settled (a run cut off by a
    /// crash mid-call) become failed: their message may have gone out, so they are never
    /// tried again. Returns how many.
    async fn fail_interrupted(&self, id: CampaignId, before: OffsetDateTime) -> Result<u64, StorageError>;
    /// Whether `id` has recipients claimed and not settled yet.
    async fn in_flight(&self, id: CampaignId) -> Result<u64, StorageError>;
}

/// Sends a campaign's message to one recipient and shows progress to the admin.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait BroadcastSender: Send + Sync {
    /// Tries once to deliver `content` to `recipient` (through the bulk lane of the flood
    /// limits, behind what users are waiting for).
    async fn send(&self, recipient: &CampaignRecipient, content: &Content) -> SendOutcome;
    /// Shows `campaign`'s progress where its admin watches it (if anywhere); best effort.
    async fn progress(&self, campaign: &Campaign);
}
