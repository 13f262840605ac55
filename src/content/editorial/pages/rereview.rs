use crate::account::pages::guard;
use crate::account::types::Role;
use crate::content::taxonomy::Disclosure;
use crate::server::forms::submitted;
use crate::ui::{
    error_page::loaded,
    forms::{error_for, ErrorSummary, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/articles/{id}/rereview`: the periodic review (条例第十八条) of a
/// withheld or on-request item.
#[component]
pub fn RereviewPage() -> impl IntoView {
    if let Err(view) = guard(Role::Reviewer) {
        return view;
    }
    let id = crate::ui::url::id_param("id");
    loaded(move || super::review::review_of(id), |data| {
                let id = data.id;
                let sub = submitted().unwrap_or_default();
                let errors = sub.errors.clone();
                let next_default = if sub.values.is_empty() {
                    crate::server::context::state()
                        .map(|s| (s.today() + chrono::Days::new(365)).format("%Y-%m-%d").to_string())
                        .unwrap_or_default()
                } else {
                    sub.value("next_review_on")
                };
                let disclose = sub.value("decision") == "disclose";
                view! {
                    <PageMeta title=format!("定期评审：{}", data.form.title) description="不公开信息的定期评审" />
                    <h1 class="app-page-title">{format!("定期评审：{}", data.form.title)}</h1>
                    <p class="app-page-lede">
                        {format!("公开属性：{}；理由：{}", Disclosure::from_slug(&data.form.disclosure).map(Disclosure::label).unwrap_or("—"), data.form.withheld_reason)}
                    </p>
                    {sub.message.clone().map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
                    <ErrorSummary errors=errors.clone() />
                    <form class="app-form" method="post" action=format!("/articles/{id}/rereview")>
                        <fieldset class="app-fieldset">
                            <legend class="app-fieldset__legend">"评审结论"</legend>
                            <div class="app-field--checkbox">
                                <input type="radio" id="decision-keep" name="decision" value="keep" checked=!disclose />
                                <label for="decision-keep">"理由仍然成立，继续不公开"</label>
                            </div>
                            <div class="app-field--checkbox">
                                <input type="radio" id="decision-disclose" name="decision" value="disclose" checked=disclose />
                                <label for="decision-disclose">"情况已变化，转为主动公开"</label>
                            </div>
                        </fieldset>
                        <TextInput name="next_review_on" label="下次评审日期" value=next_default kind="date" error=error_for(&errors, "next_review_on") hint="继续不公开时必填" />
                        <TextArea name="opinion" label="评审意见" value=sub.value("opinion") error=error_for(&errors, "opinion") rows=3 />
                        <button type="submit" class="app-button">"记录评审结论"</button>
                    </form>
                    {(!data.reviews.is_empty()).then(|| view! {
                        <h2>"以往记录"</h2>
                        <ul>{data.reviews.iter().map(|r| view! { <li>{format!("{} · {} · {}：{}", r.at, r.reviewer_name, r.decision_label(), r.opinion)}</li> }).collect_view()}</ul>
                    })}
                    <p><a href="/staff">"返回工作台"</a></p>
                }
                .into_any()
    })
    .into_any()
}
