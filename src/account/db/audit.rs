//! The audit log: every staff write (who, when, what, before → after),
//! every sign-in, failure and lockout. Append-only and chained by hashes.

pub use crate::account::types::AuditFilter;
use crate::server::db::{Db, SqlBuilder};
use crate::server::secret::hex;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// Who did something: a member of staff, or the system itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<i64>,
    /// As the audit log names them: display name and username.
    pub name: String,
    /// As citizens see them (a case's timeline): the display name only;
    /// usernames are for signing in and never shown in public.
    pub shown: String,
}

impl Actor {
    pub fn system(name: &str) -> Actor {
        Actor {
            id: None,
            name: name.to_owned(),
            shown: name.to_owned(),
        }
    }

    pub fn staff(user: &crate::account::types::StaffUser) -> Actor {
        Actor {
            id: Some(user.id),
            name: format!("{}（{}）", user.display_name, user.username),
            shown: user.display_name.clone(),
        }
    }
}

fn chain_hash(
    prev: &str,
    seq: i64,
    at: i64,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &seq.to_string(),
        &at.to_string(),
        &actor.id.map(|i| i.to_string()).unwrap_or_default(),
        &actor.name,
        action,
        target,
        detail,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

/// Actions that change nothing the public sees: signing in and out,
/// accounts, reading a case's files, and drafts on their way to review.
/// Every other action raises the content version (`server::cache::bump`),
/// so a new kind of staff write invalidates cached pages unless it is
/// listed here.
pub const PRIVATE_ACTIONS: &[&str] = &[
    "login",
    "login_failed",
    "lockout",
    "logout",
    "password_changed",
    "password_reset",
    "user_created",
    "user_updated",
    "user_disabled",
    "user_enabled",
    "topic.saved",
    "topic.returned",
    "page.saved",
    "page.returned",
    "case.file_read",
    "article_saved",
    "article_submitted",
    "attachment_added",
    "attachment_removed",
    "review_returned",
    "graphic.save",
    "notice.template_saved",
    "notice.template_reset",
    "notice.retried",
    "alert.drafted",
    "alert.returned",
    "concern.recorded",
    "concern.judged",
    "concern.declined",
    "letter.assigned",
    "letter.transferred",
    "letter.outcome",
    "letter.file_read",
];

/// Appends an entry, in the caller's transaction (so the entry exists
/// exactly when the change it records does), and raises the content
/// version there unless the action is one of [`PRIVATE_ACTIONS`]. Returns
/// the entry's number.
pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: serde_json::Value,
    at: i64,
) -> Result<i64, sqlx::Error> {
    // Taking the next number locks the head row: appends happen one at a time.
    let (seq, prev): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash")
            .fetch_one(&mut *conn)
            .await?;
    let detail = detail.to_string();
    let hash = chain_hash(&prev, seq, at, actor, action, target, &detail);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, target, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(at)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(action)
    .bind(target)
    .bind(&detail)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    if !PRIVATE_ACTIONS.contains(&action) {
        crate::server::cache::bump(conn).await?;
    }
    Ok(seq)
}

/// The detail of entry `seq` if its action is `action` (a page that
/// follows a change shows what the change recorded).
pub async fn detail_of(db: &Db, seq: i64, action: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE seq = $1 AND action = $2")
            .bind(seq)
            .bind(action)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(d,)| d))
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub rows: i64,
    /// The first problem found: the entry's number and what is wrong.
    pub problem: Option<(i64, String)>,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    seq: i64,
    at: i64,
    actor_id: Option<i64>,
    actor_name: String,
    action: String,
    target: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

/// Walks the whole chain: numbers without gaps, each row's hash right and
/// linked to the one before, and the head agreeing with the last row.
pub async fn verify(db: &Db) -> Result<Verification, sqlx::Error> {
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, last_hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
    let mut expected_seq = 1;
    let mut prev = String::new();
    let mut rows = 0;
    let mut last_seen = 0;
    loop {
        let batch: Vec<AuditRow> = sqlx::query_as(
            "SELECT seq, at, actor_id, actor_name, action, target, detail, prev_hash, hash \
             FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000",
        )
        .bind(last_seen)
        .fetch_all(db.pool())
        .await?;
        if batch.is_empty() {
            break;
        }
        for r in batch {
            rows += 1;
            last_seen = r.seq;
            if r.seq != expected_seq {
                return Ok(Verification {
                    rows,
                    problem: Some((expected_seq, "该条记录缺失（已被删除）".into())),
                });
            }
            if r.prev_hash != prev {
                return Ok(Verification {
                    rows,
                    problem: Some((r.seq, "与前一条记录的链接不符".into())),
                });
            }
            let actor = crate::account::db::audit::Actor {
                id: r.actor_id,
                name: r.actor_name.clone(),
                shown: String::new(),
            };
            let computed = chain_hash(&prev, r.seq, r.at, &actor, &r.action, &r.target, &r.detail);
            if computed != r.hash {
                return Ok(Verification {
                    rows,
                    problem: Some((r.seq, "记录内容已被修改".into())),
                });
            }
            prev = r.hash;
            expected_seq += 1;
        }
    }
    if expected_seq - 1 != head_seq || prev != head_hash {
        return Ok(Verification {
            rows,
            problem: Some((
                expected_seq,
                format!("日志应有{head_seq}条记录，末尾的记录缺失或被修改"),
            )),
        });
    }
    Ok(Verification {
        rows,
        problem: None,
    })
}

/// An entry as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Newest first, 50 at a time.
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut q = SqlBuilder::new("SELECT seq, at, actor_id, actor_name, action, target, detail, prev_hash, hash FROM audit_log WHERE 1 = 1");
    if let Some(actor) = filter.actor.as_deref().filter(|s| !s.is_empty()) {
        q.push(" AND actor_name LIKE ")
            .bind_text(format!("%{actor}%"));
    }
    if let Some(action) = filter.action.as_deref().filter(|s| !s.is_empty()) {
        q.push(" AND action = ").bind_text(action);
    }
    if let Some(target) = filter.target.as_deref().filter(|s| !s.is_empty()) {
        q.push(" AND target LIKE ").bind_text(format!("%{target}%"));
    }
    if let Some(before) = filter.before {
        q.push(" AND seq < ").bind_int(before);
    }
    q.push(" ORDER BY seq DESC LIMIT 50");
    let rows: Vec<AuditRow> = q.query_as().fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            seq: r.seq,
            at: crate::ui::format::datetime_zh(r.at),
            actor: r.actor_name,
            action: r.action,
            target: r.target,
            detail: r.detail,
        })
        .collect())
}

/// The actions the log knows, with their names in Chinese.
pub const ACTIONS: &[(&str, &str)] = &[
    ("login", "登录"),
    ("login_failed", "登录失败"),
    ("lockout", "账户锁定"),
    ("logout", "退出"),
    ("password_changed", "修改密码"),
    ("user_created", "新建账户"),
    ("password_reset", "重置密码"),
    ("user_updated", "修改账户"),
    ("user_disabled", "停用账户"),
    ("user_enabled", "启用账户"),
    ("topic.saved", "专题送审"),
    ("topic.approved", "专题审核通过"),
    ("topic.returned", "专题审核退回"),
    ("topic.item_added", "专题加入信息"),
    ("topic.item_removed", "专题移出信息"),
    ("topic.item_moved", "专题调整顺序"),
    ("topic.retired", "撤下专题"),
    ("topic.restored", "恢复专题"),
    ("page.saved", "页面送审"),
    ("page.approved", "页面审核通过"),
    ("page.returned", "页面审核退回"),
    ("article_saved", "保存"),
    ("article_submitted", "送审"),
    ("review_approved", "审核通过"),
    ("review_returned", "审核退回"),
    ("article_published", "发布"),
    ("article_scheduled", "定时发布"),
    ("article_withdrawn", "撤回"),
    ("attachment_added", "上传附件"),
    ("attachment_removed", "删除附件"),
    ("rereview_recorded", "定期评审"),
    ("calendar_changed", "修改工作日历"),
    ("hot_words_changed", "修改热词"),
    ("catalogue_terms_saved", "修改目录分类"),
    ("request.correct", "依申请公开：告知补正"),
    ("request.corrected", "依申请公开：收到补正"),
    ("request.extend", "依申请公开：延长答复期限"),
    ("request.stop", "依申请公开：暂停计时"),
    ("request.resume", "依申请公开：恢复计时"),
    ("request.reply", "依申请公开：答复"),
    ("request.appeal", "依申请公开：登记复议诉讼"),
    ("request.appeal_result", "依申请公开：复议诉讼结果"),
    ("request.publish", "依申请公开：转为主动公开"),
    ("request.file_read", "依申请公开：查看申请人文件"),
    ("consultation.comment_entered", "意见征集：录入意见"),
    ("consultation.answered", "意见征集：答复意见"),
    ("consultation.comments_shown", "意见征集：公开意见"),
    ("consultation.comments_hidden", "意见征集：撤下意见"),
    ("consultation.comments_exported", "意见征集：导出意见"),
    ("monitor.checked", "网站自查：立即检查"),
    ("archive.exported", "两馆报送：导出"),
    ("notice.template_saved", "通知模板：保存"),
    ("notice.template_reset", "通知模板：恢复默认"),
    ("notice.retried", "通知：重新发送"),
    ("alert.drafted", "紧急公告：起草"),
    ("alert.approved", "紧急公告：审核同意"),
    ("alert.returned", "紧急公告：退回"),
    ("alert.withdrawn", "紧急公告：撤下"),
    ("concern.recorded", "舆情：登记"),
    ("concern.judged", "舆情：研判"),
    ("concern.answered", "舆情：关联回应"),
    ("concern.declined", "舆情：不予回应"),
    ("letter.assigned", "来信：交办"),
    ("letter.transferred", "来信：转办"),
    ("letter.replied", "来信：答复"),
    ("letter.rejected", "来信：不予受理"),
    ("letter.merged", "来信：合并办理"),
    ("letter.referred", "来信：移交执法"),
    ("letter.outcome", "来信：查处结果"),
    ("letter.file_read", "来信：查看附件"),
];

pub fn action_label(action: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(a, _)| *a == action)
        .map(|(_, l)| *l)
        .unwrap_or(action)
}
