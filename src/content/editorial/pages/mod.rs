//! The editorial workflow's pages (server-rendered only): the editor, the
//! 保密审查 review, history and comparison, withdrawal and periodic re-review.
//! Each starts with the account guard for its role.

mod editor;
mod history;
mod rereview;
mod review;
mod withdraw;

pub use editor::{EditorPage, NewItemPage};
pub use history::HistoryPage;
pub use rereview::RereviewPage;
pub use review::ReviewPage;
pub use withdraw::WithdrawPage;
