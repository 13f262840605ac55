//! AppState: what every request handler, page and server function shares.

use crate::clock::Calendar;
use crate::server::{config::Settings, db::Db};
use crate::site::SiteSettings;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::{Arc, RwLock};

/// Shared by the render path and the server-function handler (both get it as
/// Leptos context) and by plain axum handlers (as axum state).
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The hosts requests may name (from the settings, computed once).
    pub accepted_hosts: Arc<Vec<String>>,
    /// The key searchers are hashed with for hot words (shared by every app
    /// server through the database).
    pub search_key: Arc<Vec<u8>>,
    site: Arc<RwLock<Arc<SiteSettings>>>,
    calendar: Arc<RwLock<Arc<Calendar>>>,
    hot_words: Arc<RwLock<Arc<Vec<String>>>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// Builds the state over an open, migrated database.
    pub async fn new(
        settings: Settings,
        leptos_options: LeptosOptions,
        db: Db,
    ) -> Result<AppState, sqlx::Error> {
        let site = SiteSettings::load(&db).await?;
        let calendar = crate::clock::db::load(&db).await?;
        let hot = crate::search::db::hot::compute(&db, crate::ui::format::now()).await?;
        let search_key = crate::search::db::hot::client_key(&db).await?;
        Ok(AppState {
            leptos_options,
            db,
            accepted_hosts: Arc::new(settings.accepted_hosts()),
            search_key: Arc::new(search_key),
            settings: Arc::new(settings),
            site: Arc::new(RwLock::new(Arc::new(site))),
            calendar: Arc::new(RwLock::new(Arc::new(calendar))),
            hot_words: Arc::new(RwLock::new(Arc::new(hot))),
        })
    }

    /// The site settings as last loaded.
    pub fn site(&self) -> Arc<SiteSettings> {
        read(&self.site)
    }

    /// The working-day calendar as last loaded.
    pub fn calendar(&self) -> Arc<Calendar> {
        read(&self.calendar)
    }

    /// The hot words as last computed.
    pub fn hot_words(&self) -> Arc<Vec<String>> {
        read(&self.hot_words)
    }

    /// Computes the hot words again (periodically, and after staff change the lists).
    pub async fn reload_hot_words(&self) -> Result<(), sqlx::Error> {
        let fresh =
            Arc::new(crate::search::db::hot::compute(&self.db, crate::ui::format::now()).await?);
        write(&self.hot_words, fresh);
        Ok(())
    }

    /// Today's date in Beijing.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::content::db::beijing_date(crate::ui::format::now())
    }

    /// Reads the calendar again (after staff changed it, possibly on another
    /// app server).
    pub async fn reload_calendar(&self) -> Result<(), sqlx::Error> {
        let fresh = Arc::new(crate::clock::db::load(&self.db).await?);
        write(&self.calendar, fresh);
        Ok(())
    }

    /// Reads the site settings again, e.g. after an administrator changed them
    /// (possibly on another app server).
    pub async fn reload_site(&self) -> Result<(), sqlx::Error> {
        let fresh = Arc::new(SiteSettings::load(&self.db).await?);
        write(&self.site, fresh);
        Ok(())
    }
}

fn read<T>(lock: &RwLock<Arc<T>>) -> Arc<T> {
    match lock.read() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn write<T>(lock: &RwLock<Arc<T>>, value: Arc<T>) {
    match lock.write() {
        Ok(mut guard) => *guard = value,
        Err(poisoned) => *poisoned.into_inner() = value,
    }
}
