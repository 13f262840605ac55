//! Site-wide settings: the portal's name and the contact details in its footer,
//! with the catalogue's vocabularies (主题分类, 子类别) items are filed under.
//!
//! Kept in the database (table `site_settings`, one row a key; the
//! vocabularies in content's `catalogue_terms`) so that an
//! administrator can change them without a deployment; the app holds a copy
//! in memory (see `server::state`) and refreshes it.

pub mod admin;
pub mod db;
pub mod pages;

use crate::error::FieldError;
use crate::server::db::Db;
use serde::{Deserialize, Serialize};

/// What the header and footer of every page show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// 网站名称, shown in the header and every page title.
    pub name: String,
    /// The home page's meta description.
    pub description: String,
    /// 主办单位
    pub organiser: String,
    /// 地址
    pub address: String,
    /// 邮编
    pub postcode: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
    /// ICP备案号
    pub icp: String,
    /// 政府网站标识码
    pub site_code: String,
    /// 公安机关备案号
    pub police_record: String,
    /// 发布机构: what a new item's publisher starts as (the 主办单位 when empty).
    pub publisher: String,
    /// The 长辈版 switch's words in the header.
    pub elder_label: String,
    /// 页脚链接: one per line, a name and an address.
    pub footer_links: String,
    /// Days after a consultation closes before its missing feedback report
    /// is flagged on the workbench.
    pub feedback_days: String,
    /// Working days to respond to an ordinary (一般 / 较大) public concern;
    /// 重大 and 特别重大 run on the fixed hours of 国办发〔2016〕61号.
    pub concern_days: String,
    /// Working days to answer a letter to 局长信箱 or 投诉举报.
    pub letter_days: String,
    /// The day the bureau last confirmed it charges no 行政事业性收费
    /// (`YYYY-MM-DD`, or empty): the fee list then says so, dated.
    pub fees_none_on: String,
    /// The catalogue's 主题分类 and 子类别 (kept by content, `catalogue_terms`).
    pub terms: crate::content::taxonomy::Terms,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: "政务公开门户".to_owned(),
            description: "政府信息公开、政策解读、网上办事与互动交流。".to_owned(),
            organiser: String::new(),
            address: String::new(),
            postcode: String::new(),
            phone: String::new(),
            email: String::new(),
            icp: String::new(),
            site_code: String::new(),
            police_record: String::new(),
            publisher: String::new(),
            elder_label: "长辈版".to_owned(),
            footer_links: String::new(),
            feedback_days: "30".to_owned(),
            concern_days: crate::concerns::types::DEFAULT_DAYS.to_string(),
            letter_days: crate::mailbox::types::DEFAULT_DAYS.to_string(),
            fees_none_on: String::new(),
            terms: Default::default(),
        }
    }
}

impl SiteSettings {
    /// Days after a consultation closes before a missing feedback report is
    /// flagged (the setting, or 30).
    pub fn feedback_days(&self) -> i64 {
        self.feedback_days.parse().unwrap_or(30)
    }

    /// Working days to respond to an ordinary public concern (the setting,
    /// or the default).
    pub fn concern_days(&self) -> i64 {
        self.concern_days
            .parse()
            .unwrap_or(crate::concerns::types::DEFAULT_DAYS)
    }

    /// Working days to answer a letter (the setting, or the default).
    pub fn letter_days(&self) -> i64 {
        self.letter_days
            .parse()
            .unwrap_or(crate::mailbox::types::DEFAULT_DAYS)
    }

    fn fields_mut(&mut self) -> [(&'static str, &mut String); 17] {
        [
            ("name", &mut self.name),
            ("description", &mut self.description),
            ("organiser", &mut self.organiser),
            ("address", &mut self.address),
            ("postcode", &mut self.postcode),
            ("phone", &mut self.phone),
            ("email", &mut self.email),
            ("icp", &mut self.icp),
            ("site_code", &mut self.site_code),
            ("police_record", &mut self.police_record),
            ("publisher", &mut self.publisher),
            ("elder_label", &mut self.elder_label),
            ("footer_links", &mut self.footer_links),
            ("feedback_days", &mut self.feedback_days),
            ("concern_days", &mut self.concern_days),
            ("letter_days", &mut self.letter_days),
            ("fees_none_on", &mut self.fees_none_on),
        ]
    }

    /// Reads the settings; keys missing from the table keep their defaults.
    pub async fn load(pool: &Db) -> Result<SiteSettings, sqlx::Error> {
        let mut settings = Self::from_rows(db::all(pool).await?);
        settings.terms = crate::content::db::terms::all(pool).await?;
        Ok(settings)
    }

    /// Reads the settings in the caller's transaction.
    pub async fn load_in(conn: &mut sqlx::AnyConnection) -> Result<SiteSettings, sqlx::Error> {
        let mut settings = Self::from_rows(db::all_in(conn).await?);
        settings.terms = crate::content::db::terms::all_in(conn).await?;
        Ok(settings)
    }

    fn from_rows(rows: Vec<(String, String)>) -> SiteSettings {
        let mut settings = SiteSettings::default();
        for (key, value) in rows {
            if let Some((_, slot)) = settings.fields_mut().into_iter().find(|(k, _)| *k == key) {
                *slot = value;
            }
        }
        settings
    }

    /// Writes every setting in one transaction.
    pub async fn save(&self, db: &Db) -> Result<(), sqlx::Error> {
        let mut tx = db.begin_write().await?;
        self.save_in(&mut tx).await?;
        tx.commit().await
    }
}

/// Each setting as the form names it: (key, label, longest allowed).
pub const FIELDS: [(&str, &str, usize); 17] = [
    ("name", "网站名称", 30),
    ("description", "网站简介", 120),
    ("organiser", "主办单位", 40),
    ("address", "地址", 80),
    ("postcode", "邮编", 6),
    ("phone", "联系电话", 40),
    ("email", "电子邮箱", 80),
    ("icp", "ICP备案号", 40),
    ("site_code", "政府网站标识码", 10),
    ("police_record", "公安备案号", 40),
    ("publisher", "发布机构", 40),
    ("elder_label", "长辈版入口文字", 8),
    ("footer_links", "页脚链接", 800),
    ("feedback_days", "意见征集反馈提醒天数", 3),
    ("concern_days", "一般舆情回应时限（工作日）", 2),
    ("letter_days", "来信办理时限（工作日）", 2),
    ("fees_none_on", "无行政事业性收费的核实日期", 10),
];

/// The most links the footer holds.
pub const MAX_FOOTER_LINKS: usize = 8;

/// The settings form as posted (`POST /staff/settings`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SettingsInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub icp: String,
    #[serde(default)]
    pub site_code: String,
    #[serde(default)]
    pub police_record: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub elder_label: String,
    #[serde(default)]
    pub footer_links: String,
    #[serde(default)]
    pub feedback_days: String,
    #[serde(default)]
    pub concern_days: String,
    #[serde(default)]
    pub letter_days: String,
    #[serde(default)]
    pub fees_none_on: String,
    /// The organisation code in every 索引号 (kept by content, not here).
    #[serde(default)]
    pub org_code: String,
}

impl SettingsInput {
    fn get(&self, key: &str) -> &str {
        match key {
            "name" => &self.name,
            "description" => &self.description,
            "organiser" => &self.organiser,
            "address" => &self.address,
            "postcode" => &self.postcode,
            "phone" => &self.phone,
            "email" => &self.email,
            "icp" => &self.icp,
            "site_code" => &self.site_code,
            "police_record" => &self.police_record,
            "publisher" => &self.publisher,
            "elder_label" => &self.elder_label,
            "footer_links" => &self.footer_links,
            "feedback_days" => &self.feedback_days,
            "concern_days" => &self.concern_days,
            "letter_days" => &self.letter_days,
            "fees_none_on" => &self.fees_none_on,
            _ => "",
        }
    }
}

/// Empty, or exactly `len` bytes each passing `ok`.
fn fits(s: &str, len: usize, ok: impl Fn(u8) -> bool) -> bool {
    s.is_empty() || (s.len() == len && s.bytes().all(ok))
}

fn plausible_phone(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || " -+()（）、，,/；;转".contains(c))
}

/// A footer link: its words and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterLink {
    pub label: String,
    pub href: String,
}

/// The footer links as entered: one per line, the name, then spaces, then
/// an address (`https://…`, `http://…` or a path on this site).
pub fn footer_links(text: &str) -> Vec<FooterLink> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let (label, href) = line.rsplit_once(char::is_whitespace)?;
            let (label, href) = (label.trim(), href.trim());
            let href_ok = href.starts_with("https://")
                || href.starts_with("http://")
                || (href.starts_with('/') && !href.starts_with("//"));
            (!label.is_empty() && href_ok && !href.contains(['"', '<', '>'])).then(|| FooterLink {
                label: label.to_owned(),
                href: href.to_owned(),
            })
        })
        .collect()
}

fn footer_links_problem(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > MAX_FOOTER_LINKS {
        return Some(format!("页脚链接最多{MAX_FOOTER_LINKS}条"));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.chars().any(|c| c.is_control() && c != '\t') || footer_links(line).is_empty() {
            return Some(format!(
                "页脚链接第{}行有误：每行先写名称，空格后写网址，如 中国政府网 https://www.gov.cn",
                i + 1
            ));
        }
        if line.chars().count() > 200 {
            return Some(format!("页脚链接第{}行太长", i + 1));
        }
    }
    None
}

impl SiteSettings {
    /// The settings a posted form asks for, each trimmed and checked; every
    /// field's problem at once.
    pub fn check(input: &SettingsInput) -> Result<SiteSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut out = SiteSettings::default();
        for (key, slot) in out.fields_mut() {
            let Some((_, label, max)) = FIELDS.iter().find(|(k, _, _)| *k == key) else {
                continue;
            };
            let value = input.get(key).trim();
            let problem = if key == "footer_links" {
                footer_links_problem(value)
            } else if value.chars().any(char::is_control) {
                Some(format!("{label}只能填写一行文字"))
            } else if value.chars().count() > *max {
                Some(format!("{label}最多{max}个字"))
            } else {
                match key {
                    "name" if value.chars().count() < 2 => {
                        Some("请填写网站名称（2到30个字），它显示在每个页面的标题中".to_owned())
                    }
                    "description" if value.is_empty() => {
                        Some("请填写网站简介，搜索引擎和分享链接会显示它".to_owned())
                    }
                    "postcode" if !fits(value, 6, |b| b.is_ascii_digit()) => {
                        Some("邮编应为6位数字，如 350001".to_owned())
                    }
                    "phone" if !value.is_empty() && !plausible_phone(value) => Some(
                        "联系电话只能包含数字、空格、短横线和括号，如 0591-87654321".to_owned(),
                    ),
                    "email" if !value.is_empty() && !crate::ui::format::plausible_email(value) => {
                        Some("电子邮箱格式有误，如 gongkai@example.gov.cn".to_owned())
                    }
                    "elder_label" if value.chars().count() == 1 => {
                        Some("请填写长辈版入口文字（2到8个字），如 长辈版、关怀模式".to_owned())
                    }
                    "feedback_days"
                        if !value.is_empty()
                            && !value.parse::<i64>().is_ok_and(|n| (1..=365).contains(&n)) =>
                    {
                        Some("意见征集反馈提醒天数应为1到365之间的整数，如 30".to_owned())
                    }
                    "concern_days"
                        if !value.is_empty()
                            && !value.parse::<i64>().is_ok_and(|n| (1..=20).contains(&n)) =>
                    {
                        Some("一般舆情回应时限应为1到20之间的整数（工作日），如 2".to_owned())
                    }
                    "letter_days"
                        if !value.is_empty()
                            && !value.parse::<i64>().is_ok_and(|n| (1..=60).contains(&n)) =>
                    {
                        Some("来信办理时限应为1到60之间的整数（工作日），如 15".to_owned())
                    }
                    "fees_none_on"
                        if !value.is_empty()
                            && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() =>
                    {
                        Some("核实日期应为有效日期，格式如 2026-12-01；有收费项目的不填".to_owned())
                    }
                    "site_code" if !fits(value, 10, |b| b.is_ascii_alphanumeric()) => Some(
                        "政府网站标识码为10位数字或字母，见全国政府网站信息报送系统".to_owned(),
                    ),
                    _ => None,
                }
            };
            match problem {
                Some(message) => errors.push(FieldError::new(key, message)),
                // An empty switch label means the usual words.
                None if matches!(
                    key,
                    "elder_label" | "feedback_days" | "concern_days" | "letter_days"
                ) && value.is_empty() => {}
                None => value.clone_into(slot),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The settings that differ from `self` in `other`: (key, before, after).
    pub fn changes(&self, other: &SiteSettings) -> Vec<(&'static str, String, String)> {
        let mut before = self.clone();
        let mut after = other.clone();
        before
            .fields_mut()
            .into_iter()
            .zip(after.fields_mut())
            .filter(|((_, b), (_, a))| b != a)
            .map(|((key, b), (_, a))| (key, b.clone(), a.clone()))
            .collect()
    }

    /// Writes every setting in the caller's transaction.
    pub async fn save_in(&self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        let mut copy = self.clone();
        for (key, value) in copy.fields_mut() {
            db::put(conn, key, value).await?;
        }
        Ok(())
    }

    /// The form's values for these settings.
    pub fn input(&self) -> SettingsInput {
        SettingsInput {
            name: self.name.clone(),
            description: self.description.clone(),
            organiser: self.organiser.clone(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            icp: self.icp.clone(),
            site_code: self.site_code.clone(),
            police_record: self.police_record.clone(),
            publisher: self.publisher.clone(),
            elder_label: self.elder_label.clone(),
            footer_links: self.footer_links.clone(),
            feedback_days: self.feedback_days.clone(),
            concern_days: self.concern_days.clone(),
            letter_days: self.letter_days.clone(),
            fees_none_on: self.fees_none_on.clone(),
            org_code: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(input: &SettingsInput) -> Vec<String> {
        SiteSettings::check(input)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn settings_are_trimmed_and_checked_field_by_field() {
        let good = SettingsInput {
            name: " 福建省新闻出版广电局 ".to_owned(),
            description: "政府信息公开".to_owned(),
            postcode: "350001".to_owned(),
            phone: "0591-87654321、12345".to_owned(),
            email: "gk@example.gov.cn".to_owned(),
            site_code: "3500000001".to_owned(),
            ..SettingsInput::default()
        };
        let s = SiteSettings::check(&good).expect("valid");
        assert_eq!(s.name, "福建省新闻出版广电局");
        assert_eq!(s.organiser, "");
        let bad = SettingsInput {
            name: "局".to_owned(),
            description: String::new(),
            postcode: "35000".to_owned(),
            phone: "电话".to_owned(),
            email: "gk@localhost".to_owned(),
            site_code: "35000000012".to_owned(),
            address: "福州\n市".to_owned(),
            ..SettingsInput::default()
        };
        assert_eq!(
            fields(&bad),
            [
                "name",
                "description",
                "address",
                "postcode",
                "phone",
                "email",
                "site_code"
            ]
        );
    }

    #[test]
    fn the_concern_limit_is_a_number_of_working_days_or_the_default() {
        let good = SettingsInput {
            name: "福建省新闻出版广电局".to_owned(),
            description: "政务公开。".to_owned(),
            ..SettingsInput::default()
        };
        let s = SiteSettings::check(&good).expect("valid");
        assert_eq!(s.concern_days(), crate::concerns::types::DEFAULT_DAYS);
        let five = SettingsInput {
            concern_days: " 5 ".to_owned(),
            ..good.clone()
        };
        assert_eq!(SiteSettings::check(&five).expect("valid").concern_days(), 5);
        for bad in ["0", "21", "两天", "-1"] {
            let input = SettingsInput {
                concern_days: bad.to_owned(),
                ..good.clone()
            };
            assert_eq!(fields(&input), ["concern_days"], "{bad}");
        }
    }

    #[test]
    fn footer_links_are_a_name_and_an_address_a_line() {
        let links = footer_links("中国政府网 https://www.gov.cn\n福建省人民政府  http://www.fujian.gov.cn\n\n站内 /about");
        assert_eq!(links.len(), 3);
        assert_eq!(links[1].label, "福建省人民政府");
        assert_eq!(links[2].href, "/about");
        for bad in [
            "只有名称",
            "名称 javascript:alert(1)",
            "名称 //evil.example",
            "https://www.gov.cn",
        ] {
            assert!(footer_links_problem(bad).is_some(), "{bad}");
        }
        let many = "名称 /a\n".repeat(MAX_FOOTER_LINKS + 1);
        assert!(footer_links_problem(&many).is_some());
        assert_eq!(
            footer_links_problem("中国政府网 https://www.gov.cn\n"),
            None
        );
    }

    #[test]
    fn changes_name_only_what_differs() {
        let before = SiteSettings::default();
        let mut after = before.clone();
        after.phone = "12345".to_owned();
        assert_eq!(
            before.changes(&after),
            [("phone", String::new(), "12345".to_owned())]
        );
    }
}
