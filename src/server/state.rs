//! AppState: what every request handler, page and server function shares.

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
    site: Arc<RwLock<Arc<SiteSettings>>>,
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
        Ok(AppState {
            leptos_options,
            db,
            settings: Arc::new(settings),
            site: Arc::new(RwLock::new(Arc::new(site))),
        })
    }

    /// The site settings as last loaded.
    pub fn site(&self) -> Arc<SiteSettings> {
        match self.site.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reads the site settings again, e.g. after an administrator changed them
    /// (possibly on another app server).
    pub async fn reload_site(&self) -> Result<(), sqlx::Error> {
        let fresh = Arc::new(SiteSettings::load(&self.db).await?);
        match self.site.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}
