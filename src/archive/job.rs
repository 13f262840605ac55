//! Running an export: the items are read in one snapshot, the package is
//! written into a spool, and its parts go into the database (staff
//! exports, so any app server can serve the download) or into a file (the
//! command line) as they fill, with progress recorded as it goes.

use super::db::{self, Starter, Totals};
use super::package::{safe_name, sha256, BagInfo, Package, Spool};
use super::render::{self, Cover, FileRecord, GraphicRecord, Metadata};
use crate::account::db::audit::{self, Actor};
use crate::content::db::archive as catalogue;
use crate::server::db::Db;
use chrono::NaiveDate;
use std::io::Write;
use std::time::{Duration, Instant};

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    Db(sqlx::Error),
    Io(std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Db(e) => write!(f, "数据库错误：{e}"),
            ExportError::Io(e) => write!(f, "写入导出包失败：{e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<sqlx::Error> for ExportError {
    fn from(e: sqlx::Error) -> Self {
        ExportError::Db(e)
    }
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> Self {
        ExportError::Io(e.into())
    }
}

/// A period to export, both days included (Beijing dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Reads a period as staff or an operator typed it; the message says
    /// in Chinese what is wrong. It must have ended by `today`.
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<Period, (&'static str, String)> {
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let from = date(from).ok_or(("from", "请按 2026-01-01 的格式填写起始日期".to_owned()))?;
        let to = date(to).ok_or(("to", "请按 2026-12-31 的格式填写截止日期".to_owned()))?;
        if to < from {
            return Err(("to", "截止日期不能早于起始日期".to_owned()));
        }
        if to > today {
            return Err((
                "to",
                format!("截止日期不能晚于今天（{}）", today.format("%Y-%m-%d")),
            ));
        }
        Ok(Period { from, to })
    }

    pub fn first(&self) -> String {
        self.from.format("%Y-%m-%d").to_string()
    }

    pub fn last(&self) -> String {
        self.to.format("%Y-%m-%d").to_string()
    }

    /// The Unix times `[start of from, start of the day after to)`.
    fn bounds(&self) -> (i64, i64) {
        let start = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp() - 8 * 3600)
        };
        (
            start(self.from),
            start(self.to.succ_opt().unwrap_or(self.to)),
        )
    }
}

/// Records a new export with its audit entry (one transaction); returns
/// its id.
pub async fn begin(
    db: &Db,
    period: Period,
    by: &Starter<'_>,
    actor: &Actor,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = db::start(&mut tx, &period.first(), &period.last(), by, now).await?;
    audit::record(
        &mut tx,
        actor,
        "archive.exported",
        &format!("两馆报送：{} 至 {}", period.first(), period.last()),
        serde_json::json!({"export": id, "from": period.first(), "to": period.last()}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Where the package's bytes go.
pub enum Output {
    /// Into `archive_parts`, for download from the staff page.
    Stored,
    /// Into a file (the command line).
    File(std::fs::File),
}

/// What the package says of itself.
pub struct Context {
    pub site: String,
    /// The portal's public origin, for the items' addresses ("" when unknown).
    pub origin: String,
    pub by: String,
}

struct Run<'a> {
    db: &'a Db,
    id: i64,
    spool: Spool,
    out: Output,
    seq: i64,
}

impl Run<'_> {
    /// Moves the filled parts (all, at the end) to where they go.
    async fn drain(&mut self, all: bool) -> Result<(), ExportError> {
        let parts = if all {
            self.spool.take_rest()
        } else {
            self.spool.take_ready()
        };
        match &mut self.out {
            Output::Stored => {
                db::store_parts(self.db, self.id, self.seq, &parts).await?;
                self.seq += parts.len() as i64;
            }
            Output::File(file) => {
                for part in &parts {
                    file.write_all(part)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes export `id` of `period` from a snapshot taken now; on failure
/// the record says why.
pub async fn run(
    db: &Db,
    id: i64,
    period: Period,
    cx: &Context,
    out: Output,
    on_progress: impl FnMut(i64, i64),
) -> Result<Totals, ExportError> {
    let snapshot = match db.begin_snapshot().await {
        Ok(s) => s,
        Err(e) => {
            let e = ExportError::Db(e);
            db::fail(db, id, &e.to_string(), crate::ui::format::now()).await?;
            return Err(e);
        }
    };
    run_on(db, snapshot, id, period, cx, out, on_progress).await
}

/// [`run`] reading from `snapshot`, a transaction from
/// [`Db::begin_snapshot`]: the package shows the database as that
/// transaction first saw it, whatever is written meanwhile.
pub async fn run_on(
    db: &Db,
    snapshot: sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    period: Period,
    cx: &Context,
    out: Output,
    mut on_progress: impl FnMut(i64, i64),
) -> Result<Totals, ExportError> {
    let result = write(db, snapshot, id, period, cx, out, &mut on_progress).await;
    if let Err(e) = &result {
        tracing::error!(export = id, error = %e, "archive export failed");
        db::fail(db, id, &e.to_string(), crate::ui::format::now()).await?;
    }
    result
}

async fn write(
    db: &Db,
    mut snapshot: sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    period: Period,
    cx: &Context,
    out: Output,
    on_progress: &mut impl FnMut(i64, i64),
) -> Result<Totals, ExportError> {
    let kept = matches!(out, Output::Stored);
    let (from, to) = period.bounds();
    let ids = catalogue::archive_ids(&mut snapshot, from, to).await?;
    let total = ids.len() as i64;
    db::progress(db, id, 0, total, crate::ui::format::now()).await?;
    on_progress(0, total);

    let spool = Spool::default();
    let name = super::types::file_name(&period.first(), &period.last());
    let mut bag = Package::new(spool.clone(), name.trim_end_matches(".zip"));
    let mut run = Run {
        db,
        id,
        spool,
        out,
        seq: 0,
    };
    let mut records = Vec::with_capacity(ids.len());
    let mut attachments = 0;
    let mut beat = Instant::now();
    for (n, item_id) in ids.iter().enumerate() {
        let Some(item) = catalogue::archive_item(&mut snapshot, *item_id).await? else {
            continue;
        };
        let mut m = Metadata::of(&item, &cx.origin);
        if !m.withdrawn() {
            // The body's images, for its Word version.
            let mut images = std::collections::HashMap::new();
            for f in catalogue::archive_files(&mut snapshot, item.id).await? {
                let data = catalogue::archive_file_data(&mut snapshot, f.id)
                    .await?
                    .unwrap_or_default();
                if f.mime.starts_with("image/")
                    && item.body_md.contains(&format!("/attachments/{}", f.id))
                {
                    images.insert(
                        format!("/attachments/{}", f.id),
                        crate::content::docx::ExportImage {
                            mime: f.mime.clone(),
                            bytes: data.clone(),
                        },
                    );
                }
                let path = format!("{}/attachments/{}-{}", m.folder, f.id, safe_name(&f.name));
                bag.add(&path, &data, item.updated_at)?;
                m.files.push(FileRecord {
                    name: f.name,
                    mime: f.mime,
                    size: f.size,
                    path,
                    sha256: sha256(&data),
                    portal_path: format!("/attachments/{}", f.id),
                });
                attachments += 1;
                run.drain(false).await?;
            }
            for g in crate::graphics::db::of_article_in(&mut snapshot, item.id).await? {
                let svg = crate::graphics::svg::render(&g.spec, &format!("graphic-{}", g.id));
                let path = format!("{}/graphics/{}.svg", m.folder, g.id);
                bag.add(&path, svg.as_bytes(), item.updated_at)?;
                m.graphics.push(GraphicRecord {
                    title: g.spec.title.clone(),
                    path,
                    description: crate::graphics::svg::describe(&g.spec),
                });
            }
            // For the paper file and 两馆: the item as the bureau's Word 公文.
            let word = crate::content::docx::export(
                &crate::content::docx::ExportItem {
                    title: item.title.clone(),
                    doc_no: item.doc_no.clone(),
                    publisher: item.publisher.clone(),
                    body_md: item.body_md.clone(),
                },
                &|url: &str| images.get(url).cloned(),
            );
            match word {
                Ok(bytes) => {
                    let path = format!("{}/item.docx", m.folder);
                    bag.add(&path, &bytes, item.updated_at)?;
                    m.word = Some(path);
                }
                Err(e) => {
                    tracing::warn!(item = item.id, error = %e, "no Word version in the archive")
                }
            }
        }
        let html = render::item_html(&m, &item.body_html, &cx.site, &cx.origin);
        bag.add(&format!("{}/item.html", m.folder), &html, item.updated_at)?;
        bag.add(
            &format!("{}/metadata.xml", m.folder),
            &m.xml(),
            item.updated_at,
        )?;
        bag.add(
            &format!("{}/metadata.json", m.folder),
            &m.json(),
            item.updated_at,
        )?;
        run.drain(false).await?;
        records.push(m);
        if beat.elapsed() > Duration::from_secs(1) {
            beat = Instant::now();
            db::progress(db, id, n as i64 + 1, total, crate::ui::format::now()).await?;
            on_progress(n as i64 + 1, total);
        }
    }
    // Everything is read: the snapshot can go.
    snapshot.rollback().await?;

    let now = crate::ui::format::now();
    let cover = Cover {
        site: cx.site.clone(),
        from: period.first(),
        to: period.last(),
        exported_at: crate::ui::format::datetime_zh(now),
        by: cx.by.clone(),
    };
    bag.add("index.html", &render::index_html(&cover, &records), now)?;
    bag.add("catalogue.xml", &render::catalogue_xml(&records), now)?;
    bag.add(
        "catalogue.json",
        &render::catalogue_json(&cover, &records),
        now,
    )?;
    let withdrawn = records.iter().filter(|m| m.withdrawn()).count() as i64;
    let finished = bag.finish(
        &BagInfo {
            organisation: cx.site.clone(),
            description: format!(
                "{}至{}主动公开的政府信息{}条（已撤回{}条），附件{}个",
                cover.from,
                cover.to,
                records.len(),
                withdrawn,
                attachments
            ),
            bagging_date: crate::ui::format::iso_date(now),
            extra: std::iter::once((
                "External-Identifier".to_owned(),
                format!("gongkai-export-{id}"),
            ))
            .chain((!cx.origin.is_empty()).then(|| ("Source-URL".to_owned(), cx.origin.clone())))
            .collect(),
        },
        now,
    )?;
    run.drain(true).await?;
    if let Output::File(file) = &mut run.out {
        file.flush()?;
        file.sync_all()?;
    }
    let (bytes, whole) = run.spool.summary();
    let totals = Totals {
        items: records.len() as i64,
        withdrawn,
        attachments,
        files: finished.files as i64,
        bytes: bytes as i64,
        sha256: whole,
        manifest_sha256: finished.manifest_sha256,
        kept,
    };
    db::finish(db, id, &totals, crate::ui::format::now()).await?;
    on_progress(total, total);
    Ok(totals)
}

/// The period the next export covers unless told otherwise: from the day
/// after the last finished export ended (or the first of this year) to
/// yesterday (today when that is the first day).
pub async fn default_period(db: &Db, today: NaiveDate) -> Result<Period, sqlx::Error> {
    use chrono::Datelike;
    let from = db::last_covered(db)
        .await?
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .and_then(|d| d.succ_opt())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today))
        .min(today);
    let to = today.pred_opt().unwrap_or(today).max(from);
    Ok(Period { from, to })
}

/// `gongkai archive export`: writes the package to a new file, showing
/// progress, and records the export. Returns what to tell the operator.
pub async fn export_to_file(
    db: &Db,
    public_origin: Option<&str>,
    from: Option<String>,
    to: Option<String>,
    out: Option<std::path::PathBuf>,
) -> Result<String, Box<dyn std::error::Error>> {
    let now = crate::ui::format::now();
    let today = crate::content::db::beijing_date(now);
    let default = default_period(db, today).await?;
    let period = Period::parse(
        from.as_deref().unwrap_or(&default.first()),
        to.as_deref().unwrap_or(&default.last()),
        today,
    )
    .map_err(|(_, message)| message)?;
    let path =
        out.unwrap_or_else(|| super::types::file_name(&period.first(), &period.last()).into());
    // Never overwrite: an earlier package may be the one that was sent.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("不能创建 {}：{e}", path.display()))?;
    db::fail_stale(db, now).await?;
    let id = begin(db, period, &Starter::Cli, &Actor::system("命令行"), now).await?;
    let cx = Context {
        site: crate::site::SiteSettings::load(db).await?.name,
        origin: public_origin.unwrap_or("").to_owned(),
        by: "命令行".to_owned(),
    };
    let result = run(db, id, period, &cx, Output::File(file), |done, total| {
        eprint!("\r已导出 {done} / {total} 条");
    })
    .await;
    eprintln!();
    match result {
        Ok(t) => Ok(format!(
            "已导出到 {}：信息{}条（其中已撤回{}条），附件{}个，{:.1} MB\n导出包 SHA-256：{}\n清单 SHA-256：{}",
            path.display(),
            t.items,
            t.withdrawn,
            t.attachments,
            t.bytes as f64 / 1_048_576.0,
            t.sha256,
            t.manifest_sha256
        )),
        Err(e) => {
            // Half a package is no package.
            let _ = std::fs::remove_file(&path);
            Err(e.into())
        }
    }
}
