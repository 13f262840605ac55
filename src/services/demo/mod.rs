//! The demo hall: the bureau's real kinds of service, with guides written
//! the way a provincial bureau's are (bases, materials and limits follow the
//! national regulations they cite; names, phones and places are the demo's).

mod build;
mod guides;
mod history;

pub use guides::services;

use crate::server::db::Db;

/// Loads the demo services and their past cases.
pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let services = services();
    for (i, s) in services.iter().enumerate() {
        super::db::save(&mut tx, db.backend(), s, i as i64, now).await?;
        super::db::editing::record_seed_approval(&mut tx, s, now).await?;
    }
    tx.commit().await?;
    history::load(db, &services, crate::content::db::beijing_date(now)).await?;
    // The queue's stored due dates, for the cases the history wrote.
    let calendar = crate::clock::db::load(db).await?;
    super::db::queue::refresh_dues(db, &calendar).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_demo_guide_passes_its_own_checks() {
        for s in super::services() {
            assert_eq!(super::super::validate::check(&s), vec![], "{}", s.name);
        }
    }
}
