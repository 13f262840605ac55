//! The HTML shell, `<App/>` and the route table — nothing else.

use crate::account::pages::{AuditPage, LoginPage, PasswordPage};
use crate::content::editorial::pages::{
    EditorPage, HistoryPage, NewItemPage, RereviewPage, ReviewPage, WithdrawPage,
};
use crate::content::pages::{
    ArticleListPage, ArticlePage, CataloguePage, CategoryPage, HomePage, InterpretationsPage,
    StaticPageView, TopicListPage, TopicPage,
};
use crate::registers::pages as reg;
use crate::ui::{
    elder,
    error_page::NotFound,
    layout::{elder_requested, Layout},
};
use crate::workbench::DashboardPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around every page. The `<html>` class carries the 长辈版
/// choice so the first paint is already right.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let class = elder_requested().then_some(elder::HTML_CLASS);
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN" class=class>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="format-detection" content="telephone=no" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="app-css" />
                <crate::ui::hydration::IslandScripts options />
                <script src=crate::ui::navigation::script_path() defer></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The route table. Every route renders completely on the server before the
/// first byte goes out (`SsrMode::Async`), so pages are whole without JavaScript
/// and the status code can depend on the data.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/articles") view=ArticleListPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id") view=ArticlePage ssr=SsrMode::Async />
                    <Route path=path!("/disclosure") view=CataloguePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/disclosure/guide")
                        view=|| view! { <StaticPageView slug="guide" /> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/disclosure/rules")
                        view=|| view! { <StaticPageView slug="rules" /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/about") view=|| view! { <StaticPageView slug="about" /> } ssr=SsrMode::Async />
                    <Route path=path!("/contact") view=|| view! { <StaticPageView slug="contact" /> } ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=|| view! { <StaticPageView slug="privacy" /> } ssr=SsrMode::Async />
                    <Route path=path!("/disclosure/request") view=crate::requests::pages::RequestPage ssr=SsrMode::Async />
                    <Route path=path!("/disclosure/request/lookup") view=crate::requests::pages::RequestLookupPage ssr=SsrMode::Async />
                    <Route path=path!("/disclosure/interpretations") view=InterpretationsPage ssr=SsrMode::Async />
                    <Route path=path!("/disclosure/:kind") view=CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/disclosure/:kind/new") view=NewItemPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id/edit") view=EditorPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id/history") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id/review") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id/withdraw") view=WithdrawPage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:id/rereview") view=RereviewPage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/users") view=crate::account::pages::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/topics") view=crate::content::pages::TopicsAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/pages") view=crate::content::pages::PagesAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/services") view=crate::services::pages::ServicesAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/services/:code") view=crate::services::pages::ServiceAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/services/:code/edit/:part") view=crate::services::pages::ServicePartPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/services/:code/review") view=crate::services::pages::ServiceReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/pages/:slug") view=crate::content::pages::PageAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/topics/:id") view=crate::content::pages::TopicAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/users/:id") view=crate::account::pages::UserPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=crate::search::pages::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/search") view=crate::search::pages::HotWordsAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/calendar") view=crate::clock::pages::CalendarAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/settings") view=crate::site::pages::SiteSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/notices") view=crate::notify::pages::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/alerts") view=crate::alerts::pages::AlertsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/concerns") view=crate::concerns::pages::ConcernsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/concerns/:id") view=crate::concerns::pages::ConcernPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/notices/:event/:channel") view=crate::notify::pages::TemplatePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/catalogue") view=crate::content::pages::CatalogueTermsPage ssr=SsrMode::Async />
                    <Route path=path!("/registers") view=reg::RegistersPage ssr=SsrMode::Async />
                    <Route path=path!("/registers/:register") view=reg::TablePage ssr=SsrMode::Async />
                    <Route path=path!("/registers/:register/new") view=reg::NewRowPage ssr=SsrMode::Async />
                    <Route path=path!("/registers/:register/import") view=reg::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/registers/:register/:id") view=reg::RowPage ssr=SsrMode::Async />
                    <Route path=path!("/credit") view=reg::CreditSearchPage ssr=SsrMode::Async />
                    <Route path=path!("/credit/:code") view=reg::CreditReportPage ssr=SsrMode::Async />
                    <Route path=path!("/budgets") view=reg::BudgetsPage ssr=SsrMode::Async />
                    <Route path=path!("/data") view=reg::OpenDataPage ssr=SsrMode::Async />
                    <Route path=path!("/services") view=crate::services::pages::ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code") view=crate::services::pages::GuidePage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/form") view=crate::services::pages::PrintableFormPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/apply") view=crate::services::pages::ApplyStartPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/apply/:token") view=crate::services::pages::ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/apply/:token/receipt") view=crate::services::pages::ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=crate::services::pages::TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/graphics") view=crate::graphics::pages::GraphicsPage ssr=SsrMode::Async />
                    <Route path=path!("/graphics/:id") view=crate::graphics::pages::GraphicPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/graphics") view=crate::graphics::editor_page::StaffGraphicsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/graphics/new") view=crate::graphics::editor_page::GraphicEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/graphics/:id/edit") view=crate::graphics::editor_page::GraphicEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/graphics/:id/review") view=crate::graphics::review::GraphicReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/consult") view=crate::consult::pages::ConsultPage ssr=SsrMode::Async />
                    <Route path=path!("/consult/ask") view=crate::consult::pages::AskPage ssr=SsrMode::Async />
                    <Route path=path!("/consult/lookup") view=crate::consult::pages::LookupPage ssr=SsrMode::Async />
                    <Route path=path!("/consult/:number") view=crate::consult::pages::QuestionPage ssr=SsrMode::Async />
                    <Route path=path!("/mailbox") view=crate::mailbox::pages::MailboxPage ssr=SsrMode::Async />
                    <Route path=path!("/mailbox/write") view=crate::mailbox::pages::WritePage ssr=SsrMode::Async />
                    <Route path=path!("/mailbox/lookup") view=crate::mailbox::pages::LookupPage ssr=SsrMode::Async />
                    <Route path=path!("/mailbox/:number") view=crate::mailbox::pages::PublicLetterPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/mailbox") view=crate::mailbox::staff::StaffMailboxPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/mailbox/:number") view=crate::mailbox::staff::StaffLetterPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations") view=crate::comments::pages::ConsultationsPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/:id") view=crate::comments::pages::ConsultationPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/consultations") view=crate::comments::pages::StaffConsultationsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/monitor") view=crate::monitor::pages::MonitorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/archive") view=crate::archive::pages::ArchivePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/annual-reports") view=crate::reports::pages::StaffAnnualReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/annual-reports/:year") view=crate::reports::pages::StaffAnnualReportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/consultations/:id") view=crate::comments::pages::StaffConsultationPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/consult") view=crate::consult::pages::StaffConsultPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/consult/:number") view=crate::consult::pages::StaffQuestionPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests") view=crate::requests::pages::StaffRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests/:number") view=crate::requests::pages::StaffRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/cases") view=crate::services::pages::CasesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/supervision") view=crate::services::pages::SupervisionPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/cases/:number") view=crate::services::pages::CasePage ssr=SsrMode::Async />
                    <Route path=path!("/topics") view=TopicListPage ssr=SsrMode::Async />
                    <Route path=path!("/topics/:slug") view=TopicPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
