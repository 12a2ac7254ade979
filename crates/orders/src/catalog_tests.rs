//! The catalog's admin use cases: role checked, audited, refused clearly.

use std::sync::Arc;

use kernel::{DiscountCodeId, FixedClock, Money, PlanId, StorageError, UserId};
use members::{AccessError, MockAuthorizer, Role};
use time::macros::datetime;

use crate::renewal::tests::{bytes, count};
use crate::{
    CatalogService, Discount, DiscountCode, DiscountEdit, DiscountStatus, DiscountTerms, DiscountValue, FixedTerms,
    MockDiscountRepo, MockPlanRepo, NewPlan, OrderError, Percent, Plan, PlanEdit, PlanKind, PlanName, RenewalRule,
};

const ADMIN: UserId = UserId::new(1);
const USER: UserId = UserId::new(2);

fn access() -> MockAuthorizer {
    let mut auth = MockAuthorizer::new();
    auth.expect_require().returning(|actor, role| {
        assert_eq!(role, Role::Admin);
        if actor == ADMIN {
            Ok(member(actor))
        } else {
            Err(AccessError::Forbidden { needed: Role::Admin })
        }
    });
    auth
}

pub(crate) fn member(id: UserId) -> members::User {
    members::User {
        id,
        telegram_id: kernel::TelegramId::new(100 + id.get()).unwrap(),
        username: None,
        first_name: members::FirstName::new("Ann"),
        language: members::Language::En,
        role: Role::Admin,
        status: members::UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-11-21 10:00 UTC),
    }
}

fn service(plans: MockPlanRepo, discounts: MockDiscountRepo) -> CatalogService {
    CatalogService::new(
        Arc::new(plans),
        Arc::new(discounts),
        Arc::new(access()),
        Arc::new(FixedClock::new(datetime!(2026-11-21 12:00 UTC))),
    )
}

fn money(minor: i64) -> Money {
    Money::from_minor(minor).unwrap()
}

fn plan() -> Plan {
    Plan {
        id: PlanId::new(4),
        name: PlanName::parse("Silver").unwrap(),
        description: None,
        kind: PlanKind::Fixed(FixedTerms::new(bytes(0), 30, money(10)).unwrap()),
        locations: Default::default(),
        is_test: false,
        renewal: RenewalRule::RestartFromNow,
        ip_limit: count(0),
        active: true,
    }
}

fn ten_percent() -> DiscountTerms {
    DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap()
}

fn discount() -> Discount {
    Discount {
        id: DiscountCodeId::new(9),
        code: DiscountCode::parse("MOON10").unwrap(),
        terms: ten_percent(),
        used_count: 3,
        status: DiscountStatus::Active,
        created_at: datetime!(2026-11-20 12:00 UTC),
    }
}

#[tokio::test]
async fn taking_a_plan_off_sale_stores_it_inactive_and_audits_it() {
    let mut plans = MockPlanRepo::new();
    plans.expect_plan().returning(|_| Ok(Some(plan())));
    plans
        .expect_update_plan()
        .withf(|p, audit| {
            let audit = audit.as_ref().unwrap();
            p.id == PlanId::new(4)
                && !p.active
                && audit.action == CatalogService::PLAN_EDIT
                && audit.actor == Some(ADMIN)
                && audit.target.as_str() == "plan:4"
                && audit.detail["from"]["active"] == true
                && audit.detail["to"]["active"] == false
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let p = service(plans, MockDiscountRepo::new())
        .set_plan_active(ADMIN, PlanId::new(4), false)
        .await
        .unwrap();
    assert!(!p.active);
}

#[tokio::test]
async fn editing_a_missing_plan_says_so() {
    let mut plans = MockPlanRepo::new();
    plans.expect_plan().returning(|_| Ok(None));
    let err = service(plans, MockDiscountRepo::new())
        .edit_plan(ADMIN, PlanId::new(4), &PlanEdit::default())
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::PlanNotFound(id) if id == PlanId::new(4)));
}

#[tokio::test]
async fn a_plain_user_changes_nothing_in_the_catalog() {
    let s = service(MockPlanRepo::new(), MockDiscountRepo::new());
    let forbidden = |e: OrderError| matches!(e, OrderError::Forbidden { needed: Role::Admin });
    assert!(forbidden(
        s.set_plan_active(USER, PlanId::new(4), false).await.unwrap_err()
    ));
    let new = NewPlan {
        name: PlanName::parse("X").unwrap(),
        description: None,
        kind: plan().kind,
        locations: Default::default(),
        is_test: false,
        renewal: RenewalRule::AddToRemaining,
        ip_limit: count(0),
        active: true,
    };
    assert!(forbidden(s.add_plan(USER, new).await.unwrap_err()));
    let code = DiscountCode::parse("FREE").unwrap();
    assert!(forbidden(
        s.add_discount(USER, code, ten_percent(), DiscountStatus::Active)
            .await
            .unwrap_err()
    ));
    let id = DiscountCodeId::new(9);
    assert!(forbidden(
        s.edit_discount(USER, id, &DiscountEdit::default()).await.unwrap_err()
    ));
    assert!(forbidden(
        s.set_discount_status(USER, id, DiscountStatus::Disabled)
            .await
            .unwrap_err()
    ));
    assert!(forbidden(s.discounts(USER, Default::default()).await.unwrap_err()));
}

#[tokio::test]
async fn a_free_test_plan_with_a_price_is_refused() {
    let new = NewPlan {
        name: PlanName::parse("Trial").unwrap(),
        description: None,
        kind: plan().kind,
        locations: Default::default(),
        is_test: true,
        renewal: RenewalRule::AddToRemaining,
        ip_limit: count(0),
        active: true,
    };
    let err = service(MockPlanRepo::new(), MockDiscountRepo::new())
        .add_plan(ADMIN, new)
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::TestPlanPriced));
}

#[tokio::test]
async fn a_duplicate_discount_code_is_refused_clearly() {
    let mut discounts = MockDiscountRepo::new();
    discounts
        .expect_insert_discount()
        .returning(|_, _| Err(StorageError::Conflict("discount_code.code".into())));
    let err = service(MockPlanRepo::new(), discounts)
        .add_discount(
            ADMIN,
            DiscountCode::parse("MOON").unwrap(),
            ten_percent(),
            DiscountStatus::Active,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::DiscountCodeTaken));
}

#[tokio::test]
async fn a_code_for_a_plan_that_does_not_exist_is_refused() {
    let mut plans = MockPlanRepo::new();
    plans.expect_plan().returning(|_| Ok(None));
    let terms = ten_percent().with_plans([PlanId::new(77)].into());
    let err = service(plans, MockDiscountRepo::new())
        .add_discount(
            ADMIN,
            DiscountCode::parse("MOON").unwrap(),
            terms,
            DiscountStatus::Active,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::PlanNotFound(id) if id == PlanId::new(77)));
}

#[tokio::test]
async fn editing_a_code_keeps_its_uses_and_audits_before_and_after() {
    let mut discounts = MockDiscountRepo::new();
    discounts.expect_discount().returning(|_| Ok(Some(discount())));
    discounts
        .expect_update_discount()
        .withf(|id, terms, audit| {
            *id == DiscountCodeId::new(9)
                && terms.usage_limit() == Some(50)
                && audit.action == CatalogService::DISCOUNT_EDIT
                && audit.detail["from"]["usage_limit"].is_null()
                && audit.detail["to"]["usage_limit"] == 50
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let edit = DiscountEdit {
        usage_limit: Some(Some(50)),
        ..DiscountEdit::default()
    };
    let d = service(MockPlanRepo::new(), discounts)
        .edit_discount(ADMIN, DiscountCodeId::new(9), &edit)
        .await
        .unwrap();
    assert_eq!((d.used_count, d.terms.usage_limit()), (3, Some(50)));
}

#[tokio::test]
async fn disabling_a_code_is_audited_and_a_missing_one_is_named() {
    let mut discounts = MockDiscountRepo::new();
    discounts
        .expect_discount()
        .returning(|id| Ok((id == DiscountCodeId::new(9)).then(discount)));
    discounts
        .expect_set_discount_status()
        .withf(|_, status, audit| {
            *status == DiscountStatus::Disabled
                && audit.as_ref().unwrap().action == CatalogService::DISCOUNT_STATUS
                && audit.as_ref().unwrap().detail["to"] == "disabled"
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let s = service(MockPlanRepo::new(), discounts);
    let d = s
        .set_discount_status(ADMIN, DiscountCodeId::new(9), DiscountStatus::Disabled)
        .await
        .unwrap();
    assert_eq!(d.status, DiscountStatus::Disabled);
    let err = s
        .set_discount_status(ADMIN, DiscountCodeId::new(8), DiscountStatus::Disabled)
        .await
        .unwrap_err();
    assert!(matches!(err, OrderError::DiscountNotFound(id) if id == DiscountCodeId::new(8)));
}
