//! The broadcast buttons of the admin menu: [`BroadcastAction`], wrapped by
//! [`super::Action::Broadcast`]. Every code starts with `ab` (the broadcasts area's prefix).
//! Ids only name a campaign; the use cases re-check the admin role on every tap.

use kernel::{CampaignId, LocationId};
use members::Language;
use notify::broadcast::Audience;

use super::CallbackError;

/// A broadcast button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastAction {
    /// The broadcasts screen: past campaigns and "New broadcast".
    Home,
    /// Start composing: ask for the text.
    New,
    /// Go on without a photo.
    SkipPhoto(CampaignId),
    /// Go on without a link button.
    SkipButton(CampaignId),
    /// The audience picker of a draft.
    Audiences(CampaignId),
    /// The locations to pick an audience from.
    Locations(CampaignId),
    /// The languages to pick an audience from.
    Languages(CampaignId),
    /// Pick an audience: the preview and the confirmation with the recipient count.
    Pick(CampaignId, Audience),
    /// Send it (confirmed).
    Start(CampaignId),
    /// A campaign's progress or results (also "Refresh").
    View(CampaignId),
    /// Pause a running campaign.
    Pause(CampaignId),
    /// Resume a paused campaign.
    Resume(CampaignId),
    /// Ask before cancelling.
    Cancel(CampaignId),
    /// Cancel (confirmed).
    CancelConfirmed(CampaignId),
}

impl BroadcastAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 14] = [
        "ab", "abn", "abs", "abk", "abu", "abl", "abg", "abp", "abc", "abv", "abz", "abr", "abx", "aby",
    ];

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Home => "ab",
            Self::New => "abn",
            Self::SkipPhoto(_) => "abs",
            Self::SkipButton(_) => "abk",
            Self::Audiences(_) => "abu",
            Self::Locations(_) => "abl",
            Self::Languages(_) => "abg",
            Self::Pick(..) => "abp",
            Self::Start(_) => "abc",
            Self::View(_) => "abv",
            Self::Pause(_) => "abz",
            Self::Resume(_) => "abr",
            Self::Cancel(_) => "abx",
            Self::CancelConfirmed(_) => "aby",
        }
    }

    /// Whether the tap takes a while (writing every recipient when a campaign starts).
    pub fn answers_early(&self) -> bool {
        matches!(self, Self::Start(_))
    }

    /// `<code>[:<id>[:<audience>]]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::Home | Self::New => code.to_owned(),
            Self::Pick(id, audience) => format!("{code}:{id}:{}", audience_token(audience)),
            Self::SkipPhoto(id)
            | Self::SkipButton(id)
            | Self::Audiences(id)
            | Self::Locations(id)
            | Self::Languages(id)
            | Self::Start(id)
            | Self::View(id)
            | Self::Pause(id)
            | Self::Resume(id)
            | Self::Cancel(id)
            | Self::CancelConfirmed(id) => format!("{code}:{id}"),
        }
    }

    /// Parses `<code>` and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let id = |raw: &str| super::action::number(raw).map(CampaignId::new).ok_or_else(bad);
        match (code, args) {
            ("ab", []) => Ok(Self::Home),
            ("abn", []) => Ok(Self::New),
            ("abp", [raw, token]) => Ok(Self::Pick(id(raw)?, parse_audience(token).ok_or_else(bad)?)),
            (_, [raw]) => {
                let id = id(raw)?;
                match code {
                    "abs" => Ok(Self::SkipPhoto(id)),
                    "abk" => Ok(Self::SkipButton(id)),
                    "abu" => Ok(Self::Audiences(id)),
                    "abl" => Ok(Self::Locations(id)),
                    "abg" => Ok(Self::Languages(id)),
                    "abc" => Ok(Self::Start(id)),
                    "abv" => Ok(Self::View(id)),
                    "abz" => Ok(Self::Pause(id)),
                    "abr" => Ok(Self::Resume(id)),
                    "abx" => Ok(Self::Cancel(id)),
                    "aby" => Ok(Self::CancelConfirmed(id)),
                    other if Self::CODES.contains(&other) => Err(bad()),
                    other => Err(CallbackError::UnknownAction(other.to_owned())),
                }
            }
            (other, _) if Self::CODES.contains(&other) => Err(bad()),
            (other, _) => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

/// An audience in a few bytes: `all`, `act`, `exp`, `new`, `l<id>`, `g<lang>`.
fn audience_token(audience: Audience) -> String {
    match audience {
        Audience::All => "all".into(),
        Audience::Active => "act".into(),
        Audience::Expired => "exp".into(),
        Audience::NeverBought => "new".into(),
        Audience::Location(id) => format!("l{id}"),
        Audience::Language(lang) => format!("g{}", lang.code()),
    }
}

fn parse_audience(token: &str) -> Option<Audience> {
    Some(match token {
        "all" => Audience::All,
        "act" => Audience::Active,
        "exp" => Audience::Expired,
        "new" => Audience::NeverBought,
        other => match other.split_at_checked(1)? {
            ("l", id) => Audience::Location(LocationId::new(super::action::number(id)?)),
            ("g", lang) => Audience::Language(lang.parse::<Language>().ok()?),
            _ => return None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let id = CampaignId::new(i64::MAX);
        let mut actions = vec![
            BroadcastAction::Home,
            BroadcastAction::New,
            BroadcastAction::SkipPhoto(id),
            BroadcastAction::SkipButton(id),
            BroadcastAction::Audiences(id),
            BroadcastAction::Locations(id),
            BroadcastAction::Languages(id),
            BroadcastAction::Start(id),
            BroadcastAction::View(id),
            BroadcastAction::Pause(id),
            BroadcastAction::Resume(id),
            BroadcastAction::Cancel(id),
            BroadcastAction::CancelConfirmed(id),
        ];
        for audience in [
            Audience::All,
            Audience::Active,
            Audience::Expired,
            Audience::NeverBought,
            Audience::Location(LocationId::new(i64::MAX)),
            Audience::Language(Language::Fa),
        ] {
            actions.push(BroadcastAction::Pick(id, audience));
        }
        let codes: std::collections::BTreeSet<&str> = actions.iter().map(BroadcastAction::code).collect();
        let listed: std::collections::BTreeSet<&str> = BroadcastAction::CODES.into_iter().collect();
        assert_eq!(codes, listed, "every code listed once");
        assert_eq!(listed.len(), BroadcastAction::CODES.len(), "duplicate code");
        for action in actions {
            let wire = action.to_wire();
            let mut parts = wire.split(':');
            let code = parts.next().unwrap();
            let args: Vec<&str> = parts.collect();
            assert_eq!(BroadcastAction::from_wire(code, &args), Ok(action), "{wire}");
            // `v1:` + wire + `:` + an 8-character tag.
            assert!(wire.len() + 12 <= 64, "{wire}");
        }
        assert!(BroadcastAction::from_wire("abp", &["1", "gde"]).is_err());
        assert!(BroadcastAction::from_wire("abv", &["-1"]).is_err());
        assert!(BroadcastAction::from_wire("abv", &[]).is_err());
        assert!(BroadcastAction::from_wire("ab", &["1"]).is_err());
    }
}
