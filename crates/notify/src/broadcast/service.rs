//! The admin use cases of broadcasts, shared by the bot and the CLI: each checks the admin
//! role server-side and writes the audit log with its change.

use std::sync::Arc;

use kernel::{CampaignId, Clock, StorageError, UserId};
use members::{AccessError, AuditAction, AuditTarget, Authorizer, NewAuditEntry, Role};

use super::{
    Audience, Campaign, CampaignAction, CampaignRepo, CampaignStatus, Content, ContentError, InvalidTransition,
    NewCampaign, ProgressMessage,
};

/// Why a broadcast use case refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum BroadcastError {
    /// The actor may not do this.
    #[error(transparent)]
    Access(#[from] AccessError),
    /// Part of the content is not acceptable.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// No such campaign.
    #[error("there is no campaign {0}")]
    NotFound(CampaignId),
    /// The campaign is not in a status that allows it.
    #[error(transparent)]
    Transition(#[from] InvalidTransition),
    /// Nobody is in the audience.
    #[error("nobody is in that audience")]
    EmptyAudience,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Composing, starting, pausing, resuming, cancelling and watching campaigns (admins only).
#[derive(Clone)]
pub struct BroadcastService {
    repo: Arc<dyn CampaignRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for BroadcastService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BroadcastService").finish_non_exhaustive()
    }
}

/// Audit action of a draft composed.
pub const CREATE: AuditAction = AuditAction::new("broadcast.create");
/// Audit action of a campaign confirmed and started.
pub const START: AuditAction = AuditAction::new("broadcast.start");
/// Audit action of a campaign paused.
pub const PAUSE: AuditAction = AuditAction::new("broadcast.pause");
/// Audit action of a campaign resumed.
pub const RESUME: AuditAction = AuditAction::new("broadcast.resume");
/// Audit action of a campaign cancelled.
pub const CANCEL: AuditAction = AuditAction::new("broadcast.cancel");
/// What looking at campaigns is recorded as when refused.
pub const VIEW: AuditAction = AuditAction::new("broadcast.view");

impl BroadcastService {
    /// The use cases on `repo`, with roles checked by `access`.
    pub fn new(repo: Arc<dyn CampaignRepo>, access: Arc<dyn Authorizer>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, access, clock }
    }

    fn audit(&self, actor: UserId, action: AuditAction, id: CampaignId, detail: serde_json::Value) -> NewAuditEntry {
        NewAuditEntry::by(
            actor,
            action,
            AuditTarget::new("campaign", id),
            detail,
            self.clock.now(),
        )
    }

    async fn load(&self, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.repo.get(id).await?.ok_or(BroadcastError::NotFound(id))
    }

    /// Stores a draft (audited); nothing is sent until [`Self::start`].
    pub async fn create_draft(
        &self,
        actor: UserId,
        content: Content,
        audience: Audience,
    ) -> Result<Campaign, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &CREATE).await?;
        let draft = NewCampaign {
            content,
            audience,
            created_by: actor,
            at: self.clock.now(),
        };
        let detail = serde_json::json!({ "audience": audience.code() });
        // The id is known only once stored: the store points the entry at the new campaign.
        let audit = NewAuditEntry::by(actor, CREATE, AuditTarget::new("campaign", "new"), detail, draft.at);
        Ok(self.repo.insert_draft(&draft, &audit).await?)
    }

    /// Replaces a draft's content and audience (refused once it started).
    pub async fn edit_draft(
        &self,
        actor: UserId,
        id: CampaignId,
        content: Content,
        audience: Audience,
    ) -> Result<Campaign, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &CREATE).await?;
        let campaign = self.load(id).await?;
        if campaign.status != CampaignStatus::Draft || !self.repo.update_draft(id, &content, audience).await? {
            return Err(InvalidTransition {
                from: campaign.status,
                action: CampaignAction::Start,
            }
            .into());
        }
        self.load(id).await
    }

    /// How many users `audience` names now (what a confirmation shows).
    pub async fn audience_size(&self, actor: UserId, audience: Audience) -> Result<u64, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &VIEW).await?;
        Ok(self.repo.count_audience(audience).await?)
    }

    /// Confirms a draft: its audience's users are fixed as recipients and the broadcast job
    /// starts sending. Refused (nothing changed) for an empty audience or a campaign that is
    /// not a draft any more (a second tap on Confirm).
    pub async fn start(&self, actor: UserId, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &START).await?;
        let campaign = self.load(id).await?;
        let change = campaign.decide(CampaignAction::Start, self.clock.now())?;
        if self.repo.count_audience(campaign.audience).await? == 0 {
            return Err(BroadcastError::EmptyAudience);
        }
        let audit = self.audit(
            actor,
            START,
            id,
            serde_json::json!({ "audience": campaign.audience.code() }),
        );
        match self.repo.start(&change, &audit).await? {
            Some(recipients) => {
                tracing::info!(campaign = %id, %actor, recipients, "broadcast started");
                self.load(id).await
            }
            None => Err(self.refused(id, CampaignAction::Start).await),
        }
    }

    /// Pauses a running campaign between two messages.
    pub async fn pause(&self, actor: UserId, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.change(actor, id, CampaignAction::Pause, PAUSE).await
    }

    /// Resumes a paused campaign where it stopped.
    pub async fn resume(&self, actor: UserId, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.change(actor, id, CampaignAction::Resume, RESUME).await
    }

    /// Cancels a draft, running or paused campaign for good.
    pub async fn cancel(&self, actor: UserId, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.change(actor, id, CampaignAction::Cancel, CANCEL).await
    }

    async fn change(
        &self,
        actor: UserId,
        id: CampaignId,
        action: CampaignAction,
        audit_action: AuditAction,
    ) -> Result<Campaign, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &audit_action).await?;
        let campaign = self.load(id).await?;
        let change = campaign.decide(action, self.clock.now())?;
        let audit = self.audit(
            actor,
            audit_action,
            id,
            serde_json::json!({ "from": change.from.code(), "to": change.to.code(), "done": change.done }),
        );
        if self.repo.apply(&change, Some(audit)).await? {
            tracing::info!(campaign = %id, %actor, action = action.code(), "broadcast changed");
            self.load(id).await
        } else {
            Err(self.refused(id, action).await)
        }
    }

    /// The error for a change that lost a race: the status it met.
    async fn refused(&self, id: CampaignId, action: CampaignAction) -> BroadcastError {
        match self.load(id).await {
            Ok(now) => InvalidTransition {
                from: now.status,
                action,
            }
            .into(),
            Err(e) => e,
        }
    }

    /// One campaign with its counts.
    pub async fn get(&self, actor: UserId, id: CampaignId) -> Result<Campaign, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &VIEW).await?;
        self.load(id).await
    }

    /// The newest campaigns with their results, newest first.
    pub async fn list(&self, actor: UserId, limit: u64) -> Result<Vec<Campaign>, BroadcastError> {
        self.access.authorize(actor, Role::Admin, &VIEW).await?;
        Ok(self.repo.list(limit).await?)
    }

    /// Shows the campaign's progress in `message` from now on (the job edits it).
    pub async fn watch_in(
        &self,
        actor: UserId,
        id: CampaignId,
        message: ProgressMessage,
    ) -> Result<(), BroadcastError> {
        self.access.authorize(actor, Role::Admin, &VIEW).await?;
        self.load(id).await?;
        Ok(self.repo.set_progress_message(id, message).await?)
    }
}
