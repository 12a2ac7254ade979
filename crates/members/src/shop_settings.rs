//! Shop settings a superadmin changes at run time, from the bot (⚙️ Shop settings) or with
//! `moonvpn settings`: the support contact and the default language. The config file gives
//! each its value until a superadmin sets one; from then on the value in the `setting` table
//! wins, for every reader (the Help screen, the language of new users).

use std::sync::Arc;

use kernel::UserId;

use crate::{
    AuditAction, AuditTarget, Language, MemberError, MemberService, NewAuditEntry, Role, SettingKey, SettingsRepo,
    SupportContact,
};

/// A shop setting, named like its key in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShopSetting {
    /// `support.contact`: how users reach support.
    SupportContact,
    /// `default_language`: the language of new users whose Telegram speaks none of ours.
    DefaultLanguage,
}

impl ShopSetting {
    /// Every shop setting, in the order screens list them.
    pub const ALL: [ShopSetting; 2] = [Self::SupportContact, Self::DefaultLanguage];

    /// Its name: the config file's key, also the key it is stored under.
    pub fn key(self) -> &'static str {
        match self {
            Self::SupportContact => "support.contact",
            Self::DefaultLanguage => "default_language",
        }
    }

    fn setting_key(self) -> SettingKey {
        SettingKey::new(self.key()).expect("shop setting keys are valid setting keys")
    }
}

impl std::str::FromStr for ShopSetting {
    type Err = MemberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|setting| setting.key() == s.trim())
            .ok_or_else(|| MemberError::BadSetting {
                key: s.to_owned(),
                reason: "not a shop setting; the shop settings are support.contact and default_language".to_owned(),
            })
    }
}

impl std::fmt::Display for ShopSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// A checked new value for one shop setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShopSettingValue {
    /// A new support contact.
    SupportContact(SupportContact),
    /// A new default language.
    DefaultLanguage(Language),
}

impl ShopSettingValue {
    /// Checks `text` as a value of `setting`; the error says what would be accepted.
    pub fn parse(setting: ShopSetting, text: &str) -> Result<Self, MemberError> {
        let bad = |reason: String| MemberError::BadSetting {
            key: setting.key().to_owned(),
            reason,
        };
        match setting {
            ShopSetting::SupportContact => SupportContact::new(text)
                .map(Self::SupportContact)
                .map_err(|e| bad(e.to_string())),
            ShopSetting::DefaultLanguage => text
                .parse()
                .map(Self::DefaultLanguage)
                .map_err(|e: crate::ParseCodeError| bad(e.to_string())),
        }
    }

    /// The setting it is a value of.
    pub fn setting(&self) -> ShopSetting {
        match self {
            Self::SupportContact(_) => ShopSetting::SupportContact,
            Self::DefaultLanguage(_) => ShopSetting::DefaultLanguage,
        }
    }

    /// The value as stored and shown.
    pub fn text(&self) -> String {
        match self {
            Self::SupportContact(contact) => contact.as_str().to_owned(),
            Self::DefaultLanguage(language) => language.code().to_owned(),
        }
    }
}

/// The shop settings in effect, and which of them a superadmin set (the others come from the
/// config file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopSettingsView {
    /// How users reach support, if anyone said.
    pub support_contact: Option<SupportContact>,
    /// The language of new users whose Telegram speaks none of ours.
    pub default_language: Language,
    /// The settings whose value was set at run time.
    pub set_at_run_time: Vec<ShopSetting>,
}

impl ShopSettingsView {
    /// The value of `setting` as text (`None`: no support contact).
    pub fn value(&self, setting: ShopSetting) -> Option<String> {
        match setting {
            ShopSetting::SupportContact => self.support_contact.as_ref().map(|c| c.as_str().to_owned()),
            ShopSetting::DefaultLanguage => Some(self.default_language.code().to_owned()),
        }
    }

    /// Whether `setting` was set at run time (else its value is the config file's).
    pub fn is_set_at_run_time(&self, setting: ShopSetting) -> bool {
        self.set_at_run_time.contains(&setting)
    }
}

/// Where shop settings are stored, and the config file's support contact.
#[derive(Clone)]
pub(crate) struct ShopSettingsStore {
    repo: Arc<dyn SettingsRepo>,
    support_contact: Option<SupportContact>,
}

impl MemberService {
    /// Audit action of a changed shop setting.
    pub const SETTINGS_SET: AuditAction = AuditAction::new("settings.set");
    /// What a refused look at the shop settings is audited as.
    pub const SETTINGS_VIEW: AuditAction = AuditAction::new("settings.view");

    /// Lets superadmins change the shop settings, stored in `repo`; `support_contact` is the
    /// config file's (the default language is [`crate::MembersConfig::default_language`]).
    /// Without it the config's values are the settings and changing them is refused.
    #[must_use]
    pub fn with_shop_settings(mut self, repo: Arc<dyn SettingsRepo>, support_contact: Option<SupportContact>) -> Self {
        self.shop_settings = Some(ShopSettingsStore { repo, support_contact });
        self
    }

    /// The shop settings in effect, for every screen that shows them. A stored value that no
    /// longer parses is logged and the config's used instead.
    pub async fn shop_settings(&self) -> Result<ShopSettingsView, MemberError> {
        let mut view = ShopSettingsView {
            support_contact: self.shop_settings.as_ref().and_then(|s| s.support_contact.clone()),
            default_language: self.config.default_language,
            set_at_run_time: Vec::new(),
        };
        let Some(store) = &self.shop_settings else {
            return Ok(view);
        };
        for setting in ShopSetting::ALL {
            let Some(text) = store.repo.get(&setting.setting_key()).await? else {
                continue;
            };
            match ShopSettingValue::parse(setting, &text) {
                Ok(ShopSettingValue::SupportContact(contact)) => view.support_contact = Some(contact),
                Ok(ShopSettingValue::DefaultLanguage(language)) => view.default_language = language,
                Err(e) => {
                    tracing::warn!(key = setting.key(), error = %e, "stored shop setting does not parse; using the config's");
                    continue;
                }
            }
            view.set_at_run_time.push(setting);
        }
        Ok(view)
    }

    /// The shop settings, for a superadmin about to change them; anyone else is refused
    /// (audited as `access.denied`).
    pub async fn shop_settings_as(&self, actor: UserId) -> Result<ShopSettingsView, MemberError> {
        self.authorize(actor, Role::Superadmin, &Self::SETTINGS_VIEW).await?;
        self.shop_settings().await
    }

    /// Changes one shop setting (superadmins only; anyone else is refused and the attempt
    /// audited). The new value and the audit entry `settings.set` (old and new value) are
    /// written in one transaction. Returns the settings now in effect.
    pub async fn set_shop_setting_as(
        &self,
        actor: UserId,
        value: ShopSettingValue,
    ) -> Result<ShopSettingsView, MemberError> {
        self.authorize(actor, Role::Superadmin, &Self::SETTINGS_SET).await?;
        let Some(store) = &self.shop_settings else {
            return Err(MemberError::BadSetting {
                key: value.setting().key().to_owned(),
                reason: "shop settings cannot be changed here (no settings store)".to_owned(),
            });
        };
        let setting = value.setting();
        let before = self.shop_settings().await?;
        let key = setting.setting_key();
        let audit = NewAuditEntry::by(
            actor,
            Self::SETTINGS_SET,
            AuditTarget::setting(&key),
            serde_json::json!({ "key": setting.key(), "from": before.value(setting), "to": value.text() }),
            self.clock.now(),
        );
        store.repo.put(&key, value.text(), audit).await?;
        self.shop_settings().await
    }

    /// The shop's language now: for a new user whose Telegram speaks none of ours, and for the
    /// chats that are nobody's (the review and alert channels, a superadmin who never opened the
    /// bot). The shop setting in effect, or the config's if it cannot be read.
    pub async fn default_language_now(&self) -> Language {
        match self.shop_settings().await {
            Ok(view) => view.default_language,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the default language; using the config's");
                self.config.default_language
            }
        }
    }
}

#[cfg(test)]
#[path = "shop_settings_tests.rs"]
mod tests;
