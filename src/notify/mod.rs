//! Notices to citizens (通知): every event an applicant, an asker or a
//! requester must know of writes its notices into the outbox in the
//! event's own transaction; a sender task on each app server claims them
//! with a lease and delivers them by e-mail (SMTP) or SMS (a provider's
//! HTTP gateway), retrying with back-off and recording each try. A channel
//! that is not configured is off: nothing is written for it. The wording
//! is built in per event and channel, and administrators may change it
//! (`/staff/notices`). This module owns `notices`, `notice_attempts` and
//! `notice_templates`.

pub mod types;

#[cfg(feature = "ssr")]
pub mod channel;
#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod send;
#[cfg(feature = "ssr")]
pub mod templates;

#[cfg(feature = "ssr")]
pub use outbox::{Outbox, Subject};

#[cfg(feature = "ssr")]
mod outbox {
    use super::types::Channel;
    use crate::server::state::AppState;

    /// What a notice is about: where its recipient follows it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Subject {
        Case,
        Consultation,
        Request,
        /// A letter to 局长信箱 or 投诉举报.
        Letter,
        /// A member of staff (the digest).
        Staff,
    }

    impl Subject {
        pub fn as_str(self) -> &'static str {
            match self {
                Subject::Case => "case",
                Subject::Consultation => "consultation",
                Subject::Request => "request",
                Subject::Letter => "letter",
                Subject::Staff => "staff",
            }
        }

        /// The page its recipient follows it on (the query code is typed
        /// there, never carried in the link).
        pub fn lookup_path(self) -> &'static str {
            match self {
                Subject::Case => "/track",
                Subject::Consultation => "/consult/lookup",
                Subject::Request => "/disclosure/request/lookup",
                Subject::Letter => "/mailbox/lookup",
                Subject::Staff => "/staff",
            }
        }
    }

    /// What writing a notice needs to know beyond its event: which
    /// channels are on, the portal's public address (for links) and name.
    #[derive(Debug, Clone, Default)]
    pub struct Outbox {
        pub email: bool,
        pub sms: bool,
        /// The public origin, without a trailing slash.
        pub origin: String,
        pub site_name: String,
    }

    impl Outbox {
        /// The outbox as `state`'s settings configure it.
        pub fn of(state: &AppState) -> Outbox {
            let s = &state.settings;
            Outbox {
                email: s.smtp_host.is_some(),
                sms: s.sms_url.is_some(),
                origin: s
                    .public_origin()
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("http://{}", s.site_addr)),
                site_name: state.site().name.clone(),
            }
        }

        pub fn is_on(&self, channel: Channel) -> bool {
            match channel {
                Channel::Email => self.email,
                Channel::Sms => self.sms,
            }
        }

        /// Whether any channel is on.
        pub fn any(&self) -> bool {
            self.email || self.sms
        }

        /// The link to `number`'s lookup page, with the number filled in.
        pub fn link(&self, subject: Subject, number: &str) -> String {
            if subject == Subject::Staff {
                return format!("{}/staff", self.origin);
            }
            format!(
                "{}{}?number={}",
                self.origin,
                subject.lookup_path(),
                crate::ui::url::encode(number)
            )
        }
    }
}
