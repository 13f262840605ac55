//! Form furniture in GOV.UK's error pattern: a summary at the top linking to
//! each field, the message beside the field, entries kept.

use crate::error::FieldError;
use leptos::prelude::*;

/// The error summary. It is focused on load (autofocus works without
/// JavaScript) so screen readers announce it first.
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true aria-labelledby="error-summary-title">
                <h2 class="app-error-summary__title" id="error-summary-title">"提交的内容有误"</h2>
                <ul class="app-error-summary__list">
                    {errors
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    <a href=format!("#{}", e.field)>{e.message}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The message for `field`, if any.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// The ids of a field's hint and error, for `aria-describedby` (None when
/// it has neither).
fn described_by(name: &str, hint: &str, has_error: bool) -> Option<String> {
    let ids = [
        (!hint.is_empty()).then(|| format!("{name}-hint")),
        has_error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!ids.is_empty()).then_some(ids)
}

fn field_class(has_error: bool) -> &'static str {
    if has_error {
        "app-field app-field--error"
    } else {
        "app-field"
    }
}

/// A field's hint and its error message, under the label, with the ids
/// that [`described_by`] names.
#[component]
fn HintAndError(name: &'static str, hint: &'static str, error: Option<String>) -> impl IntoView {
    view! {
        {(!hint.is_empty()).then(|| view! { <p class="app-field__hint" id=format!("{name}-hint")>{hint}</p> })}
        {error.map(|e| view! {
            <p class="app-field__error" id=format!("{name}-error")>
                <span class="app-visually-hidden">"错误："</span>{e}
            </p>
        })}
    }
}

/// A labelled `<select>`; `options` are (value, label), the first usually "全部".
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = described_by(name, "", has_error);
    view! {
        <div class=field_class(has_error)>
            <label class="app-field__label" for=name>
                {label}
            </label>
            <HintAndError name hint="" error />
            <select class="app-field__select" id=name name=name aria-describedby=described>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled text input with its hint and error.
#[component]
pub fn TextInput(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] hint: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    /// The phone keyboard to show, e.g. `numeric` for whole numbers (typed
    /// as text, as GOV.UK advises, rather than `type=number`).
    #[prop(optional)]
    inputmode: &'static str,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = described_by(name, hint, has_error);
    view! {
        <div class=field_class(has_error)>
            <label class="app-field__label" for=name>{label}</label>
            <HintAndError name hint error />
            <input
                class="app-field__input"
                id=name
                name=name
                type=kind
                value=value
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-describedby=described
                aria-invalid=has_error.then_some("true")
            />
        </div>
    }
}

/// A labelled textarea with its hint and error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] hint: &'static str,
    #[prop(default = 5)] rows: u32,
    /// An autofill token for a multi-line field, e.g. `street-address`.
    #[prop(optional)]
    autocomplete: &'static str,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = described_by(name, hint, has_error);
    view! {
        <div class=field_class(has_error)>
            <label class="app-field__label" for=name>{label}</label>
            <HintAndError name hint error />
            <textarea
                class="app-field__textarea"
                id=name
                name=name
                rows=rows
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-describedby=described
                aria-invalid=has_error.then_some("true")
            >
                {value}
            </textarea>
        </div>
    }
}

/// A labelled file input with its hint and error. A browser never keeps a
/// chosen file when a refused form comes back, so the hint should say what
/// to choose again.
#[component]
pub fn FileInput(
    name: &'static str,
    label: &'static str,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] hint: &'static str,
    /// What the picker offers, e.g. `.pdf,.jpg,.png`.
    accept: &'static str,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = described_by(name, hint, has_error);
    view! {
        <div class=field_class(has_error)>
            <label class="app-field__label" for=name>{label}</label>
            <HintAndError name hint error />
            <input
                class="app-field__file"
                id=name
                name=name
                type="file"
                accept=accept
                multiple=multiple
                aria-describedby=described
                aria-invalid=has_error.then_some("true")
            />
        </div>
    }
}

/// A notice at the top of a page (saved, submitted …), announced politely.
#[component]
pub fn Notice(#[prop(into)] text: String) -> impl IntoView {
    view! {
        <div class="app-notice" role="status">
            <p class="app-notice__text">{text}</p>
        </div>
    }
}

/// A group of radio buttons in a fieldset; `options` are (value, label).
/// The first button carries the group's name as its id, so the error
/// summary's link lands on it.
#[component]
pub fn Radios(
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = described_by(name, hint, has_error);
    view! {
        <div class=field_class(has_error)>
            <fieldset class="app-radios" aria-describedby=described>
                <legend class="app-field__label">{legend}</legend>
                <HintAndError name hint error />
                {options.into_iter().enumerate().map(|(i, (value, text))| {
                    let id = if i == 0 { name.to_owned() } else { format!("{name}-{i}") };
                    let checked = value == selected;
                    view! {
                        <div class="app-radios__item">
                            <input class="app-radios__input" type="radio" id=id.clone() name=name value=value checked=checked />
                            <label class="app-radios__label" for=id>{text}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}

/// How a box in a row of boxes is drawn (see [`row_box`]).
pub enum Widget {
    Input(&'static str),
    /// A whole number: a short text box with the phone's number keyboard.
    Numeric,
    Select(Vec<(String, String)>),
    Check,
    Area,
}

/// One box in a numbered row of boxes (rows of a list edited on one form,
/// whose names are made at run time), marked up as the kit's fields are.
pub fn row_box(
    name: String,
    label: &'static str,
    widget: &Widget,
    value: String,
    error: Option<String>,
) -> AnyView {
    let has_error = error.is_some();
    let class = if has_error {
        "app-field app-field--error"
    } else {
        "app-field"
    };
    let error_id = format!("{name}-error");
    let described = has_error.then(|| error_id.clone());
    let error_view = error.map(|e| {
        view! {
            <p class="app-field__error" id=error_id.clone()>
                <span class="app-visually-hidden">"错误："</span>{e}
            </p>
        }
    });
    match widget {
        Widget::Check => view! {
            <div class="app-field app-field--checkbox">
                <input type="checkbox" id=name.clone() name=name.clone() value="1" checked=!value.is_empty() />
                <label for=name>{label}</label>
            </div>
        }
        .into_any(),
        Widget::Input(_) | Widget::Numeric => {
            let (kind, input_class, inputmode) = match widget {
                Widget::Input(kind) => (*kind, "app-field__input", None),
                _ => ("text", "app-field__input app-field__input--short", Some("numeric")),
            };
            view! {
                <div class=class>
                    <label class="app-field__label" for=name.clone()>{label}</label>
                    {error_view}
                    <input class=input_class id=name.clone() name=name type=kind inputmode=inputmode value=value
                        aria-describedby=described aria-invalid=has_error.then_some("true") />
                </div>
            }
            .into_any()
        }
        Widget::Area => view! {
            <div class=class>
                <label class="app-field__label" for=name.clone()>{label}</label>
                {error_view}
                <textarea class="app-field__textarea" id=name.clone() name=name rows=3
                    aria-describedby=described aria-invalid=has_error.then_some("true")>{value}</textarea>
            </div>
        }
        .into_any(),
        Widget::Select(choices) => {
            let choices = choices.clone();
            view! {
                <div class=class>
                    <label class="app-field__label" for=name.clone()>{label}</label>
                    {error_view}
                    <select class="app-field__select" id=name.clone() name=name aria-describedby=described>
                        {choices.into_iter().map(|(v, l)| {
                            let selected = v == value;
                            view! { <option value=v selected=selected>{l}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
    }
}

/// The form that finds one's own case, question, request or letter by its
/// number (`noun`, e.g. 咨询编号, with an example in `hint`) and 查询码: a
/// GET to `action`, so it works without JavaScript and the result can be
/// bookmarked.
#[component]
pub fn CodeLookup(
    action: &'static str,
    noun: &'static str,
    hint: &'static str,
    number: String,
    code: String,
    errors: Vec<FieldError>,
) -> impl IntoView {
    view! {
        <form class="app-form" method="get" action=action>
            <TextInput name="number" label=noun value=number error=error_for(&errors, "number") hint />
            <TextInput name="code" label="查询码" value=code error=error_for(&errors, "code") hint="6 位数字" inputmode="numeric" />
            <button type="submit" class="app-button">"查询"</button>
        </form>
    }
}
