//! The feedback report (意见采纳情况反馈), generated from the answers: the
//! totals by channel and by decision, then every answer in a table by the
//! part of the draft it concerns — the comments masked as the registers
//! mask personal data. The same answers always give the same text, so a
//! report can be checked against them when it is published.

use super::types::{Channel, Decision, StaffComment};
use crate::registers::mask::{mask_person_name, mask_value, Mask};
use chrono::{Datelike, NaiveDate};

/// The heading a comment on no particular part goes under.
pub const GENERAL: &str = "总体意见";

fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A comment's text as the public may read it: numbers that identify a
/// person masked, and the names of everyone who commented (`names`, the
/// writer's among them) wherever they appear.
pub fn public_text(c: &StaffComment, names: &[&str]) -> String {
    let mut text = mask_value(&c.body, Mask::Numbers, None).0;
    for name in names {
        let name = name.trim();
        if name.chars().count() >= 2 {
            text = text.replace(name, &mask_person_name(name));
        }
    }
    text
}

/// The names of everyone who commented, to mask in every comment.
pub fn writers(comments: &[StaffComment]) -> Vec<&str> {
    comments.iter().map(|c| c.name.as_str()).collect()
}

/// The writer as the public sees them.
pub fn public_writer(c: &StaffComment) -> String {
    if c.name.trim().is_empty() {
        "匿名".to_owned()
    } else {
        mask_person_name(&c.name)
    }
}

/// Text made safe inside a Markdown table cell: one line, every ASCII
/// punctuation mark escaped so nothing a citizen typed becomes markup.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if ch.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The report for `comments` on a draft with `parts`, open from `opened`
/// to `closes`; or why it cannot be made yet.
pub fn generate(
    comments: &[StaffComment],
    parts: &[String],
    opened: NaiveDate,
    closes: NaiveDate,
) -> Result<String, String> {
    let unanswered = comments.iter().filter(|c| c.answer.is_none()).count();
    if unanswered > 0 {
        return Err(format!(
            "还有{unanswered}条意见没有答复；每条意见都答复后才能生成反馈报告"
        ));
    }
    let count = |f: &dyn Fn(&StaffComment) -> bool| comments.iter().filter(|c| f(c)).count();
    let decision_of = |c: &StaffComment| c.answer.as_ref().map(|a| a.1);
    let mut out = String::from("## 意见采纳情况\n\n");
    let by_channel: Vec<String> = Channel::ALL
        .into_iter()
        .map(|ch| (ch, count(&|c| c.channel == ch)))
        .filter(|(_, n)| *n > 0)
        .map(|(ch, n)| format!("{}{n}条", ch.short()))
        .collect();
    let by_decision: Vec<String> = Decision::ALL
        .into_iter()
        .map(|d| (d, count(&|c| decision_of(c) == Some(d))))
        .filter(|(_, n)| *n > 0)
        .map(|(d, n)| format!("{}{n}条", d.label()))
        .collect();
    out.push_str(&format!(
        "本次意见征集自{}起至{}止，共征集意见{}条",
        zh(opened),
        zh(closes),
        comments.len()
    ));
    if comments.is_empty() {
        out.push_str("。\n\n");
        return Ok(out);
    }
    out.push_str(&format!(
        "（{}）。经逐条研究，{}。现将意见采纳情况反馈如下（提出意见者的个人信息已隐去）。\n\n",
        by_channel.join("、"),
        by_decision.join("，")
    ));
    // Totals: channel by decision.
    out.push_str("| 提出方式 |");
    for d in Decision::ALL {
        out.push_str(&format!(" {} |", d.label()));
    }
    out.push_str(" 合计 |\n| --- |");
    for _ in 0..=Decision::ALL.len() {
        out.push_str(" ---: |");
    }
    out.push('\n');
    let row = |label: &str, of: &dyn Fn(&StaffComment) -> bool| {
        let mut line = format!("| {label} |");
        for d in Decision::ALL {
            line.push_str(&format!(
                " {} |",
                count(&|c| of(c) && decision_of(c) == Some(d))
            ));
        }
        line.push_str(&format!(" {} |\n", count(&|c| of(c))));
        line
    };
    for ch in Channel::ALL {
        if count(&|c| c.channel == ch) > 0 {
            out.push_str(&row(ch.short(), &|c| c.channel == ch));
        }
    }
    out.push_str(&row("合计", &|_| true));
    out.push('\n');
    // Answers, each once, in the order of the draft's parts.
    let mut answers: Vec<(i64, Vec<&StaffComment>)> = Vec::new();
    for c in comments {
        if let Some((aid, _, _)) = &c.answer {
            match answers.iter_mut().find(|(a, _)| a == aid) {
                Some((_, list)) => list.push(c),
                None => answers.push((*aid, vec![c])),
            }
        }
    }
    let part_of = |list: &[&StaffComment]| {
        let p = list.first().map_or("", |c| c.part.trim());
        if p.is_empty() {
            GENERAL.to_owned()
        } else {
            p.to_owned()
        }
    };
    let mut sections: Vec<String> = vec![GENERAL.to_owned()];
    sections.extend(parts.iter().cloned());
    for (_, list) in &answers {
        let p = part_of(list);
        if !sections.contains(&p) {
            sections.push(p);
        }
    }
    let names = writers(comments);
    let mut number = 0;
    for section in sections {
        let here: Vec<&(i64, Vec<&StaffComment>)> = answers
            .iter()
            .filter(|(_, l)| part_of(l) == section)
            .collect();
        if here.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "### {}\n\n| 序号 | 意见内容 | 是否采纳 | 理由 |\n| ---: | --- | --- | --- |\n",
            cell(&section)
        ));
        for (_, list) in here {
            number += 1;
            let text = if list.len() == 1 {
                cell(&public_text(list[0], &names))
            } else {
                let each: Vec<String> = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("（{}）{}", i + 1, cell(&public_text(c, &names))))
                    .collect();
                format!(
                    "{}条内容相同或相近的意见，合并答复：{}",
                    list.len(),
                    each.join(" ")
                )
            };
            let (_, decision, reason) =
                list[0]
                    .answer
                    .clone()
                    .unwrap_or((0, Decision::Adopted, String::new()));
            let reason = if reason.trim().is_empty() {
                "—".to_owned()
            } else {
                cell(&reason)
            };
            out.push_str(&format!(
                "| {number} | {text} | {} | {reason} |\n",
                decision.label()
            ));
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(
        id: i64,
        part: &str,
        body: &str,
        name: &str,
        channel: Channel,
        answer: Option<(i64, Decision, &str)>,
    ) -> StaffComment {
        StaffComment {
            id,
            part: part.to_owned(),
            body: body.to_owned(),
            name: name.to_owned(),
            contact: "13800138000".to_owned(),
            channel,
            received_on: "2026-11-02".to_owned(),
            entered_by: String::new(),
            shown: false,
            answer: answer.map(|(a, d, r)| (a, d, r.to_owned())),
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_comment_must_be_answered() {
        let list = [
            comment(
                1,
                "",
                "好",
                "",
                Channel::Online,
                Some((1, Decision::Adopted, "")),
            ),
            comment(2, "", "再议", "", Channel::Online, None),
        ];
        let err = generate(&list, &[], d("2026-10-01"), d("2026-10-31")).unwrap_err();
        assert!(err.contains("还有1条意见没有答复"), "{err}");
    }

    #[test]
    fn counts_groups_parts_and_masking() {
        let list = [
            comment(
                1,
                "第二条",
                "建议第二条增加“网络出版物”。我的电话13912345678",
                "王小明",
                Channel::Online,
                Some((10, Decision::Adopted, "")),
            ),
            comment(
                2,
                "",
                "整体很好 | 支持 <b>出台</b>",
                "",
                Channel::Post,
                Some((11, Decision::NotAdopted, "与上位法不符")),
            ),
            comment(
                3,
                "第二条",
                "同意王小明的意见",
                "李四",
                Channel::Email,
                Some((12, Decision::Partly, "已部分吸收")),
            ),
            comment(
                4,
                "第二条",
                "第二条应写明网络出版物",
                "赵五",
                Channel::Online,
                Some((10, Decision::Adopted, "")),
            ),
        ];
        let parts = ["第一条".to_owned(), "第二条".to_owned()];
        let r = generate(&list, &parts, d("2026-10-01"), d("2026-10-31")).unwrap();
        assert!(
            r.contains("共征集意见4条（网上提交2条、信函1条、电子邮件1条）"),
            "{r}"
        );
        assert!(r.contains("采纳2条，部分采纳1条，未采纳1条"), "{r}");
        assert!(r.contains("| 合计 | 2 | 1 | 1 | 0 | 4 |"), "{r}");
        // The general comment comes first, then the draft's order.
        let general = r.find("### 总体意见").unwrap();
        let second = r.find("### 第二条").unwrap();
        assert!(general < second);
        assert!(r.contains("2条内容相同或相近的意见，合并答复"), "{r}");
        let html = crate::content::markdown::render(&r);
        assert!(
            !r.contains("13912345678") && html.contains("139****5678"),
            "{html}"
        );
        assert!(
            !r.contains("王小明") && html.contains("同意王**的意见"),
            "every writer's name is masked: {html}"
        );
        // Nothing typed becomes markup.
        assert!(r.contains("整体很好 \\| 支持 \\<b\\>出台\\<\\/b\\>"), "{r}");
        assert!(!html.contains("<b>"), "{html}");
        // Numbered once each, in order.
        assert!(r.contains("\n| 1 | ") && r.contains("\n| 3 | ") && !r.contains("\n| 4 | "));
        assert_eq!(
            r,
            generate(&list, &parts, d("2026-10-01"), d("2026-10-31")).unwrap()
        );
    }
}
