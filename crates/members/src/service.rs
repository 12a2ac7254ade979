//! Member use cases: registration, lookups, language, roles, blocking.

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, Page, PageRequest, TelegramId, UserId};

use crate::{
    AccessError, AuditAction, AuditLog, AuditTarget, Authorizer, Language, MemberError, MemberRepo, NewAuditEntry,
    RegisterUser, Registration, Role, TelegramProfile, User, UserStatus, Username,
};

/// Settings of the members area, from the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersConfig {
    /// Telegram ids that are always superadmin (`admins.superadmins`).
    pub superadmins: BTreeSet<TelegramId>,
    /// The language for new users whose Telegram language the bot does not speak, until a
    /// superadmin sets another at run time (`MemberService::set_shop_setting_as`).
    pub default_language: Language,
}

/// Registration, lookups and admin actions on users.
pub struct MemberService {
    pub(crate) repo: Arc<dyn MemberRepo>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) config: MembersConfig,
    /// Where refused attempts are recorded (see `guard.rs`); none in unit tests that do not
    /// look at refusals.
    pub(crate) audit: Option<Arc<dyn AuditLog>>,
    /// Where shop settings set at run time live (see `shop_settings.rs`).
    pub(crate) shop_settings: Option<crate::shop_settings::ShopSettingsStore>,
    /// The shop's time (`shop.utc_offset`): where the audit log's days start.
    pub(crate) offset: time::UtcOffset,
    /// Whose a tracking code is (see `find.rs`); without it a tracking code finds nobody.
    pub(crate) tracking: Option<Arc<dyn crate::TrackingOwners>>,
}

impl MemberService {
    /// Audit action for a role change.
    pub const SET_ROLE: AuditAction = AuditAction::new("member.set_role");
    /// Audit action for blocking a user.
    pub const BLOCK: AuditAction = AuditAction::new("member.block");
    /// Audit action for unblocking a user.
    pub const UNBLOCK: AuditAction = AuditAction::new("member.unblock");

    /// Wires the service.
    pub fn new(repo: Arc<dyn MemberRepo>, clock: Arc<dyn Clock>, config: MembersConfig) -> Self {
        Self {
            repo,
            clock,
            config,
            audit: None,
            shop_settings: None,
            offset: time::UtcOffset::UTC,
            tracking: None,
        }
    }

    /// Runs the shop's days (the audit log's day filter, the times it shows) at `offset` from
    /// UTC instead of in UTC: the same `shop.utc_offset` the stats use.
    #[must_use]
    pub fn with_utc_offset(mut self, offset: time::UtcOffset) -> Self {
        self.offset = offset;
        self
    }

    /// The shop's offset from UTC (UTC until [`Self::with_utc_offset`]).
    pub fn utc_offset(&self) -> time::UtcOffset {
        self.offset
    }

    /// Records refused admin attempts (`access.denied`) in `audit`.
    pub fn with_audit_log(mut self, audit: Arc<dyn AuditLog>) -> Self {
        self.audit = Some(audit);
        self
    }

    /// The role that counts: superadmin for Telegram ids in the config, whatever is stored;
    /// a stored superadmin the config no longer names counts as a plain user (the config is
    /// the truth; [`MemberService::sync_superadmins`] demotes them at start).
    pub fn effective_role(&self, user: &User) -> Role {
        if self.is_configured_superadmin(user) {
            Role::Superadmin
        } else if user.role == Role::Superadmin {
            Role::User
        } else {
            user.role
        }
    }

    pub(crate) fn is_configured_superadmin(&self, user: &User) -> bool {
        self.config.superadmins.contains(&user.telegram_id)
    }

    /// Registers someone who talked to the bot, or refreshes their profile. The same
    /// Telegram id always gives the same user, even when called concurrently.
    #[tracing::instrument(skip(self, profile), fields(telegram_id = %profile.telegram_id))]
    pub async fn register(&self, profile: TelegramProfile) -> Result<Registration, MemberError> {
        let language = match profile.language {
            Some(language) => language,
            None => self.default_language_now().await,
        };
        let request = RegisterUser {
            language,
            superadmin: self.config.superadmins.contains(&profile.telegram_id),
            profile,
            at: self.clock.now(),
        };
        Ok(self.repo.register(&request).await?)
    }

    /// Whether registering `profile` again would change nothing for `user` (a returning
    /// user's `/start` with the same name): then the bot skips the registration.
    pub fn is_registered_as(&self, user: &User, profile: &TelegramProfile) -> bool {
        profile.is_current_for(user, self.is_configured_superadmin(user))
    }

    /// The user with this id.
    pub async fn get(&self, id: UserId) -> Result<User, MemberError> {
        self.repo
            .get(id)
            .await?
            .ok_or_else(|| MemberError::UnknownUser(id.to_string()))
    }

    /// The user with this Telegram id, if registered.
    pub async fn find_by_telegram(&self, id: TelegramId) -> Result<Option<User>, MemberError> {
        Ok(self.repo.find_by_telegram(id).await?)
    }

    /// The user with this username, if registered.
    pub async fn find_by_username(&self, name: &Username) -> Result<Option<User>, MemberError> {
        Ok(self.repo.find_by_username(name).await?)
    }

    /// Users, oldest first (admins only).
    pub async fn list(&self, actor: UserId, page: PageRequest) -> Result<Page<User>, MemberError> {
        self.authorize(actor, Role::Admin, &AuditAction::new("member.list"))
            .await?;
        Ok(self.repo.list(page).await?)
    }

    /// Everyone who should get admin notices.
    pub async fn staff(&self) -> Result<Vec<User>, MemberError> {
        Ok(self.repo.staff().await?)
    }

    /// Changes the language the bot uses with `user`.
    pub async fn set_language(&self, user: UserId, language: Language) -> Result<User, MemberError> {
        self.repo
            .set_language(user, language)
            .await
            .map_err(|e| not_found_as_unknown(e, user))
    }

    /// Records that the user blocked the bot (or came back).
    pub async fn mark_bot_blocked(&self, user: UserId, blocked: bool) -> Result<(), MemberError> {
        self.repo
            .set_bot_blocked(user, blocked)
            .await
            .map_err(|e| not_found_as_unknown(e, user))
    }

    /// The user, unless blocked: call before anything that takes money.
    pub async fn ensure_active(&self, user: UserId) -> Result<User, MemberError> {
        Ok(self.check_active(user).await?)
    }

    /// Gives `target` a new role. Admins may grant and revoke seller; only a superadmin may
    /// grant or revoke admin; superadmin comes only from the config. Audited.
    #[tracing::instrument(skip(self))]
    pub async fn set_role(&self, actor: UserId, target: UserId, role: Role) -> Result<User, MemberError> {
        let (actor_user, target_user) = self.admin_and_target(actor, target, &Self::SET_ROLE).await?;
        if role == Role::Superadmin {
            return Err(MemberError::SuperadminFromConfigOnly);
        }
        if target_user.role.is_staff() || role.is_staff() {
            self.need_superadmin(&actor_user, &Self::SET_ROLE).await?;
        }
        if target_user.role == role {
            return Ok(target_user);
        }
        let audit = NewAuditEntry::by(
            actor,
            Self::SET_ROLE,
            AuditTarget::user(target),
            serde_json::json!({ "from": target_user.role.code(), "to": role.code() }),
            self.clock.now(),
        );
        self.repo
            .set_role(target, role, audit)
            .await
            .map_err(|e| not_found_as_unknown(e, target))
    }

    /// Blocks `target`: they can no longer buy or pay. Blocking staff needs a superadmin.
    pub async fn block(&self, actor: UserId, target: UserId) -> Result<User, MemberError> {
        self.set_status(actor, target, UserStatus::Blocked).await
    }

    /// Lifts a block. Unblocking staff needs a superadmin.
    pub async fn unblock(&self, actor: UserId, target: UserId) -> Result<User, MemberError> {
        self.set_status(actor, target, UserStatus::Active).await
    }

    #[tracing::instrument(skip(self))]
    async fn set_status(&self, actor: UserId, target: UserId, status: UserStatus) -> Result<User, MemberError> {
        let action = match status {
            UserStatus::Blocked => Self::BLOCK,
            UserStatus::Active => Self::UNBLOCK,
        };
        let (actor_user, target_user) = self.admin_and_target(actor, target, &action).await?;
        if self.effective_role(&target_user).is_staff() {
            self.need_superadmin(&actor_user, &action).await?;
        }
        if target_user.status == status {
            return Ok(target_user);
        }
        let audit = NewAuditEntry::by(
            actor,
            action,
            AuditTarget::user(target),
            serde_json::json!({ "from": target_user.status.code(), "to": status.code() }),
            self.clock.now(),
        );
        self.repo
            .set_status(target, status, audit)
            .await
            .map_err(|e| not_found_as_unknown(e, target))
    }

    /// Loads an acting admin and the user they act on, refusing self-service and config
    /// superadmins as targets. A refused actor is audited as attempting `attempt`.
    async fn admin_and_target(
        &self,
        actor: UserId,
        target: UserId,
        attempt: &AuditAction,
    ) -> Result<(User, User), MemberError> {
        let actor_user = self.authorize(actor, Role::Admin, attempt).await?;
        if actor == target {
            return Err(MemberError::OwnAccount);
        }
        let target_user = self.get(target).await?;
        if self.is_configured_superadmin(&target_user) {
            return Err(MemberError::ConfiguredSuperadmin);
        }
        Ok((actor_user, target_user))
    }

    async fn need_superadmin(&self, actor: &User, attempt: &AuditAction) -> Result<(), MemberError> {
        self.authorize(actor.id, Role::Superadmin, attempt).await.map(drop)
    }

    pub(crate) async fn check_active(&self, id: UserId) -> Result<User, AccessError> {
        let user = self.repo.get(id).await?.ok_or(AccessError::UnknownUser(id))?;
        if user.is_blocked() {
            return Err(AccessError::Blocked);
        }
        Ok(user)
    }
}

pub(crate) fn not_found_as_unknown(e: kernel::StorageError, id: UserId) -> MemberError {
    match e {
        kernel::StorageError::NotFound(_) => MemberError::UnknownUser(id.to_string()),
        other => MemberError::Storage(other),
    }
}

#[async_trait]
impl Authorizer for MemberService {
    async fn require(&self, actor: UserId, role: Role) -> Result<User, AccessError> {
        let user = self.check_active(actor).await?;
        if self.effective_role(&user) < role {
            return Err(AccessError::Forbidden { needed: role });
        }
        Ok(user)
    }

    async fn ensure_active(&self, user: UserId) -> Result<User, AccessError> {
        self.check_active(user).await
    }

    async fn authorize(&self, actor: UserId, role: Role, attempt: &AuditAction) -> Result<User, AccessError> {
        self.guard(actor, role, attempt).await
    }
}
