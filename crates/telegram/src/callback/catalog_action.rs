//! The catalog editing buttons of the admin menu (creating and editing plans and discount
//! codes): [`CatalogAction`], wrapped by [`super::Action::Catalog`]. Every code starts with
//! `ae`. Answers to an open question (a choice, Skip, Back, Confirm…) carry no draft: what they
//! answer is in the chat's conversation state, and the use cases re-check the admin role.

use kernel::{DiscountCodeId, LocationId, PlanId};

use super::CallbackError;

/// A catalog editing button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogAction {
    /// Start creating a plan (asks its name).
    NewPlan,
    /// The fields of a plan that can be changed.
    EditPlan(PlanId),
    /// Change one field (index into the plan fields) of a plan.
    EditPlanField(PlanId, u8),
    /// Start creating a discount code (asks the code).
    NewCode,
    /// The rules of a code that can be changed.
    EditCode(DiscountCodeId),
    /// Change one rule (index into the code fields) of a code.
    EditCodeField(DiscountCodeId, u8),
    /// A choice on the open question (plan kind, renewal rule, test flag).
    Choice(u8),
    /// Leave the open optional question empty (unlimited, no limit, every plan…).
    Skip,
    /// Add or remove a location from the open multi-select.
    Toggle(LocationId),
    /// The locations are picked.
    Done,
    /// The plan a discount code is limited to.
    Pick(PlanId),
    /// Save what the summary or the confirmation shows.
    Confirm,
    /// Back to the previous question of a guided creation.
    Back,
}

impl CatalogAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 13] = [
        "aep", "aepe", "aepf", "aec", "aece", "aecf", "aeh", "aes", "aet", "aeo", "aek", "aey", "aeb",
    ];

    /// One action of each kind, naming `id` (the authorization test taps them all as a
    /// plain user).
    pub fn samples(id: i64) -> Vec<CatalogAction> {
        vec![
            Self::NewPlan,
            Self::EditPlan(PlanId::new(id)),
            Self::EditPlanField(PlanId::new(id), u8::MAX),
            Self::NewCode,
            Self::EditCode(DiscountCodeId::new(id)),
            Self::EditCodeField(DiscountCodeId::new(id), u8::MAX),
            Self::Choice(u8::MAX),
            Self::Skip,
            Self::Toggle(LocationId::new(id)),
            Self::Done,
            Self::Pick(PlanId::new(id)),
            Self::Confirm,
            Self::Back,
        ]
    }

    /// Whether the code belongs to this family.
    pub fn owns(code: &str) -> bool {
        code.starts_with("ae")
    }

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NewPlan => "aep",
            Self::EditPlan(_) => "aepe",
            Self::EditPlanField(..) => "aepf",
            Self::NewCode => "aec",
            Self::EditCode(_) => "aece",
            Self::EditCodeField(..) => "aecf",
            Self::Choice(_) => "aeh",
            Self::Skip => "aes",
            Self::Toggle(_) => "aet",
            Self::Done => "aeo",
            Self::Pick(_) => "aek",
            Self::Confirm => "aey",
            Self::Back => "aeb",
        }
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::NewPlan | Self::NewCode | Self::Skip | Self::Done | Self::Confirm | Self::Back => code.to_owned(),
            Self::EditPlan(id) | Self::Pick(id) => format!("{code}:{id}"),
            Self::EditCode(id) => format!("{code}:{id}"),
            Self::Toggle(id) => format!("{code}:{id}"),
            Self::EditPlanField(id, field) => format!("{code}:{id}:{field}"),
            Self::EditCodeField(id, field) => format!("{code}:{id}:{field}"),
            Self::Choice(n) => format!("{code}:{n}"),
        }
    }

    /// Parses an `ae…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let none = |action: Self| if args.is_empty() { Ok(action) } else { Err(bad()) };
        let id = || match args {
            [raw] => super::action::number(raw).ok_or_else(bad),
            _ => Err(bad()),
        };
        let id_and_field = || match args {
            [raw, field] => Ok((
                super::action::number(raw).ok_or_else(bad)?,
                field.parse::<u8>().map_err(|_| bad())?,
            )),
            _ => Err(bad()),
        };
        match code {
            "aep" => none(Self::NewPlan),
            "aepe" => Ok(Self::EditPlan(PlanId::new(id()?))),
            "aepf" => id_and_field().map(|(id, f)| Self::EditPlanField(PlanId::new(id), f)),
            "aec" => none(Self::NewCode),
            "aece" => Ok(Self::EditCode(DiscountCodeId::new(id()?))),
            "aecf" => id_and_field().map(|(id, f)| Self::EditCodeField(DiscountCodeId::new(id), f)),
            "aeh" => match args {
                [n] => n.parse().map(Self::Choice).map_err(|_| bad()),
                _ => Err(bad()),
            },
            "aes" => none(Self::Skip),
            "aet" => Ok(Self::Toggle(LocationId::new(id()?))),
            "aeo" => none(Self::Done),
            "aek" => Ok(Self::Pick(PlanId::new(id()?))),
            "aey" => none(Self::Confirm),
            "aeb" => none(Self::Back),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_catalog_action_round_trips_within_64_bytes() {
        let key = kernel::Secret::new("test-secret-key-test-secret-key-0");
        let codec = super::super::CallbackCodec::new(super::super::CallbackKey::derive(&key));
        let chat = telegram_state::ChatKey::new(-1_000_000_000_000);
        for action in CatalogAction::samples(i64::MAX) {
            let data = codec.encode(chat, &super::super::Action::Catalog(action)).unwrap();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(
                codec.decode(chat, &data).unwrap(),
                super::super::Action::Catalog(action)
            );
        }
        let sampled: BTreeSet<&str> = CatalogAction::samples(1).iter().map(CatalogAction::code).collect();
        let all: BTreeSet<&str> = CatalogAction::CODES.into_iter().collect();
        assert_eq!(all.len(), CatalogAction::CODES.len(), "duplicate code");
        assert_eq!(sampled, all);
    }

    #[test]
    fn malformed_catalog_arguments_are_refused() {
        for (code, args) in [
            ("aep", vec!["1"]),
            ("aepe", vec![]),
            ("aepf", vec!["1"]),
            ("aepf", vec!["1", "256"]),
            ("aeh", vec!["-1"]),
            ("aet", vec!["x"]),
            ("aey", vec!["1"]),
        ] {
            assert!(CatalogAction::from_wire(code, &args).is_err(), "{code} {args:?}");
        }
        assert!(matches!(
            CatalogAction::from_wire("aez", &[]),
            Err(CallbackError::UnknownAction(_))
        ));
    }
}
