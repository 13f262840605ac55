//! Storing 好差评: the applicant's rating of a finished case, its follow-up
//! by staff, and the list of ratings staff see.

use crate::clock::Calendar;
use crate::error::AppError;
use crate::server::db::Db;
use crate::services::feedback::{follow_up_clock, POOR};
use crate::services::types::{grade_label, Rating};
use chrono::NaiveDate;

/// Records the rating of case `application_id`; refused when the case has
/// not ended or was rated already. The rating joins the case's timeline.
pub async fn rate(
    db: &Db,
    application_id: i64,
    score: u8,
    comment: &str,
    today: NaiveDate,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let case: Option<(crate::services::types::CaseStatus, String)> =
        sqlx::query_as("SELECT status, service_code FROM applications WHERE id = $1")
            .bind(application_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, service_code)) = case else {
        return Err(AppError::NotFound);
    };
    if !status.ended() {
        return Err(AppError::Conflict("办结后才能评价".to_owned()));
    }
    // One rating per case, kept by the unique key: a second, even at the
    // same moment, is refused.
    let stored = sqlx::query(
        "INSERT INTO case_ratings (application_id, service_code, score, comment, rated_at, rated_on) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id) DO NOTHING",
    )
    .bind(application_id)
    .bind(&service_code)
    .bind(i64::from(score))
    .bind(comment)
    .bind(now)
    .bind(today.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if stored == 0 {
        return Err(AppError::Conflict(
            "该办件已评价，每件只能评价一次".to_owned(),
        ));
    }
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, '评价', '申请人', $4)",
    )
    .bind(application_id)
    .bind(now)
    .bind(today.to_string())
    .bind(grade_label(score))
    .execute(&mut *tx)
    .await?;
    // The hall's public figures (办件量, 满意率) count it.
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RatingRow {
    score: i64,
    comment: String,
    rated_on: String,
    follow_up: String,
    followed_on: Option<String>,
}

impl RatingRow {
    fn into_rating(self, calendar: &Calendar, today: NaiveDate) -> Rating {
        let score = u8::try_from(self.score).unwrap_or(0);
        let clock = (score <= POOR)
            .then(|| follow_up_clock(&self.rated_on, calendar, today))
            .flatten();
        Rating {
            score,
            comment: self.comment,
            follow_up_due: clock.map(|(d, _)| d.to_string()),
            follow_up_days_left: clock.filter(|_| self.followed_on.is_none()).map(|(_, n)| n),
            rated_on: self.rated_on,
            follow_up: self.follow_up,
            followed_on: self.followed_on,
        }
    }
}

/// Case `application_id`'s rating, if it has one.
pub async fn for_case(
    db: &Db,
    application_id: i64,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Option<Rating>, sqlx::Error> {
    let row: Option<RatingRow> = sqlx::query_as(
        "SELECT score, comment, rated_on, follow_up, followed_on FROM case_ratings \
         WHERE application_id = $1",
    )
    .bind(application_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.into_rating(calendar, today)))
}

/// Every poor rating still waiting for its 回访, inside the caller's
/// transaction: (case number, rated on).
pub async fn open_follow_ups_in(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.number, r.rated_on FROM case_ratings r \
         JOIN applications a ON a.id = r.application_id \
         WHERE r.score <= $1 AND r.followed_on IS NULL AND a.number IS NOT NULL \
         ORDER BY a.number",
    )
    .bind(i64::from(POOR))
    .fetch_all(conn)
    .await
}

/// Staff answer a poor rating: what was found and put right. Refused when
/// there is no poor rating waiting, or the answer is empty.
pub async fn follow_up(
    db: &Db,
    application_id: i64,
    number: &str,
    text: &str,
    by: &super::cases::Staffed<'_>,
) -> Result<(), AppError> {
    let super::cases::Staffed {
        actor,
        outbox,
        today,
        now,
        ..
    } = *by;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::field("follow_up", "请写明回访情况和整改措施"));
    }
    if text.chars().count() > 1000 {
        return Err(AppError::field("follow_up", "回访情况不能超过 1000 字"));
    }
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE case_ratings SET follow_up = $1, followed_on = $2, followed_by = $3 \
         WHERE application_id = $4 AND score <= $5 AND followed_on IS NULL",
    )
    .bind(text)
    .bind(today.to_string())
    .bind(&actor.shown)
    .bind(application_id)
    .bind(i64::from(POOR))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(
            "该办件没有待回访的差评，或已回访".to_owned(),
        ));
    }
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, '差评回访', $4, $5)",
    )
    .bind(application_id)
    .bind(now)
    .bind(today.to_string())
    .bind(&actor.shown)
    .bind(text)
    .execute(&mut *tx)
    .await?;
    super::notices::notify(
        &mut tx,
        outbox,
        application_id,
        crate::notify::types::Event::CaseFollowUp,
        text,
        &today.to_string(),
        now,
    )
    .await?;
    crate::account::db::audit::record(
        &mut tx,
        actor,
        "case.follow_up",
        &format!("办件 {number}"),
        serde_json::json!({ "follow_up": text }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One rating, for the figures.
#[derive(sqlx::FromRow)]
pub struct Scored {
    pub number: String,
    pub service_code: String,
    pub score: i64,
    pub comment: String,
    pub rated_on: String,
    pub followed_on: Option<String>,
}

/// Every rating (of service `only`, if given) with its case's number,
/// newest first.
pub async fn all(db: &Db, only: Option<&str>) -> Result<Vec<Scored>, sqlx::Error> {
    let mut q = crate::server::db::SqlBuilder::new(
        "SELECT a.number, r.service_code, r.score, r.comment, r.rated_on, r.followed_on \
         FROM case_ratings r JOIN applications a ON a.id = r.application_id",
    );
    if let Some(code) = only {
        q.push(" WHERE r.service_code = ").bind_text(code);
    }
    q.push(" ORDER BY r.rated_at DESC, r.id DESC");
    q.query_as().fetch_all(db.pool()).await
}
