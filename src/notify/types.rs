//! Shared notice types (they compile for the browser too): the events a
//! citizen is told of, the channels, and a notice as its recipient sees it
//! listed.

use serde::{Deserialize, Serialize};

/// What a notice tells of. Each has its own wording per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// An application was submitted: its 受理编号 and 查询码.
    CaseSubmitted,
    /// 一次性告知补正: what to correct.
    CaseCorrection,
    CaseAccepted,
    CaseRejected,
    CaseGranted,
    CaseRefused,
    CaseDone,
    /// A poor rating was followed up.
    CaseFollowUp,
    /// A consultation was answered.
    ConsultAnswered,
    /// A step on a disclosure request (received, 补正, 延期, 答复…), with
    /// the notice text the request's step wrote.
    RequestStep,
    /// The morning digest to a member of staff.
    StaffDigest,
    /// A 重大 or 特别重大 public concern was recorded: every editor and
    /// reviewer is told at once (its first clock is 5 hours).
    StaffConcern,
    /// A step on a letter to 局长信箱 or 投诉举报 (received, assigned,
    /// answered…), with the note the step wrote to the writer.
    LetterStep,
}

impl Event {
    pub const ALL: [Event; 13] = [
        Event::CaseSubmitted,
        Event::CaseCorrection,
        Event::CaseAccepted,
        Event::CaseRejected,
        Event::CaseGranted,
        Event::CaseRefused,
        Event::CaseDone,
        Event::CaseFollowUp,
        Event::ConsultAnswered,
        Event::RequestStep,
        Event::StaffDigest,
        Event::StaffConcern,
        Event::LetterStep,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::CaseSubmitted => "case.submitted",
            Event::CaseCorrection => "case.correction",
            Event::CaseAccepted => "case.accepted",
            Event::CaseRejected => "case.rejected",
            Event::CaseGranted => "case.granted",
            Event::CaseRefused => "case.refused",
            Event::CaseDone => "case.done",
            Event::CaseFollowUp => "case.follow_up",
            Event::ConsultAnswered => "consult.answered",
            Event::RequestStep => "request.step",
            Event::StaffDigest => "staff.digest",
            Event::StaffConcern => "staff.concern",
            Event::LetterStep => "letter.step",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// The event's name as staff and recipients read it.
    pub fn label(self) -> &'static str {
        match self {
            Event::CaseSubmitted => "申请已提交",
            Event::CaseCorrection => "一次性告知补正",
            Event::CaseAccepted => "已受理",
            Event::CaseRejected => "不予受理",
            Event::CaseGranted => "准予许可",
            Event::CaseRefused => "不予许可",
            Event::CaseDone => "办结",
            Event::CaseFollowUp => "差评回访",
            Event::ConsultAnswered => "咨询已答复",
            Event::RequestStep => "依申请公开办理进展",
            Event::StaffDigest => "每日待办提醒（工作人员）",
            Event::StaffConcern => "重大舆情提醒（工作人员）",
            Event::LetterStep => "来信办理进展",
        }
    }
}

/// How a notice travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Sms, Channel::Email];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "电子邮件",
            Channel::Sms => "短信",
        }
    }

    /// Which channel reaches `contact` as a person typed it (a mobile
    /// number or an e-mail address), with the address as it is sent to;
    /// None for anything else (a landline reaches neither).
    pub fn of_contact(contact: &str) -> Option<(Channel, String)> {
        let c = contact.trim();
        let c = c.strip_prefix("+86").unwrap_or(c).trim();
        if c.len() == 11 && c.starts_with('1') && c.bytes().all(|b| b.is_ascii_digit()) {
            return Some((Channel::Sms, c.to_owned()));
        }
        let (user, host) = c.split_once('@')?;
        let ok = !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains('@')
            && c.len() <= 100
            && c.chars().all(|ch| ch.is_ascii_graphic());
        ok.then(|| (Channel::Email, c.to_owned()))
    }
}

/// Where a notice is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeStatus {
    /// Waiting to be sent, or to be tried again.
    Pending,
    Sent,
    /// Given up after its tries (or refused outright by the channel).
    Failed,
}

impl NoticeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeStatus::Pending => "pending",
            NoticeStatus::Sent => "sent",
            NoticeStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeStatus> {
        [
            NoticeStatus::Pending,
            NoticeStatus::Sent,
            NoticeStatus::Failed,
        ]
        .into_iter()
        .find(|n| n.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            NoticeStatus::Pending => "发送中",
            NoticeStatus::Sent => "已发送",
            NoticeStatus::Failed => "发送失败",
        }
    }
}

/// A notice as its recipient (or staff handling the case) sees it listed:
/// the address masked, never the text (which may carry the query code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentNotice {
    pub event: Event,
    pub channel: Channel,
    /// The address, masked (139****2345, z***@example.com).
    pub to: String,
    pub status: NoticeStatus,
    /// When it was written (Beijing time, `YYYY-MM-DD HH:MM`).
    pub created: String,
    /// When the channel took it (Beijing time), once it did.
    pub sent: Option<String>,
}

/// An address with the middle hidden: a mobile keeps its first three and
/// last four digits, an e-mail address its first character and domain.
pub fn mask_address(address: &str) -> String {
    if let Some((user, host)) = address.split_once('@') {
        let first: String = user.chars().take(1).collect();
        return format!("{first}***@{host}");
    }
    let chars: Vec<char> = address.chars().collect();
    if chars.len() >= 11 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}****{tail}")
    } else {
        "****".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_choose_their_channel() {
        assert_eq!(
            Channel::of_contact(" 13905912345 "),
            Some((Channel::Sms, "13905912345".to_owned()))
        );
        assert_eq!(
            Channel::of_contact("+8613905912345"),
            Some((Channel::Sms, "13905912345".to_owned()))
        );
        assert_eq!(
            Channel::of_contact("zhang@example.com"),
            Some((Channel::Email, "zhang@example.com".to_owned()))
        );
        for none in [
            "0591-87654321",
            "1390591234",
            "23905912345",
            "zhang@",
            "@example.com",
            "zhang@example",
            "zh ang@example.com",
            "a@b@example.com",
            "",
        ] {
            assert_eq!(Channel::of_contact(none), None, "{none}");
        }
    }

    #[test]
    fn addresses_are_masked() {
        assert_eq!(mask_address("13905912345"), "139****2345");
        assert_eq!(mask_address("zhang@example.com"), "z***@example.com");
        assert_eq!(mask_address("123"), "****");
    }

    #[test]
    fn names_read_back() {
        for e in Event::ALL {
            assert_eq!(Event::parse(e.as_str()), Some(e));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        assert_eq!(Event::parse("case.nothing"), None);
    }
}
