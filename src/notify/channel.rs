//! The channels notices travel by: e-mail over SMTP (lettre) and SMS
//! through a provider's HTTP gateway. Providers differ (URL, body, how
//! they say yes), so the gateway is a small trait whose request and answer
//! are plain data, tested without a network; the settings' template
//! gateway fits any provider that takes one HTTP request per message.

use super::types::Channel;
use crate::server::config::Settings;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Why a try did not reach the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again later (the server was down, busy, timed out).
    Retry(String),
    /// Never going to work (a refused address, a bad request).
    Permanent(String),
}

impl SendError {
    pub fn message(&self) -> &str {
        match self {
            SendError::Retry(m) | SendError::Permanent(m) => m,
        }
    }
}

/// How long one try may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// E-mail by SMTP.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// The SMTP channel the settings describe; None when no host is set;
    /// an error in Chinese when they are incomplete or wrong.
    pub fn from_settings(s: &Settings) -> Result<Option<Smtp>, String> {
        let Some(host) = s
            .smtp_host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            return Ok(None);
        };
        let from: Mailbox = s
            .smtp_from
            .as_deref()
            .ok_or("设置了 GONGKAI_SMTP_HOST 时须设置发件人 GONGKAI_SMTP_FROM（如 通知 <noreply@example.gov.cn>）")?
            .parse()
            .map_err(|e| format!("GONGKAI_SMTP_FROM 不是有效的发件人地址：{e}"))?;
        let builder = match s.smtp_tls.as_str() {
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
            "none" => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                host,
            )),
            other => {
                return Err(format!(
                    "GONGKAI_SMTP_TLS 只能是 starttls、tls 或 none，而不是“{other}”"
                ))
            }
        }
        .map_err(|e| format!("无法使用邮件服务器 {host}：{e}"))?;
        let mut builder = builder.timeout(Some(TIMEOUT));
        if let Some(port) = s.smtp_port {
            builder = builder.port(port);
        }
        match (&s.smtp_user, &s.smtp_password) {
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(user.clone(), password.0.clone()));
            }
            (None, None) => {}
            _ => return Err("GONGKAI_SMTP_USER 和 GONGKAI_SMTP_PASSWORD 须同时设置".to_owned()),
        }
        Ok(Some(Smtp {
            transport: builder.build(),
            from,
        }))
    }

    /// Sends one message; the server's permanent refusals (5xx) are not retried.
    pub async fn send(&self, to: &str, title: &str, body: &str) -> Result<(), SendError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| SendError::Permanent(format!("收件地址无效：{e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(title)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| SendError::Permanent(format!("无法生成邮件：{e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("邮件服务器拒收：{e}"))),
            Err(e) => Err(SendError::Retry(format!("邮件服务器暂不可用：{e}"))),
        }
    }
}

/// One HTTP request to a gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCall {
    pub url: String,
    /// Content type and body; None sends a POST with no body.
    pub body: Option<(&'static str, String)>,
}

/// An SMS provider's gateway: the request that sends a text, and what its
/// answer means.
pub trait SmsGateway: Send + Sync {
    fn call(&self, mobile: &str, text: &str) -> HttpCall;
    fn accepted(&self, status: u16, body: &str) -> Result<(), SendError>;
}

/// A gateway described by settings: a URL template and an optional body
/// template, with `{mobile}`, `{text}` and `{key}` filled in (percent-
/// encoded in the URL and in a form body, JSON-escaped in a JSON body),
/// and an optional word the provider's answer must contain to mean yes.
pub struct TemplateGateway {
    pub url: String,
    pub body: Option<String>,
    pub key: String,
    pub ok_marker: Option<String>,
}

impl TemplateGateway {
    pub fn from_settings(s: &Settings) -> Result<Option<TemplateGateway>, String> {
        let Some(url) = s
            .sms_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            return Ok(None);
        };
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err("GONGKAI_SMS_URL 须以 https:// 开头".to_owned());
        }
        let body = s.sms_body.clone().filter(|b| !b.trim().is_empty());
        let mentions = |t: &str| t.contains("{mobile}") && t.contains("{text}");
        if !mentions(url) && !body.as_deref().is_some_and(mentions) {
            return Err(
                "GONGKAI_SMS_URL 或 GONGKAI_SMS_BODY 须含 {mobile} 和 {text}（手机号和短信内容的位置）"
                    .to_owned(),
            );
        }
        Ok(Some(TemplateGateway {
            url: url.to_owned(),
            body,
            key: s.sms_key.as_ref().map(|k| k.0.clone()).unwrap_or_default(),
            ok_marker: s.sms_ok.clone().filter(|m| !m.is_empty()),
        }))
    }

    fn fill(
        template: &str,
        mobile: &str,
        text: &str,
        key: &str,
        escape: fn(&str) -> String,
    ) -> String {
        // One pass, so a text that holds "{key}" never receives the key.
        let values = [("{mobile}", mobile), ("{text}", text), ("{key}", key)];
        let mut out = String::with_capacity(template.len() + text.len() * 3);
        let mut rest = template;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let at = &rest[i..];
            match values.iter().find(|(name, _)| at.starts_with(name)) {
                Some((name, value)) => {
                    out.push_str(&escape(value));
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
    }
}

fn percent(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn json_str(s: &str) -> String {
    let quoted = serde_json::Value::String(s.to_owned()).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

impl SmsGateway for TemplateGateway {
    fn call(&self, mobile: &str, text: &str) -> HttpCall {
        let url = Self::fill(&self.url, mobile, text, &self.key, percent);
        let body = self.body.as_deref().map(|b| {
            if b.trim_start().starts_with('{') {
                (
                    "application/json",
                    Self::fill(b, mobile, text, &self.key, json_str),
                )
            } else {
                (
                    "application/x-www-form-urlencoded",
                    Self::fill(b, mobile, text, &self.key, percent),
                )
            }
        });
        HttpCall { url, body }
    }

    fn accepted(&self, status: u16, body: &str) -> Result<(), SendError> {
        let said: String = body.chars().take(200).collect();
        match status {
            200..=299 => match &self.ok_marker {
                Some(m) if !body.contains(m.as_str()) => {
                    Err(SendError::Retry(format!("短信平台未确认发送：{said}")))
                }
                _ => Ok(()),
            },
            400 | 401 | 403 | 404 | 422 => Err(SendError::Permanent(format!(
                "短信平台拒绝（HTTP {status}）：{said}"
            ))),
            _ => Err(SendError::Retry(format!(
                "短信平台暂不可用（HTTP {status}）：{said}"
            ))),
        }
    }
}

/// The channels this app server sends by.
pub struct Senders {
    pub email: Option<Smtp>,
    pub sms: Option<Box<dyn SmsGateway>>,
    http: reqwest::Client,
}

impl Senders {
    /// The channels the settings configure (an error in Chinese when a
    /// configured one is incomplete).
    pub fn from_settings(s: &Settings) -> Result<Senders, String> {
        let sms = TemplateGateway::from_settings(s)?.map(|g| Box::new(g) as Box<dyn SmsGateway>);
        Ok(Senders {
            email: Smtp::from_settings(s)?,
            sms,
            http: reqwest::Client::builder()
                .timeout(TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| format!("无法创建短信平台的 HTTP 客户端：{e}"))?,
        })
    }

    /// Whether any channel is configured.
    pub fn any(&self) -> bool {
        self.email.is_some() || self.sms.is_some()
    }

    /// Sends one notice on its channel.
    pub async fn send(
        &self,
        channel: Channel,
        to: &str,
        title: &str,
        body: &str,
    ) -> Result<(), SendError> {
        match channel {
            Channel::Email => match &self.email {
                Some(smtp) => smtp.send(to, title, body).await,
                None => Err(SendError::Retry("本服务器未配置邮件通道".to_owned())),
            },
            Channel::Sms => match &self.sms {
                Some(gateway) => {
                    let call = gateway.call(to, body);
                    let mut req = self.http.post(&call.url);
                    if let Some((kind, b)) = call.body {
                        req = req.header(reqwest::header::CONTENT_TYPE, kind).body(b);
                    }
                    let res = req
                        .send()
                        .await
                        .map_err(|e| SendError::Retry(format!("无法连接短信平台：{e}")))?;
                    let status = res.status().as_u16();
                    let text = res.text().await.unwrap_or_default();
                    gateway.accepted(status, &text)
                }
                None => Err(SendError::Retry("本服务器未配置短信通道".to_owned())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway(url: &str, body: Option<&str>) -> TemplateGateway {
        TemplateGateway {
            url: url.to_owned(),
            body: body.map(str::to_owned),
            key: "k&1".to_owned(),
            ok_marker: Some("\"code\":0".to_owned()),
        }
    }

    #[test]
    fn the_url_template_is_filled_and_encoded() {
        let g = gateway(
            "https://sms.example/send?to={mobile}&msg={text}&key={key}",
            None,
        );
        let c = g.call("13905912345", "【局】编号 X&Y {key}");
        assert_eq!(
            c.url,
            "https://sms.example/send?to=13905912345&msg=%E3%80%90%E5%B1%80%E3%80%91%E7%BC%96%E5%8F%B7+X%26Y+%7Bkey%7D&key=k%261"
        );
        assert_eq!(c.body, None);
    }

    #[test]
    fn a_json_body_is_escaped_as_json() {
        let g = gateway(
            "https://sms.example/api",
            Some(r#"{"phone":"{mobile}","content":"{text}","token":"{key}"}"#),
        );
        let c = g.call("13905912345", "引号\"和\n换行");
        let (kind, body) = c.body.expect("a body");
        assert_eq!(kind, "application/json");
        let v: serde_json::Value = serde_json::from_str(&body).expect("valid JSON");
        assert_eq!(v["content"], "引号\"和\n换行");
        assert_eq!(v["token"], "k&1");
    }

    #[test]
    fn answers_mean_sent_retry_or_refused() {
        let g = gateway("https://sms.example/?m={mobile}&t={text}", None);
        assert_eq!(g.accepted(200, r#"{"code":0}"#), Ok(()));
        assert!(matches!(
            g.accepted(200, r#"{"code":7}"#),
            Err(SendError::Retry(_))
        ));
        assert!(matches!(g.accepted(503, ""), Err(SendError::Retry(_))));
        assert!(matches!(
            g.accepted(400, "bad mobile"),
            Err(SendError::Permanent(_))
        ));
    }

    #[test]
    fn settings_are_checked() {
        let mut s = Settings::for_tests("sqlite://x");
        assert!(Senders::from_settings(&s)
            .expect("nothing configured")
            .email
            .is_none());
        s.sms_url = Some("ftp://x/{mobile}{text}".to_owned());
        assert!(TemplateGateway::from_settings(&s).is_err());
        s.sms_url = Some("https://x/send".to_owned());
        assert!(
            TemplateGateway::from_settings(&s).is_err(),
            "no {{mobile}} anywhere"
        );
        s.sms_body = Some("to={mobile}&text={text}".to_owned());
        assert!(TemplateGateway::from_settings(&s).expect("valid").is_some());
        s.smtp_host = Some("127.0.0.1".to_owned());
        assert!(Smtp::from_settings(&s).is_err(), "no sender");
        s.smtp_from = Some("通知 <noreply@example.gov.cn>".to_owned());
        s.smtp_tls = "ssl".to_owned();
        assert!(Smtp::from_settings(&s).is_err());
        s.smtp_tls = "none".to_owned();
        s.smtp_user = Some("u".to_owned());
        assert!(Smtp::from_settings(&s).is_err(), "user without password");
        s.smtp_user = None;
        assert!(Smtp::from_settings(&s).expect("valid").is_some());
    }
}
