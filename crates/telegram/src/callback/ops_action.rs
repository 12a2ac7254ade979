//! The shop-operations buttons of the admin menu: [`OpsAction`], wrapped by
//! [`super::Action::Ops`]. Codes start with `as` (stats), `al` (audit log), `ak` (backup),
//! `ag` (shop settings) or `am` (a message to one user).
//! Handlers check the role on the server on every tap.

use kernel::UserId;

use super::AuditView;
use members::Language;

use super::CallbackError;

/// A shop-operations button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpsAction {
    /// The shop's numbers and the revenue chart.
    Stats,
    /// A page (0-based) of the audit log, with its filters.
    Audit {
        /// The page, newest first.
        page: u32,
        /// The filters.
        view: AuditView,
    },
    /// The action filter's picker: the families (`family` 0), or the actions of one family
    /// (its 1-based place among the choices).
    AuditActions {
        /// Which level.
        family: u16,
        /// The filters to keep.
        view: AuditView,
    },
    /// Ask whose actions to show.
    AuditActor(AuditView),
    /// Ask which days to show.
    AuditDays(AuditView),
    /// The shop settings (superadmins).
    Settings,
    /// Ask for a new support contact.
    SettingsContact,
    /// Save the support contact shown for confirmation (it is in the chat's state).
    SettingsContactSave,
    /// Pick a new default language.
    SettingsLanguage,
    /// Ask before making this the default language.
    SettingsLanguagePick(Language),
    /// Make this the default language (confirmed).
    SettingsLanguageSave(Language),
    /// Ask for the text of a message to a user.
    Message(UserId),
    /// Send the message shown for confirmation (its text is in the chat's state).
    MessageSend(UserId),
}

impl OpsAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 13] = [
        "as", "al", "alf", "ala", "ald", "ag", "agc", "agck", "agl", "aglp", "aglk", "am", "amk",
    ];

    /// One action of each kind (the authorization test taps them all as a plain user).
    pub fn samples() -> Vec<OpsAction> {
        vec![
            Self::Stats,
            Self::Audit {
                page: u32::MAX,
                view: Self::widest_view(),
            },
            Self::AuditActions {
                family: u16::MAX,
                view: Self::widest_view(),
            },
            Self::AuditActor(Self::widest_view()),
            Self::AuditDays(Self::widest_view()),
            Self::Settings,
            Self::SettingsContact,
            Self::SettingsContactSave,
            Self::SettingsLanguage,
            Self::SettingsLanguagePick(Language::Fa),
            Self::SettingsLanguageSave(Language::Ru),
            Self::Message(UserId::new(i64::MAX)),
            Self::MessageSend(UserId::new(i64::MAX)),
        ]
    }

    /// The audit view with the longest wire form.
    fn widest_view() -> AuditView {
        AuditView {
            actor: Some(UserId::new(i64::MAX)),
            action: u16::MAX,
            from: time::Date::from_calendar_date(2100, time::Month::January, 1).ok(),
            to: time::Date::from_calendar_date(2100, time::Month::December, 31).ok(),
        }
    }

    /// Whether the code belongs to this family.
    pub fn owns(code: &str) -> bool {
        ["as", "al", "ak", "ag", "am"]
            .iter()
            .any(|prefix| code.starts_with(prefix))
    }

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Stats => "as",
            Self::Audit { .. } => "al",
            Self::AuditActions { .. } => "alf",
            Self::AuditActor(_) => "ala",
            Self::AuditDays(_) => "ald",
            Self::Settings => "ag",
            Self::SettingsContact => "agc",
            Self::SettingsContactSave => "agck",
            Self::SettingsLanguage => "agl",
            Self::SettingsLanguagePick(_) => "aglp",
            Self::SettingsLanguageSave(_) => "aglk",
            Self::Message(_) => "am",
            Self::MessageSend(_) => "amk",
        }
    }

    /// Whether the tap is slow (answered with "Processing…" at once): drawing the chart is not.
    pub fn answers_early(&self) -> bool {
        false
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        match self {
            Self::Stats
            | Self::Settings
            | Self::SettingsContact
            | Self::SettingsContactSave
            | Self::SettingsLanguage => self.code().to_owned(),
            Self::SettingsLanguagePick(language) | Self::SettingsLanguageSave(language) => {
                format!("{}:{}", self.code(), language.code())
            }
            Self::Audit { page, view } => format!("{}:{page}:{}", self.code(), view.to_wire()),
            Self::AuditActions { family, view } => format!("{}:{family}:{}", self.code(), view.to_wire()),
            Self::AuditActor(view) | Self::AuditDays(view) => format!("{}:{}", self.code(), view.to_wire()),
            Self::Message(user) | Self::MessageSend(user) => format!("{}:{user}", self.code()),
        }
    }

    /// Parses an `as…`, `al…`, `ak…` or `ag…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let none = |action: Self| if args.is_empty() { Ok(action) } else { Err(bad()) };
        match code {
            "as" => none(Self::Stats),
            "ag" => none(Self::Settings),
            "agc" => none(Self::SettingsContact),
            "agck" => none(Self::SettingsContactSave),
            "agl" => none(Self::SettingsLanguage),
            "aglp" | "aglk" => match args {
                [code_arg] => {
                    let language: Language = code_arg.parse().map_err(|_| bad())?;
                    if *code_arg != language.code() {
                        return Err(bad());
                    }
                    Ok(if code == "aglp" {
                        Self::SettingsLanguagePick(language)
                    } else {
                        Self::SettingsLanguageSave(language)
                    })
                }
                _ => Err(bad()),
            },
            "am" | "amk" => match args {
                [raw] => {
                    let user = UserId::new(super::action::number(raw).ok_or_else(bad)?);
                    Ok(if code == "am" {
                        Self::Message(user)
                    } else {
                        Self::MessageSend(user)
                    })
                }
                _ => Err(bad()),
            },
            // Buttons from before the filters (page, period, family) open the unfiltered log.
            "al" => match args {
                [page, _, _] => Ok(Self::Audit {
                    page: page.parse().map_err(|_| bad())?,
                    view: AuditView::default(),
                }),
                [page, view @ ..] => Ok(Self::Audit {
                    page: page.parse().map_err(|_| bad())?,
                    view: AuditView::from_wire(view).ok_or_else(bad)?,
                }),
                _ => Err(bad()),
            },
            "alf" => match args {
                [family, view @ ..] => Ok(Self::AuditActions {
                    family: family.parse().map_err(|_| bad())?,
                    view: AuditView::from_wire(view).ok_or_else(bad)?,
                }),
                _ => Err(bad()),
            },
            "ala" => AuditView::from_wire(args).map(Self::AuditActor).ok_or_else(bad),
            "ald" => AuditView::from_wire(args).map(Self::AuditDays).ok_or_else(bad),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_ops_action_round_trips_within_64_bytes() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
        for action in OpsAction::samples() {
            let data = codec.encode(chat, &super::super::Action::Ops(action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(codec.decode(chat, &data).unwrap(), super::super::Action::Ops(action));
        }
        let sampled: BTreeSet<&str> = OpsAction::samples().iter().map(OpsAction::code).collect();
        assert_eq!(sampled, OpsAction::CODES.into_iter().collect());
    }

    #[test]
    fn malformed_ops_arguments_are_refused() {
        assert!(OpsAction::from_wire("as", &["1"]).is_err());
        assert!(OpsAction::from_wire("ag", &["1"]).is_err());
        assert!(OpsAction::from_wire("aglp", &[]).is_err());
        assert!(OpsAction::from_wire("aglp", &["de"]).is_err());
        assert!(OpsAction::from_wire("aglk", &["FA"]).is_err());
        assert_eq!(
            OpsAction::from_wire("aglk", &["fa"]).unwrap(),
            OpsAction::SettingsLanguageSave(Language::Fa)
        );
        assert!(OpsAction::from_wire("al", &["1", "2"]).is_err());
        assert!(OpsAction::from_wire("al", &["-1", "2", "3"]).is_err());
        assert_eq!(
            OpsAction::from_wire("al", &["1", "2", "3"]).unwrap(),
            OpsAction::Audit {
                page: 1,
                view: AuditView::default()
            },
            "an old button opens the unfiltered log"
        );
        assert!(OpsAction::from_wire("al", &["0", "", "x", "", ""]).is_err());
        assert!(OpsAction::from_wire("ala", &["", "0", ""]).is_err());
        assert!(OpsAction::from_wire("am", &[]).is_err());
        assert!(OpsAction::from_wire("amk", &["-1"]).is_err());
        assert_eq!(
            OpsAction::from_wire("amk", &["7"]).unwrap(),
            OpsAction::MessageSend(UserId::new(7))
        );
        assert!(matches!(
            OpsAction::from_wire("asz", &[]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
