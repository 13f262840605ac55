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
    sections: Arc<RwLock<Arc<Sections>>>,
    /// Approved emergency notices not yet ended (see `alerts`).
    alerts: Arc<RwLock<Arc<Vec<crate::alerts::types::Alert>>>>,
    /// Searches waiting to be written to the query log.
    pub search_log: Arc<crate::search::db::hot::LogBuffer>,
    /// Rendered public pages (see `server::cache`).
    pub cache: Arc<crate::server::cache::PageCache>,
    /// Seconds added to the system clock for [`AppState::today`]: always 0
    /// in service; tests move it past Beijing midnight.
    clock_shift: Arc<std::sync::atomic::AtomicI64>,
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
        // The version first: copies read after it are at least as new.
        let version = crate::server::cache::read_version(&db).await?;
        let site = SiteSettings::load(&db).await?;
        let calendar = crate::clock::db::load(&db).await?;
        let hot = crate::search::db::hot::compute(&db, crate::ui::format::now()).await?;
        let search_key = crate::search::db::hot::client_key(&db).await?;
        let alerts = crate::alerts::db::live(&db, crate::ui::format::now()).await?;
        let settings_cache_mb = settings.page_cache_mb;
        Ok(AppState {
            leptos_options,
            db,
            accepted_hosts: Arc::new(settings.accepted_hosts()),
            search_key: Arc::new(search_key),
            settings: Arc::new(settings),
            site: Arc::new(RwLock::new(Arc::new(site))),
            calendar: Arc::new(RwLock::new(Arc::new(calendar))),
            hot_words: Arc::new(RwLock::new(Arc::new(hot))),
            sections: Arc::default(),
            alerts: Arc::new(RwLock::new(Arc::new(alerts))),
            search_log: Arc::default(),
            cache: Arc::new(crate::server::cache::PageCache::new(
                settings_cache_mb,
                version,
            )),
            clock_shift: Arc::default(),
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
        if write(&self.hot_words, fresh) {
            // Pages drawn from the old copy are no longer right.
            self.cache.local_changed();
        }
        Ok(())
    }

    /// The main navigation's sections that have nothing to show yet (a
    /// new portal's empty lists are left out of the public navigation).
    pub fn empty_sections(&self) -> Arc<Sections> {
        read(&self.sections)
    }

    /// Works out again which sections are empty when the content version
    /// has moved since the last time: called before a page is drawn, so a
    /// page and the navigation it shows come from the same version.
    pub async fn refresh_sections(&self) -> Result<(), sqlx::Error> {
        use crate::content::types::ContentKind;
        let version = self.cache.version();
        if self.empty_sections().version == Some(version) {
            return Ok(());
        }
        let db = &self.db;
        let kind_empty = |kind| async move {
            crate::content::db::latest(db, Some(kind), 1, 0)
                .await
                .map(|v| v.is_empty())
        };
        let (policy, interpretation, news, consultations, graphics, topics, services, pages) = futures::try_join!(
            kind_empty(ContentKind::Policy),
            kind_empty(ContentKind::Interpretation),
            kind_empty(ContentKind::News),
            kind_empty(ContentKind::Consultation),
            crate::graphics::db::public_list(db),
            crate::content::db::list_topics(db),
            crate::services::db::list(db),
            crate::content::db::published_pages(db),
        )?;
        let empty = [
            (policy, "/disclosure/policy"),
            (interpretation, "/disclosure/interpretation"),
            (news, "/disclosure/news"),
            (consultations, "/consultations"),
            (graphics.is_empty(), "/graphics"),
            (topics.is_empty(), "/topics"),
            (services.is_empty(), "/services"),
        ]
        .into_iter()
        .filter(|(empty, _)| *empty)
        .map(|(_, href)| href)
        .collect();
        write(
            &self.sections,
            Arc::new(Sections {
                version: Some(version),
                empty,
                pages,
            }),
        );
        Ok(())
    }

    /// Today's date in Beijing.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::content::db::beijing_date(self.now())
    }

    /// Now, in Unix seconds, as this server reckons it (the system clock,
    /// moved only by tests through [`AppState::shift_clock`]).
    pub fn now(&self) -> i64 {
        crate::ui::format::now() + self.clock_shift.load(std::sync::atomic::Ordering::Acquire)
    }

    /// The emergency notice every page shows now, if any.
    pub fn alert(&self) -> Option<crate::alerts::types::Alert> {
        crate::alerts::types::showing(&read(&self.alerts), self.now()).cloned()
    }

    /// Reads the approved emergency notices again (after one was approved
    /// or withdrawn, possibly on another app server).
    pub async fn reload_alerts(&self) -> Result<(), sqlx::Error> {
        // Those that ended an hour ago are long off every page.
        let fresh = Arc::new(crate::alerts::db::live(&self.db, self.now() - 3_600).await?);
        write(&self.alerts, fresh);
        Ok(())
    }

    /// Moves this server's idea of today by `seconds` (for tests of what
    /// happens when the date changes; nothing in service calls it).
    pub fn shift_clock(&self, seconds: i64) {
        self.clock_shift
            .store(seconds, std::sync::atomic::Ordering::Release);
    }

    /// Reads the calendar again (after staff changed it, possibly on another
    /// app server).
    pub async fn reload_calendar(&self) -> Result<(), sqlx::Error> {
        let fresh = Arc::new(crate::clock::db::load(&self.db).await?);
        if write(&self.calendar, fresh) {
            // Pages drawn from the old copy are no longer right.
            self.cache.local_changed();
        }
        Ok(())
    }

    /// Reads the site settings again, e.g. after an administrator changed them
    /// (possibly on another app server).
    pub async fn reload_site(&self) -> Result<(), sqlx::Error> {
        let fresh = Arc::new(SiteSettings::load(&self.db).await?);
        if write(&self.site, fresh) {
            // Pages drawn from the old copy are no longer right.
            self.cache.local_changed();
        }
        Ok(())
    }
}

fn read<T>(lock: &RwLock<Arc<T>>) -> Arc<T> {
    match lock.read() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// Puts `value` in `lock`; whether it differs from what was there.
fn write<T: PartialEq>(lock: &RwLock<Arc<T>>, value: Arc<T>) -> bool {
    let mut guard = match lock.write() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    let changed = **guard != *value;
    *guard = value;
    changed
}

/// Which sections of the main navigation are empty, as of a content version.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sections {
    /// The content version it was worked out at (None: not yet).
    version: Option<i64>,
    /// The empty sections' paths (as in `ui::layout::SECTIONS`).
    pub empty: Vec<&'static str>,
    /// The slugs of the published text pages (the footer links to them).
    pub pages: Vec<String>,
}
