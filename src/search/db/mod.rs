//! The search domain's tables and every query on them: the index
//! (`search_docs`, `search_meta`) kept true by `index`, searched by `query`
//! on each engine; the query log and hot words (`search_queries`,
//! `search_words`, `search_approved`) in `hot`.

pub mod hot;
pub mod index;
pub mod query;
