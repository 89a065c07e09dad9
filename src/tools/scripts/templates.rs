//! FABE templates for common bank products, in both languages. Trainees start
//! from one and edit it; the wording is deliberately compliant (no promises of
//! return, no superlatives) so the compliance check starts clean.

use super::text::Bi;

/// A product template: the four FABE parts, a typical customer need and the
/// product's usual risk level (R1–R5; `None` for non-investment products).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProductTemplate {
    pub id: &'static str,
    pub name: Bi,
    pub need: Bi,
    /// Feature, Advantage, Benefit, Evidence.
    pub parts: [Bi; 4],
    pub risk: Option<u8>,
}

pub static TEMPLATES: [ProductTemplate; 7] = [
    ProductTemplate {
        id: "time_deposit",
        name: Bi::new("定期存款", "Time deposit"),
        need: Bi::new("三年后孩子上大学要用一笔学费", "your daughter's school fees in three years"),
        parts: [
            Bi::new(
                "三年期定期存款，按我行挂牌利率计息，50元起存，到期可自动转存。",
                "A three-year time deposit at our posted rate, from ¥50, with automatic renewal at maturity.",
            ),
            Bi::new(
                "利率比活期高，期限和您用钱的时间对得上，不用操心到期转存。",
                "It pays more than a current account, its term matches when you need the money, and renewal takes care of itself.",
            ),
            Bi::new(
                "孩子上大学的学费到时正好连本带息准备好，这笔钱不会被随手花掉。",
                "The school fees will be ready with interest exactly when your daughter starts, and the money will not get spent by accident.",
            ),
            Bi::new(
                "这是我行公布的利率表；存款受《存款保险条例》保障，每人每行50万元以内全额赔付。",
                "Here is our published rate sheet; deposits are covered by deposit insurance up to ¥500,000 per person per bank.",
            ),
        ],
        risk: None,
    },
    ProductTemplate {
        id: "wealth",
        name: Bi::new("理财产品", "Wealth-management product"),
        need: Bi::new("闲钱想比存款多一些收益，又能接受一定波动", "wanting a better return than deposits on spare money, with some ups and downs acceptable"),
        parts: [
            Bi::new(
                "这是一款R2级固定收益类理财，期限一年，业绩比较基准3.0%–3.5%，不保本。",
                "A one-year R2 fixed-income wealth product with a performance benchmark of 3.0%–3.5%; principal is not guaranteed.",
            ),
            Bi::new(
                "主要投资债券和存款类资产，波动比股票类产品小，比存款多一个收益来源。",
                "It invests mainly in bonds and deposits, so it moves less than equity products while adding a source of return beyond deposits.",
            ),
            Bi::new(
                "您的闲钱有机会获得比存款更好的收益，波动也在您能接受的范围内。",
                "Your spare money has a chance of a better return than deposits, with swings within what you said you can accept.",
            ),
            Bi::new(
                "这是产品说明书和风险揭示书，以及这款产品过去三年的净值走势；过往业绩不代表未来表现。",
                "Here are the prospectus, the risk disclosure and the product's net value over three years; past performance does not predict future results.",
            ),
        ],
        risk: Some(2),
    },
    ProductTemplate {
        id: "payroll",
        name: Bi::new("代发薪", "Payroll service"),
        need: Bi::new("每月发工资要跑银行，财务人手紧", "that paying salaries takes a trip to the bank every month and your finance team is stretched"),
        parts: [
            Bi::new(
                "企业网银批量代发工资，员工工资卡统一办理，支持定时发放。",
                "Bulk salary payment through corporate online banking, salary cards for all staff, and scheduled payments.",
            ),
            Bi::new(
                "不用再逐笔转账或跑网点，发放结果自动回单，员工还能享受工资卡专属服务。",
                "No more single transfers or branch visits, automatic payment receipts, and staff get salary-card services.",
            ),
            Bi::new(
                "财务每月发工资从半天缩短到几分钟，人手紧的问题就缓解了，员工也更满意。",
                "Paying salaries takes your finance team minutes instead of half a day each month, easing the staffing pressure, and staff are happier.",
            ),
            Bi::new(
                "本地已有三百多家企业在用我行代发，这是其中一家同规模企业的使用情况。",
                "Over three hundred local companies use our payroll service; here is how a company of your size uses it.",
            ),
        ],
        risk: None,
    },
    ProductTemplate {
        id: "credit_card",
        name: Bi::new("信用卡", "Credit card"),
        need: Bi::new("经常出差，想要方便的支付和差旅权益", "that you travel on business a lot and want easy payments and travel perks"),
        parts: [
            Bi::new(
                "这张信用卡有最长50天免息期，境外消费免货币转换费，积分可兑换里程。",
                "This card gives up to 50 interest-free days, no currency conversion fee abroad, and points that convert to air miles.",
            ),
            Bi::new(
                "出差垫付不用占用自己的钱，在国外刷卡也不多花手续费。",
                "Travel expenses do not tie up your own money, and paying abroad costs no extra fees.",
            ),
            Bi::new(
                "您出差时支付更方便，差旅花费还能攒成里程，下次出行就用得上。",
                "Paying on your business trips gets easier, and your travel spending turns into miles for your next trip.",
            ),
            Bi::new(
                "这是权益说明和收费标准，您可以在手机银行随时查看积分和里程。",
                "Here are the benefits guide and the fee schedule; you can check points and miles any time in mobile banking.",
            ),
        ],
        risk: None,
    },
    ProductTemplate {
        id: "mortgage",
        name: Bi::new("个人住房贷款", "Mortgage"),
        need: Bi::new("想买一套离孩子学校近的房子，担心月供压力", "buying a flat near the children's school, and worrying about the monthly payments"),
        parts: [
            Bi::new(
                "个人住房贷款，期限最长30年，可选等额本息或等额本金，支持提前还款。",
                "A home loan for up to 30 years, with equal instalments or equal principal, and early repayment allowed.",
            ),
            Bi::new(
                "期限长、还款方式灵活，审批进度可以在手机上随时查。",
                "A long term, flexible repayment and approval progress you can follow on your phone.",
            ),
            Bi::new(
                "月供可以控制在您家庭收入能轻松承担的范围内，买到离孩子学校近的房子。",
                "The monthly payments stay within what your family income comfortably covers, and you get the flat near the children's school.",
            ),
            Bi::new(
                "这是按您的收入测算的还款计划表，以及贷款合同的主要条款。",
                "Here is a repayment schedule based on your income and the main terms of the loan contract.",
            ),
        ],
        risk: None,
    },
    ProductTemplate {
        id: "insurance",
        name: Bi::new("保险（重疾险）", "Insurance (critical illness)"),
        need: Bi::new("家里的顶梁柱，担心生病影响家庭收入", "that you are the family's main earner and worry an illness would cut the family income"),
        parts: [
            Bi::new(
                "这是一款重大疾病保险，确诊合同约定的重疾一次性给付保险金，由XX保险公司承保。",
                "A critical-illness policy that pays a lump sum on diagnosis of a covered illness, underwritten by XX Insurance.",
            ),
            Bi::new(
                "保险金一次性给付，用途不受限制，可以弥补治疗期间的收入损失。",
                "The lump sum is paid at once and can be used freely, replacing income lost during treatment.",
            ),
            Bi::new(
                "万一生病，家庭收入不会因此断掉，您的家人生活不受影响。",
                "If illness strikes, the family income does not stop and your family's life goes on.",
            ),
            Bi::new(
                "这是保险条款和责任免除说明，有犹豫期；银行代理销售，不是存款。",
                "Here are the policy terms and exclusions; there is a cooling-off period. The bank sells it as an agent; it is not a deposit.",
            ),
        ],
        risk: None,
    },
    ProductTemplate {
        id: "mobile_banking",
        name: Bi::new("手机银行", "Mobile banking"),
        need: Bi::new("上班忙，没时间来网点办业务", "that you are busy at work with no time to visit the branch"),
        parts: [
            Bi::new(
                "手机银行可以转账、缴费、买理财、查账单，7×24小时可用，有指纹登录。",
                "Mobile banking handles transfers, bills, wealth products and statements, 24/7, with fingerprint login.",
            ),
            Bi::new(
                "不用排队，不受网点营业时间限制，大部分业务几分钟就能办完。",
                "No queues, no branch hours, and most tasks take a few minutes.",
            ),
            Bi::new(
                "上班再忙，午休时在手机上就把业务办了，不用专门请假来网点。",
                "However busy work gets, you can do your banking on your phone at lunch instead of taking time off to visit the branch.",
            ),
            Bi::new(
                "我现在就帮您在手机上演示一笔缴费，您看只要几步。",
                "Let me show you a bill payment on your phone right now; it takes only a few steps.",
            ),
        ],
        risk: None,
    },
];

pub fn template(id: &str) -> Option<&'static ProductTemplate> {
    TEMPLATES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::super::compliance::check_text;
    use super::super::framework::{need_link, NeedLink};
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn seven_products_each_complete_in_both_languages() {
        let ids: Vec<_> = TEMPLATES.iter().map(|t| t.id).collect();
        assert_eq!(
            ids,
            [
                "time_deposit",
                "wealth",
                "payroll",
                "credit_card",
                "mortgage",
                "insurance",
                "mobile_banking"
            ]
        );
        for t in &TEMPLATES {
            for b in t.parts.iter().chain([&t.name, &t.need]) {
                assert!(
                    !b.zh.trim().is_empty() && !b.en.trim().is_empty(),
                    "{}",
                    t.id
                );
            }
        }
        assert!(template("payroll").is_some());
        assert!(template("x").is_none());
    }

    #[test]
    fn templates_start_compliant() {
        for t in &TEMPLATES {
            for lang in Lang::ALL {
                for p in &t.parts {
                    let flags = check_text(p.get(lang), lang);
                    assert!(flags.is_empty(), "{} {lang:?}: {flags:?}", t.id);
                }
            }
        }
    }

    #[test]
    fn template_benefits_answer_their_need() {
        for t in &TEMPLATES {
            for lang in Lang::ALL {
                assert_eq!(
                    need_link(t.parts[2].get(lang), t.need.get(lang)),
                    NeedLink::Linked,
                    "{} {lang:?}",
                    t.id
                );
            }
        }
    }
}
