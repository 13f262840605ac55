//! The wording of each notice: built in per event and channel, replaced by
//! what administrators save; placeholders filled when the notice is
//! written. An SMS never carries the query code: its templates may not name
//! it, and it is never filled in one.

use super::types::{Channel, Event};

/// The placeholders a template may use, with what each stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("{网站}", "网站名称"),
    (
        "{编号}",
        "受理编号、咨询编号、申请编号或信件编号（每日待办提醒中为用户名）",
    ),
    ("{查询码}", "查询码（仅电子邮件；短信不得包含）"),
    ("{事项}", "申请事项、咨询主题或办理环节"),
    ("{日期}", "事件发生的日期"),
    ("{意见}", "补正内容、理由、答复或回访情况"),
    ("{通知}", "依申请公开各环节的告知内容"),
    ("{链接}", "查询办理进度的网址（不含查询码）"),
];

/// The longest wording saved for each part.
pub const MAX_TITLE: usize = 100;
pub const MAX_EMAIL_BODY: usize = 2000;
pub const MAX_SMS_BODY: usize = 300;
/// An SMS as sent is cut here (providers split longer ones, and bill each part).
pub const SMS_SENT_MAX: usize = 400;

/// A notice's wording: title (the e-mail's subject; unused by SMS) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub title: String,
    pub body: String,
}

/// What fills the placeholders of one notice.
#[derive(Debug, Clone, Default)]
pub struct Vars {
    pub site: String,
    pub number: String,
    /// The query code: only e-mail carries it.
    pub code: Option<String>,
    pub matter: String,
    pub date: String,
    pub opinion: String,
    pub notice: String,
    pub link: String,
}

/// The built-in wording of `event` on `channel`.
pub fn built_in(event: Event, channel: Channel) -> Template {
    let t = |title: &str, body: &str| Template {
        title: title.to_owned(),
        body: body.to_owned(),
    };
    let sign = "\n\n{网站}\n（本邮件由系统发出，请勿直接回复。）";
    match (event, channel) {
        (Event::CaseSubmitted, Channel::Email) => t(
            "申请已收到：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您于{{日期}}在网上提交的“{{事项}}”申请已收到，等待窗口受理。\n受理编号：{{编号}}\n查询码：{{查询码}}\n\n请妥善保存受理编号和查询码，凭二者可随时查询办理进度：{{链接}}{sign}"),
        ),
        (Event::CaseSubmitted, Channel::Sms) => t(
            "",
            "【{网站}】您的“{事项}”申请已收到，受理编号{编号}。请凭受理编号和回执上的查询码查询进度：{链接}",
        ),
        (Event::CaseCorrection, Channel::Email) => t(
            "请补正申请材料：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您提交的“{{事项}}”申请（受理编号 {{编号}}）需要补正，现一次性告知需要补正的全部内容：\n\n{{意见}}\n\n补正期间暂停计时。请打开提交申请时的链接（回执页面）修改并重新提交；办理进度：{{链接}}{sign}"),
        ),
        (Event::CaseCorrection, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}需要补正材料，补正期间暂停计时。需要补正的全部内容请查看：{链接}",
        ),
        (Event::CaseAccepted, Channel::Email) => t(
            "申请已受理：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您提交的“{{事项}}”申请（受理编号 {{编号}}）已于{{日期}}受理，开始计算办理时限。\n办理进度：{{链接}}{sign}"),
        ),
        (Event::CaseAccepted, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}已于{日期}受理。办理进度：{链接}",
        ),
        (Event::CaseRejected, Channel::Email) => t(
            "申请不予受理：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您提交的“{{事项}}”申请（受理编号 {{编号}}）经审查不予受理，理由：\n\n{{意见}}\n\n详情：{{链接}}{sign}"),
        ),
        (Event::CaseRejected, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}不予受理，理由请查看：{链接}",
        ),
        (Event::CaseGranted, Channel::Email) => t(
            "准予行政许可：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您申请的“{{事项}}”（受理编号 {{编号}}）已于{{日期}}作出准予行政许可决定。{{意见}}\n\n详情：{{链接}}{sign}"),
        ),
        (Event::CaseGranted, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}已于{日期}准予许可。详情：{链接}",
        ),
        (Event::CaseRefused, Channel::Email) => t(
            "不予行政许可：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您申请的“{{事项}}”（受理编号 {{编号}}）经审查不予许可，理由：\n\n{{意见}}\n\n您有依法申请行政复议或者提起行政诉讼的权利。详情：{{链接}}{sign}"),
        ),
        (Event::CaseRefused, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}不予许可，理由及救济途径请查看：{链接}",
        ),
        (Event::CaseDone, Channel::Email) => t(
            "已办结：{事项}（受理编号 {编号}）",
            &format!("您好：\n\n您申请的“{{事项}}”（受理编号 {{编号}}）已于{{日期}}办结。欢迎对本次办理作出评价：{{链接}}{sign}"),
        ),
        (Event::CaseDone, Channel::Sms) => t(
            "",
            "【{网站}】您的申请{编号}已于{日期}办结，欢迎评价：{链接}",
        ),
        (Event::CaseFollowUp, Channel::Email) => t(
            "评价回访：受理编号 {编号}",
            &format!("您好：\n\n感谢您对“{{事项}}”（受理编号 {{编号}}）的评价。回访和整改情况如下：\n\n{{意见}}\n\n详情：{{链接}}{sign}"),
        ),
        (Event::CaseFollowUp, Channel::Sms) => t(
            "",
            "【{网站}】您对申请{编号}的评价已回访，整改情况请查看：{链接}",
        ),
        (Event::ConsultAnswered, Channel::Email) => t(
            "您的咨询已答复：{事项}（咨询编号 {编号}）",
            &format!("您好：\n\n您咨询的“{{事项}}”（咨询编号 {{编号}}）已于{{日期}}答复：\n\n{{意见}}\n\n查看答复：{{链接}}（需输入查询码 {{查询码}}）{sign}"),
        ),
        (Event::ConsultAnswered, Channel::Sms) => t(
            "",
            "【{网站}】您的咨询{编号}已答复，请凭咨询编号和查询码查看：{链接}",
        ),
        (Event::RequestStep, Channel::Email) => t(
            "政府信息公开申请 {编号}：{事项}",
            &format!("您好：\n\n关于您的政府信息公开申请（申请编号 {{编号}}）：\n\n{{通知}}\n\n查询办理进度：{{链接}}（需输入查询码 {{查询码}}）{sign}"),
        ),
        (Event::StaffDigest, Channel::Email) => t(
            "每日待办提醒（{日期}）：{事项}",
            "您好：\n\n以下事项今日转为黄灯或红灯，请及时办理：\n\n{通知}\n\n工作台：{链接}\n\n{网站}\n（本邮件由系统在每个工作日早上发出。）",
        ),
        (Event::StaffDigest, Channel::Sms) => t(
            "",
            "【{网站}】今日待办提醒：{事项}，请登录工作台办理：{链接}",
        ),
        (Event::StaffConcern, Channel::Email) => t(
            "重大舆情提醒：{事项}",
            "您好：\n\n{日期}发现{事项}，已登记，请立即研判处置：\n\n{通知}\n\n工作台：{链接}\n\n{网站}\n（本邮件由系统在登记重大、特别重大舆情时发给编辑和审核人员。）",
        ),
        (Event::StaffConcern, Channel::Sms) => t(
            "",
            "【{网站}】{日期}发现{事项}，须在5小时内发布权威信息、24小时内举行新闻发布会，请登录工作台：{链接}",
        ),
        (Event::LetterStep, Channel::Email) => t(
            "来信 {编号}：{事项}",
            &format!("您好：\n\n关于您的来信（信件编号 {{编号}}），{{日期}}{{事项}}：\n\n{{通知}}\n\n查看办理情况：{{链接}}（需输入查询码 {{查询码}}）{sign}"),
        ),
        (Event::LetterStep, Channel::Sms) => t(
            "",
            "【{网站}】您的来信{编号}：{事项}。详情请凭信件编号和查询码查看：{链接}",
        ),
        (Event::RequestStep, Channel::Sms) => t(
            "",
            "【{网站}】您的政府信息公开申请{编号}：{事项}。详情请凭申请编号和查询码查看：{链接}",
        ),
    }
}

/// Fills `template` for `channel`. On SMS the query code is never filled
/// in (a template that names it, however it got there, gets nothing), and
/// the text is cut to [`SMS_SENT_MAX`] characters.
pub fn render(template: &Template, channel: Channel, v: &Vars) -> (String, String) {
    let code = match channel {
        Channel::Email => v.code.clone().unwrap_or_default(),
        Channel::Sms => String::new(),
    };
    let values = [
        ("{网站}", v.site.as_str()),
        ("{编号}", v.number.as_str()),
        ("{查询码}", code.as_str()),
        ("{事项}", v.matter.as_str()),
        ("{日期}", v.date.as_str()),
        ("{意见}", v.opinion.as_str()),
        ("{通知}", v.notice.as_str()),
        ("{链接}", v.link.as_str()),
    ];
    // One pass over the template's own text: what a value holds (a
    // citizen's words may contain "{查询码}") is never filled again.
    let fill = |s: &str| {
        let mut out = String::with_capacity(s.len() + 64);
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let at = &rest[i..];
            match values.iter().find(|(name, _)| at.starts_with(name)) {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = &at[name.len()..];
                }
                None => {
                    out.push('{');
                    rest = &at[1..];
                }
            }
        }
        out.push_str(rest);
        out
    };
    let title = match channel {
        Channel::Email => fill(&template.title).replace(['\r', '\n'], " "),
        Channel::Sms => String::new(),
    };
    let mut body = fill(&template.body);
    if channel == Channel::Sms && body.chars().count() > SMS_SENT_MAX {
        body = body.chars().take(SMS_SENT_MAX - 1).collect::<String>() + "…";
    }
    (title, body)
}

/// Checks wording an administrator typed for `channel`: the message says
/// in Chinese what is wrong, and which field (`title` or `body`).
pub fn check(
    channel: Channel,
    title: &str,
    body: &str,
) -> Result<Template, (&'static str, String)> {
    let title = title.trim();
    let body = body.trim().replace("\r\n", "\n");
    let bad_char = |s: &str, newlines: bool| {
        s.chars()
            .any(|c| c.is_control() && !(newlines && c == '\n'))
    };
    if channel == Channel::Email {
        if title.is_empty() {
            return Err(("title", "请填写邮件标题".to_owned()));
        }
        if title.chars().count() > MAX_TITLE {
            return Err(("title", format!("邮件标题不能超过 {MAX_TITLE} 字")));
        }
        if bad_char(title, false) {
            return Err(("title", "邮件标题不能包含换行或控制字符".to_owned()));
        }
        unknown(title).map_err(|m| ("title", m))?;
    }
    if body.is_empty() {
        return Err(("body", "请填写通知内容".to_owned()));
    }
    let max = match channel {
        Channel::Email => MAX_EMAIL_BODY,
        Channel::Sms => MAX_SMS_BODY,
    };
    if body.chars().count() > max {
        return Err(("body", format!("{}内容不能超过 {max} 字", channel.label())));
    }
    if bad_char(&body, true) {
        return Err(("body", "通知内容不能包含控制字符".to_owned()));
    }
    unknown(&body).map_err(|m| ("body", m))?;
    if channel == Channel::Sms && body.contains("{查询码}") {
        return Err((
            "body",
            "短信不得包含查询码：短信可能被他人看到，请用{链接}引导申请人凭查询码查询".to_owned(),
        ));
    }
    Ok(Template {
        title: if channel == Channel::Email {
            title.to_owned()
        } else {
            String::new()
        },
        body,
    })
}

/// Refuses a `{…}` that is not one of [`PLACEHOLDERS`].
fn unknown(s: &str) -> Result<(), String> {
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let Some(end) = after.find('}') else {
            return Err("“{”没有对应的“}”".to_owned());
        };
        let name = &after[..=end];
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            return Err(format!("没有“{name}”这个占位符；可用的占位符见下方说明"));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        Vars {
            site: "福建省新闻出版广电局".into(),
            number: "XW20261207000001".into(),
            code: Some("482913".into()),
            matter: "出版物零售单位设立审批".into(),
            date: "2026年12月7日".into(),
            opinion: "请补交营业执照副本（{查询码}不应被再次替换）".into(),
            notice: String::new(),
            link: "https://gdj.example.gov.cn/track?number=XW20261207000001".into(),
        }
    }

    #[test]
    fn every_built_in_template_passes_its_own_check() {
        for e in Event::ALL {
            for c in Channel::ALL {
                let t = built_in(e, c);
                check(c, &t.title, &t.body).unwrap_or_else(|err| panic!("{e:?} {c:?}: {err:?}"));
            }
        }
    }

    #[test]
    fn an_sms_never_carries_the_query_code() {
        let v = vars();
        for e in Event::ALL {
            let (_, body) = render(&built_in(e, Channel::Sms), Channel::Sms, &v);
            assert!(!body.contains("482913"), "{e:?}: {body}");
        }
        // Even a template that names it (saved before the check, or by hand).
        let t = Template {
            title: String::new(),
            body: "编号{编号}，查询码{查询码}".into(),
        };
        let (_, body) = render(&t, Channel::Sms, &v);
        assert_eq!(body, "编号XW20261207000001，查询码");
        let (_, mail) = render(
            &built_in(Event::CaseSubmitted, Channel::Email),
            Channel::Email,
            &v,
        );
        assert!(mail.contains("查询码：482913"), "{mail}");
    }

    #[test]
    fn values_are_not_filled_again() {
        let v = vars();
        let (title, body) = render(
            &built_in(Event::CaseCorrection, Channel::Email),
            Channel::Email,
            &v,
        );
        assert_eq!(
            title,
            "请补正申请材料：出版物零售单位设立审批（受理编号 XW20261207000001）"
        );
        assert!(
            body.contains("请补交营业执照副本（{查询码}不应被再次替换）"),
            "{body}"
        );
        assert!(!body.contains("482913"), "{body}");
    }

    #[test]
    fn long_sms_is_cut() {
        let mut v = vars();
        v.opinion = "长".repeat(1000);
        let t = Template {
            title: String::new(),
            body: "{意见}".into(),
        };
        let (_, body) = render(&t, Channel::Sms, &v);
        assert_eq!(body.chars().count(), SMS_SENT_MAX);
        assert!(body.ends_with('…'));
    }

    #[test]
    fn bad_wording_is_refused_with_a_reason() {
        assert_eq!(
            check(Channel::Sms, "", "查询码{查询码}").unwrap_err().0,
            "body"
        );
        assert!(check(Channel::Sms, "", "{编码}")
            .unwrap_err()
            .1
            .contains("{编码}"));
        assert!(check(Channel::Sms, "", "未闭合{编号").is_err());
        assert!(check(Channel::Sms, "", &"字".repeat(301)).is_err());
        assert_eq!(check(Channel::Email, "", "正文").unwrap_err().0, "title");
        assert_eq!(
            check(Channel::Email, "标题\n换行", "正文").unwrap_err().0,
            "title"
        );
        assert!(check(Channel::Email, "标题", "含\u{0}").is_err());
        let ok = check(Channel::Email, " 标题{编号} ", "第一行\r\n第二行{查询码}").unwrap();
        assert_eq!(ok.title, "标题{编号}");
        assert_eq!(ok.body, "第一行\n第二行{查询码}");
    }
}
