//! Site-wide settings: the portal's name and the contact details in its footer.
//!
//! Kept in the database (table `site_settings`, one row a key) so that an
//! administrator can change them without a deployment; the app holds a copy
//! in memory (see `server::state`) and refreshes it.

pub mod db;

use crate::server::db::Db;

/// What the header and footer of every page show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// 网站名称, shown in the header and every page title.
    pub name: String,
    /// The home page's meta description.
    pub description: String,
    /// 主办单位
    pub organiser: String,
    /// 地址
    pub address: String,
    /// 邮编
    pub postcode: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
    /// ICP备案号
    pub icp: String,
    /// 政府网站标识码
    pub site_code: String,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: "政务公开门户".to_owned(),
            description: "政府信息公开、政策解读、网上办事与互动交流。".to_owned(),
            organiser: String::new(),
            address: String::new(),
            postcode: String::new(),
            phone: String::new(),
            email: String::new(),
            icp: String::new(),
            site_code: String::new(),
        }
    }
}

impl SiteSettings {
    fn fields_mut(&mut self) -> [(&'static str, &mut String); 9] {
        [
            ("name", &mut self.name),
            ("description", &mut self.description),
            ("organiser", &mut self.organiser),
            ("address", &mut self.address),
            ("postcode", &mut self.postcode),
            ("phone", &mut self.phone),
            ("email", &mut self.email),
            ("icp", &mut self.icp),
            ("site_code", &mut self.site_code),
        ]
    }

    /// Reads the settings; keys missing from the table keep their defaults.
    pub async fn load(pool: &Db) -> Result<SiteSettings, sqlx::Error> {
        let rows = db::all(pool).await?;
        let mut settings = SiteSettings::default();
        for (key, value) in rows {
            if let Some((_, slot)) = settings.fields_mut().into_iter().find(|(k, _)| *k == key) {
                *slot = value;
            }
        }
        Ok(settings)
    }

    /// Writes every setting in one transaction.
    pub async fn save(&self, db: &Db) -> Result<(), sqlx::Error> {
        let mut copy = self.clone();
        let mut tx = db.begin_write().await?;
        for (key, value) in copy.fields_mut() {
            db::put(&mut tx, key, value).await?;
        }
        tx.commit().await
    }
}
