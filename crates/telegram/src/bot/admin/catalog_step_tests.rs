//! Unit tests of `catalog_step.rs`.

use super::*;

#[test]
fn the_plan_questions_follow_its_kind_and_back_returns_to_the_last_one() {
    let mut draft = PlanDraft::default();
    assert_eq!(draft.after(PlanField::Name), PlanField::Description);
    assert_eq!(draft.after(PlanField::Description), PlanField::Kind);
    assert_eq!(draft.after(PlanField::Kind), PlanField::Days);
    assert_eq!(draft.after(PlanField::Price), PlanField::Locations);
    draft.kind = DraftKind::Test;
    assert_eq!(draft.after(PlanField::Gb), PlanField::Locations);
    assert_eq!(draft.after(PlanField::Locations), PlanField::Summary);
    draft.kind = DraftKind::Dynamic;
    assert_eq!(draft.after(PlanField::Kind), PlanField::PerGb);
    assert_eq!(draft.before(PlanField::Locations), Some(PlanField::DaysRange));
    assert_eq!(draft.before(PlanField::Name), None);
}

#[test]
fn a_second_answer_about_a_code_rule_replaces_the_first() {
    let mut draft = CodeDraft {
        stage: CodeField::Value,
        answers: vec![],
    };
    draft.take(CodeChange::UsageLimit(Some(5)));
    draft.take(CodeChange::UsageLimit(None));
    assert_eq!(draft.answers, vec![CodeChange::UsageLimit(None)]);
    assert_eq!(CodeField::Code.after(), CodeField::Value);
    assert_eq!(CodeField::Code.before(), None);
    assert_eq!(CodeField::Plan.after(), CodeField::Summary);
    assert_eq!(CodeField::UsageLimit.after(), CodeField::PerUserLimit);
    draft.take(CodeChange::Plan(Some(4)));
    assert_eq!(draft.plans(), vec![4]);
    draft.take(CodeChange::Plans(vec![4, 7]));
    assert_eq!(draft.plans(), vec![4, 7]);
    assert_eq!(draft.answers.len(), 2, "one answer about the plans");
}
