//! Operator commands: `gongkai user add|reset-password|list`, `gongkai audit verify`.

use crate::account::db::audit::{self, Actor};
use crate::account::types::Role;
use crate::account::{db as staff_db, password};
use crate::server::db::Db;
use std::io::{BufRead, IsTerminal};

type CliResult = Result<(), Box<dyn std::error::Error>>;

/// A password from a prompt (without echo, asked twice) or, when stdin is
/// not a terminal, from its first line.
pub fn read_password(username: &str) -> Result<String, Box<dyn std::error::Error>> {
    let pw = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("新密码：")?;
        let second = rpassword::prompt_password("再次输入新密码：")?;
        if first != second {
            return Err("两次输入的密码不一致".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if let Some(problem) = password::problem(&pw, username) {
        return Err(problem.into());
    }
    Ok(pw)
}

/// `gongkai user add NAME --role …`, with the password already read.
pub async fn add_user(
    db: &Db,
    username: &str,
    display_name: Option<&str>,
    roles: &[String],
    pw: &str,
) -> CliResult {
    let username = username.trim();
    if let Some(problem) = crate::account::types::username_problem(username) {
        return Err(problem.into());
    }
    let mut parsed = Vec::new();
    for r in roles {
        for part in r.split(',') {
            let role = Role::parse(part).ok_or_else(|| format!("未知角色“{part}”，可选：editor（编辑）、reviewer（审核）、handler（办件）、services（事项管理）、admin（管理员）"))?;
            if !parsed.contains(&role) {
                parsed.push(role);
            }
        }
    }
    if parsed.is_empty() {
        return Err("请至少指定一个角色：--role editor|reviewer|handler|services|admin".into());
    }
    if let Some(problem) = password::problem(pw, username) {
        return Err(problem.into());
    }
    let hash = password::hash(pw).map_err(|e| e.to_string())?;
    let now = crate::ui::format::now();
    let mut tx = db.begin_write().await?;
    let id = staff_db::create_user(
        &mut tx,
        username,
        display_name.unwrap_or(username),
        &hash,
        &parsed,
        now,
    )
    .await?;
    let Some(id) = id else {
        return Err(format!("用户名“{username}”已存在").into());
    };
    audit::record(
        &mut tx,
        &Actor::system("命令行"),
        "user_created",
        &format!("用户 {username}"),
        serde_json::json!({"id": id, "roles": staff_db::roles_text(&parsed)}),
        now,
    )
    .await?;
    tx.commit().await?;
    println!(
        "已创建用户 {username}（{}）",
        parsed
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join("、")
    );
    Ok(())
}

/// `gongkai user reset-password NAME`: also unlocks and signs out everywhere.
pub async fn reset_password(db: &Db, username: &str, pw: &str) -> CliResult {
    let record = staff_db::find_by_username(db, username)
        .await?
        .ok_or_else(|| format!("用户“{username}”不存在"))?;
    if let Some(problem) = password::problem(pw, username) {
        return Err(problem.into());
    }
    let hash = password::hash(pw).map_err(|e| e.to_string())?;
    let now = crate::ui::format::now();
    let mut tx = db.begin_write().await?;
    staff_db::set_password(&mut tx, record.id, &hash, now).await?;
    audit::record(
        &mut tx,
        &Actor::system("命令行"),
        "password_reset",
        &format!("用户 {username}"),
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    println!("已重置用户 {username} 的密码，并解除锁定、结束其所有会话");
    Ok(())
}

/// `gongkai user disable NAME` / `gongkai user enable NAME`. Refuses to
/// disable the last enabled administrator, as the app does.
pub async fn set_enabled(db: &Db, username: &str, enabled: bool) -> CliResult {
    let record = staff_db::find_by_username(db, username)
        .await?
        .ok_or_else(|| format!("用户“{username}”不存在"))?;
    if record.disabled_at.is_none() == enabled {
        println!(
            "用户 {username} 已经是{}状态",
            if enabled { "启用" } else { "停用" }
        );
        return Ok(());
    }
    let now = crate::ui::format::now();
    let mut tx = db.begin_write().await?;
    if !enabled
        && staff_db::parse_roles(&record.roles).contains(&Role::Admin)
        && staff_db::enabled_admins_in(&mut tx).await? <= 1
    {
        return Err(format!("用户 {username} 是唯一在用的管理员，不能停用").into());
    }
    staff_db::set_disabled(&mut tx, record.id, (!enabled).then_some(now), now).await?;
    audit::record(
        &mut tx,
        &Actor::system("命令行"),
        if enabled {
            "user_enabled"
        } else {
            "user_disabled"
        },
        &format!("用户 {username}"),
        serde_json::json!({"id": record.id}),
        now,
    )
    .await?;
    tx.commit().await?;
    println!("已{}用户 {username}", if enabled { "启用" } else { "停用" });
    Ok(())
}

/// `gongkai user list`.
pub async fn list_users(db: &Db) -> CliResult {
    let users = staff_db::list_users(db).await?;
    if users.is_empty() {
        println!("暂无用户。用 gongkai user add 用户名 --role editor 创建。");
    }
    let now = crate::ui::format::now();
    for u in users {
        let user = u.to_user();
        let locked = if u.disabled_at.is_some() {
            "（已停用）"
        } else if u.locked_until.is_some_and(|t| t > now) {
            "（已锁定）"
        } else {
            ""
        };
        println!(
            "{}\t{}\t{}{}",
            user.username,
            user.display_name,
            user.roles_label(),
            locked
        );
    }
    Ok(())
}

/// `gongkai audit verify`: exits with an error when the chain is broken.
pub async fn verify_audit(db: &Db) -> CliResult {
    let v = audit::verify(db).await?;
    match v.problem {
        None => {
            println!("审计日志完整：共 {} 条记录，哈希链校验通过", v.rows);
            Ok(())
        }
        Some((seq, what)) => Err(format!("审计日志校验失败：第 {seq} 条，{what}").into()),
    }
}
