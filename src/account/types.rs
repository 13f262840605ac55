//! Who works here: roles, the signed-in member of staff, and the audit
//! log as its page shows it. They compile for the browser too; secrets
//! (password hashes, session tokens) never appear here.

use serde::{Deserialize, Serialize};

/// What a member of staff may do. One person may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 编辑: writes and submits content.
    Editor,
    /// 审核: confidentiality review (保密审查), publication, withdrawal.
    Reviewer,
    /// 办件: handles service applications.
    Handler,
    /// 管理员: accounts, the audit log, settings.
    Admin,
    /// 事项管理: writes the service hall's guides and application forms.
    Services,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Editor,
        Role::Reviewer,
        Role::Handler,
        Role::Services,
        Role::Admin,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Handler => "handler",
            Role::Admin => "admin",
            Role::Services => "services",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Editor => "编辑",
            Role::Reviewer => "审核",
            Role::Handler => "办件",
            Role::Admin => "管理员",
            Role::Services => "事项管理",
        }
    }

    /// Accepts the slug or the Chinese name.
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.slug() == s || r.label() == s)
    }
}

/// Why `username` (already trimmed) cannot name an account, if it cannot:
/// one word of at most 50 characters, no spaces or control characters.
pub fn username_problem(username: &str) -> Option<&'static str> {
    if username.is_empty() {
        Some("请输入用户名")
    } else if username.chars().count() > 50 {
        Some("用户名不能超过50个字符")
    } else if username
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        Some("用户名不能含空格或控制字符")
    } else {
        None
    }
}

/// A signed-in member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

impl StaffUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn roles_label(&self) -> String {
        self.roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Whether an account can be used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// 正常.
    Enabled,
    /// 已锁定: too many wrong passwords; unlocks by itself or on a reset.
    Locked,
    /// 已停用 by an administrator.
    Disabled,
}

impl AccountStatus {
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Enabled => "正常",
            AccountStatus::Locked => "已锁定",
            AccountStatus::Disabled => "已停用",
        }
    }
}

/// An account as the accounts pages show it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub status: AccountStatus,
    /// Where the morning digest of due work goes (empty: none by e-mail).
    #[serde(default)]
    pub email: String,
}

impl Account {
    pub fn roles_label(&self) -> String {
        if self.roles.is_empty() {
            return "无".to_owned();
        }
        self.roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// The audit log page: entries, and whether the chain is intact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPageData {
    pub entries: Vec<AuditLine>,
    pub rows: i64,
    pub problem: Option<(i64, String)>,
    /// Cursor for older entries.
    pub older: Option<i64>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub target: String,
    pub detail: String,
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    /// Entries before this number (for paging back).
    #[serde(default)]
    pub before: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_one_short_word() {
        assert_eq!(username_problem("zhangsan"), None);
        assert_eq!(username_problem("张三"), None);
        assert!(username_problem("").is_some());
        assert!(username_problem("zhang san").is_some());
        assert!(username_problem("a\u{0}b").is_some());
        assert!(username_problem(&"长".repeat(51)).is_some());
    }

    #[test]
    fn roles_parse_from_either_name() {
        assert_eq!(Role::parse("reviewer"), Some(Role::Reviewer));
        assert_eq!(Role::parse("审核"), Some(Role::Reviewer));
        assert_eq!(Role::parse("boss"), None);
    }
}
