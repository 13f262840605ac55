//! The one place that reads settings: command-line flags, each with an
//! environment variable of the same meaning.
//!
//! | variable            | flag            | meaning                                                 |
//! |---------------------|-----------------|---------------------------------------------------------|
//! | `LEPTOS_SITE_ADDR`  | `--site-addr`   | address and port to listen on (127.0.0.1:3000)          |
//! | `LEPTOS_SITE_ROOT`  | `--site-root`   | folder with the built site: pkg/ and public files       |
//! | `DATABASE_URL`      | `--database-url`| `sqlite://…` (default `sqlite://data/gongkai.db`) or `postgres://…` |
//! | `GONGKAI_DEMO`      | `--demo`        | load the demo data set into an empty database           |
//! | `GONGKAI_PUBLIC_URL`| `--public-url`  | the portal's public origin, e.g. `https://gdj.fujian.gov.cn`; else taken from the request |
//! | `GONGKAI_ALLOWED_HOSTS` | `--allowed-hosts` | further host names (comma-separated) the portal answers to besides the public URL's |
//! | `GONGKAI_CLIENT_IP_HEADER` | `--client-ip-header` | header a reverse proxy puts the client's address in (e.g. `X-Real-IP`); else the connection's |
//! | `GONGKAI_SUBMISSIONS_PER_HOUR` | `--submissions-per-hour` | public applications started or submitted per client per hour (30; form steps and tracking get ten times as many) |
//! | `GONGKAI_SMTP_HOST` | `--smtp-host`   | mail server for notices by e-mail; unset: no e-mail notices |
//! | `GONGKAI_SMTP_PORT` | `--smtp-port`   | its port (default 587 with starttls, 465 with tls, 25 with none) |
//! | `GONGKAI_SMTP_TLS`  | `--smtp-tls`    | `starttls` (default), `tls` (implicit, port 465) or `none` (a relay on the same host only) |
//! | `GONGKAI_SMTP_USER` / `GONGKAI_SMTP_PASSWORD` | `--smtp-user` / `--smtp-password` | SMTP sign-in, both or neither |
//! | `GONGKAI_SMTP_FROM` | `--smtp-from`   | the sender, e.g. `福建省新闻出版广电局 <noreply@gdj.fujian.gov.cn>` |
//! | `GONGKAI_SMS_URL`   | `--sms-url`     | SMS gateway URL template (`{mobile}`, `{text}`, `{key}` filled in); unset: no SMS |
//! | `GONGKAI_SMS_BODY`  | `--sms-body`    | optional POST body template (JSON if it starts with `{`, else a form) |
//! | `GONGKAI_SMS_KEY`   | `--sms-key`     | the gateway's key, put where `{key}` stands |
//! | `GONGKAI_SMS_OK`    | `--sms-ok`      | text a 2xx answer must contain to mean sent (e.g. `"code":0`) |
//! | `RUST_LOG`          | `--log`         | log filter (tracing's syntax), default `info`           |

use clap::{Parser, Subcommand};
use std::net::SocketAddr;

/// 公开 — 政务公开门户
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "公开：政务公开门户（Gongkai government disclosure portal）"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

/// What the binary is asked to do; without a subcommand it serves the portal.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 启动门户网站（默认）
    Serve,
    /// 只执行数据库迁移，然后退出
    Migrate,
    /// 生成用于规模测试的合成信息（已发布、主动公开）
    Generate {
        /// 生成的信息条数
        #[arg(long, default_value_t = 100_000)]
        count: u64,
        /// 行政许可和行政处罚公示记录各生成的条数
        #[arg(long, default_value_t = 100_000)]
        registers: u64,
    },
    /// 管理工作人员账户
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// 审计日志
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// 备份整个门户（数据库及其中的所有附件）到一个新文件
    Backup {
        /// 备份文件路径（不能已存在）；SQLite 为数据库文件，PostgreSQL 为 SQL 文件
        path: std::path::PathBuf,
    },
    /// 用备份文件替换当前数据库（请先停止门户）
    Restore {
        /// 由 gongkai backup 生成的备份文件
        path: std::path::PathBuf,
    },
    /// 全文检索
    Search {
        #[command(subcommand)]
        action: SearchCommand,
    },
    /// 两馆报送（档案馆、图书馆）
    Archive {
        #[command(subcommand)]
        action: ArchiveCommand,
    },
}

/// `gongkai archive …`
#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// 把一段时间内主动公开的信息导出为报送包（ZIP，BagIt 格式，含 SHA-256 清单），并记录这次导出
    Export {
        /// 起始日期（含），如 2026-01-01；不填时从上一次完成的导出截止日的次日开始
        #[arg(long)]
        from: Option<String>,
        /// 截止日期（含），如 2026-12-31；不填时到昨天
        #[arg(long)]
        to: Option<String>,
        /// 导出包路径（不能已存在）；不填时在当前目录按期间命名
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

/// `gongkai search …`
#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// 重建全文检索索引（显示进度）
    Reindex,
}

/// `gongkai user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 新建账户（密码从提示输入，或从标准输入的第一行读取）
    Add {
        /// 用户名
        name: String,
        /// 角色：editor（编辑）、reviewer（审核）、handler（办件）、services（事项管理）、admin（管理员），可多次指定
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// 显示名称（默认同用户名）
        #[arg(long)]
        display_name: Option<String>,
    },
    /// 重置密码（同时解除锁定并结束该用户的所有会话）
    ResetPassword {
        /// 用户名
        name: String,
    },
    /// 停用账户（立即结束其所有会话；不能停用唯一在用的管理员）
    Disable {
        /// 用户名
        name: String,
    },
    /// 重新启用已停用的账户
    Enable {
        /// 用户名
        name: String,
    },
    /// 列出所有账户
    List,
}

/// `gongkai audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 校验审计日志的哈希链，发现被修改或删除的记录
    Verify,
}

/// A password or key from the settings: never printed (Settings is Debug).
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// Settings shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// 监听地址和端口
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,

    /// 已构建站点文件所在目录（含 pkg/ 与公共文件）
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,

    /// 数据库地址：sqlite://路径 或 postgres://用户@主机/库名
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/gongkai.db",
        global = true
    )]
    pub database_url: String,

    /// 向空数据库载入演示数据（生产环境请勿开启）
    #[arg(long, env = "GONGKAI_DEMO", global = true, action = clap::ArgAction::SetTrue,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub demo: bool,

    /// 门户对外访问地址，如 https://example.gov.cn；不设置时按请求的 Host 推断
    #[arg(long, env = "GONGKAI_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// 除对外访问地址外允许的主机名（逗号分隔，可带端口）；都不设置时只接受监听地址、localhost 和 127.0.0.1
    #[arg(
        long,
        env = "GONGKAI_ALLOWED_HOSTS",
        global = true,
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,

    /// 反向代理写入客户端地址的请求头（如 X-Real-IP）；不设置时按连接地址计算提交频率
    #[arg(long, env = "GONGKAI_CLIENT_IP_HEADER", global = true)]
    pub client_ip_header: Option<String>,

    /// 每个客户端每小时最多提交的公众申请（开始申请、提交）次数；填写和查询另有十倍的额度
    #[arg(
        long,
        env = "GONGKAI_SUBMISSIONS_PER_HOUR",
        default_value_t = 30,
        global = true
    )]
    pub submissions_per_hour: u32,

    /// 公开页面缓存的内存上限（MB）；0 表示不缓存
    #[arg(
        long,
        env = "GONGKAI_PAGE_CACHE_MB",
        default_value_t = 64,
        global = true
    )]
    pub page_cache_mb: u32,

    /// 通知邮件的发信服务器（SMTP）；不设置时不发邮件通知
    #[arg(long, env = "GONGKAI_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,

    /// 发信服务器端口（默认 starttls 为 587，tls 为 465）
    #[arg(long, env = "GONGKAI_SMTP_PORT", global = true)]
    pub smtp_port: Option<u16>,

    /// 加密方式：starttls、tls 或 none（none 仅用于本机中继）
    #[arg(
        long,
        env = "GONGKAI_SMTP_TLS",
        default_value = "starttls",
        global = true
    )]
    pub smtp_tls: String,

    /// 发信账户
    #[arg(long, env = "GONGKAI_SMTP_USER", global = true)]
    pub smtp_user: Option<String>,

    /// 发信账户密码
    #[arg(
        long,
        env = "GONGKAI_SMTP_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub smtp_password: Option<Secret>,

    /// 发件人，如 福建省新闻出版广电局 <noreply@example.gov.cn>
    #[arg(long, env = "GONGKAI_SMTP_FROM", global = true)]
    pub smtp_from: Option<String>,

    /// 短信平台地址模板，{mobile}、{text}、{key} 处填入手机号、短信内容和密钥；不设置时不发短信
    #[arg(long, env = "GONGKAI_SMS_URL", global = true)]
    pub sms_url: Option<String>,

    /// 短信平台请求体模板（以 { 开头按 JSON 发送，否则按表单发送）
    #[arg(long, env = "GONGKAI_SMS_BODY", global = true)]
    pub sms_body: Option<String>,

    /// 短信平台密钥
    #[arg(long, env = "GONGKAI_SMS_KEY", global = true, hide_env_values = true)]
    pub sms_key: Option<Secret>,

    /// 短信平台答复中表示发送成功的文字（如 "code":0）；不设置时 2xx 即视为成功
    #[arg(long, env = "GONGKAI_SMS_OK", global = true)]
    pub sms_ok: Option<String>,

    /// 日志级别过滤（tracing 语法）
    #[arg(long, env = "RUST_LOG", default_value = "info", global = true)]
    pub log: String,
}

impl Settings {
    /// Settings for tests: a given database, everything else at its default.
    pub fn for_tests(database_url: &str) -> Self {
        Settings {
            site_addr: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: "target/site".to_owned(),
            database_url: database_url.to_owned(),
            demo: false,
            public_url: None,
            allowed_hosts: Vec::new(),
            client_ip_header: None,
            submissions_per_hour: 1000,
            page_cache_mb: 16,
            smtp_host: None,
            smtp_port: None,
            smtp_tls: "starttls".to_owned(),
            smtp_user: None,
            smtp_password: None,
            smtp_from: None,
            sms_url: None,
            sms_body: None,
            sms_key: None,
            sms_ok: None,
            log: "warn".to_owned(),
        }
    }

    /// The hosts (`name` or `name:port`, lower case) requests may name in
    /// `Host`: the public URL's and the allowed ones; with neither set, the
    /// listen address, localhost and 127.0.0.1. An entry without a port
    /// accepts any port.
    pub fn accepted_hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self
            .public_origin()
            .and_then(|o| o.split_once("://").map(|(_, rest)| rest))
            .map(|rest| rest.split('/').next().unwrap_or(rest).to_ascii_lowercase())
            .into_iter()
            .chain(
                self.allowed_hosts
                    .iter()
                    .map(|h| h.trim().to_ascii_lowercase())
                    .filter(|h| !h.is_empty()),
            )
            .collect();
        if hosts.is_empty() {
            let ip = self.site_addr.ip();
            let listen = if ip.is_ipv6() {
                format!("[{ip}]")
            } else {
                ip.to_string()
            };
            hosts = vec![listen, "localhost".to_owned(), "127.0.0.1".to_owned()];
        }
        let mut seen = std::collections::HashSet::new();
        hosts.retain(|h| seen.insert(h.clone()));
        hosts
    }

    /// Whether `host` (a `Host` header's value) is one [`Self::accepted_hosts`] names.
    pub fn accepts_host(accepted: &[String], host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.rfind(':') {
            // "[::1]:3000" or "a.gov.cn:8080"; a bare IPv6 literal has no port here.
            Some(i) if !host.ends_with(']') => &host[..i],
            _ => host.as_str(),
        };
        accepted.iter().any(|a| {
            let has_port = a.rfind(':').is_some_and(|i| !a.ends_with(']') && i > 0);
            if has_port {
                *a == host
            } else {
                a == name
            }
        })
    }

    /// The public origin without a trailing slash, when one is configured.
    pub fn public_origin(&self) -> Option<&str> {
        self.public_url.as_deref().map(|u| u.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn only_known_hosts_are_accepted() {
        let mut s = Settings::for_tests("sqlite://x");
        let default = s.accepted_hosts();
        assert_eq!(default, vec!["127.0.0.1", "localhost"], "each once");
        assert!(Settings::accepts_host(&default, "127.0.0.1:41234"));
        assert!(Settings::accepts_host(&default, "LOCALHOST:3000"));
        assert!(!Settings::accepts_host(&default, "evil.example"));
        assert!(!Settings::accepts_host(&default, "evil.example:3000"));
        assert!(!Settings::accepts_host(&default, "127.0.0.1.evil.example"));
        s.public_url = Some("https://gdj.fujian.gov.cn/".to_owned());
        s.allowed_hosts = vec!["intranet.local:8080".to_owned()];
        let set = s.accepted_hosts();
        assert_eq!(set, vec!["gdj.fujian.gov.cn", "intranet.local:8080"]);
        assert!(Settings::accepts_host(&set, "gdj.fujian.gov.cn"));
        assert!(Settings::accepts_host(&set, "intranet.local:8080"));
        assert!(!Settings::accepts_host(&set, "intranet.local:9090"));
        assert!(!Settings::accepts_host(&set, "127.0.0.1:3000"));
    }

    #[test]
    fn demo_flag_reads_boolish_values() {
        let cli = Cli::try_parse_from(["gongkai", "--demo"]).expect("parses");
        assert!(cli.settings.demo);
        let cli = Cli::try_parse_from(["gongkai"]).expect("parses");
        assert!(!cli.settings.demo || std::env::var("GONGKAI_DEMO").is_ok());
    }
}
