//! Review, withdrawal and re-review of items.

use super::*;

#[derive(Deserialize, serde::Serialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    opinion: String,
    #[serde(default)]
    disclosure: String,
    #[serde(default)]
    publish: String,
    /// `YYYY-MM-DDTHH:MM`, Beijing time.
    #[serde(default)]
    publish_at: String,
    /// The revision the reviewer read: a decision on any other is refused.
    #[serde(default)]
    revision: String,
}

/// `POST /articles/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: Staff<Reviewer>,
    Posted(form): Posted<ReviewForm>,
) -> Result<Response, Refusal> {
    let id = item_id(&id)?;
    let values = form_values(&form);
    let now = now();
    let mut errors = Vec::new();
    let decision = match form.decision.as_str() {
        "approve" => {
            let disclosure = Disclosure::from_slug(&form.disclosure);
            if disclosure.is_none() {
                errors.push(FieldError {
                    field: "disclosure".into(),
                    message: "请确认公开属性".into(),
                });
            }
            let publish_at = if form.publish == "later" {
                match crate::ui::format::parse_local(&form.publish_at) {
                    Some(t) if t > now => Some(t),
                    Some(_) => {
                        errors.push(FieldError {
                            field: "publish_at".into(),
                            message: "定时发布的时间应晚于现在".into(),
                        });
                        None
                    }
                    None => {
                        errors.push(FieldError {
                            field: "publish_at".into(),
                            message: "请选择定时发布的日期和时间".into(),
                        });
                        None
                    }
                }
            } else {
                None
            };
            disclosure.map(|d| Decision::Approve {
                disclosure: d,
                publish_at,
            })
        }
        "return" => Some(Decision::Return),
        _ => {
            errors.push(FieldError {
                field: "decision".into(),
                message: "请选择“同意发布”或“退回修改”".into(),
            });
            None
        }
    };
    if form.opinion.trim().is_empty() {
        errors.push(FieldError {
            field: "opinion".into(),
            message: "请填写审核意见".into(),
        });
    }
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return Err(Refusal::fields(errors, values));
    };
    let returned = decision == Decision::Return;
    let done = db::review(
        &state.db,
        &user,
        id,
        form.revision.trim().parse::<i64>().ok(),
        decision,
        &form.opinion,
        now,
        &state.calendar(),
    )
    .await;
    match done {
        Ok(()) if returned => Ok(see_other("/staff?notice=returned")),
        Ok(()) => Ok(see_other(&format!("/articles/{id}/review?notice=approved"))),
        // Reviewing one's own work is refused as not allowed, a stale
        // review as a conflict; both on the form, the opinion kept.
        Err(AppError::Conflict(message)) => {
            let status = if message == db::OWN_WORK {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::CONFLICT
            };
            Err(Refusal::message(status, message, values))
        }
        Err(AppError::NotFound) => Err(not_found()),
        Err(e) => Err(Refusal::of(e, values)),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /articles/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: Staff<Reviewer>,
    Posted(form): Posted<WithdrawForm>,
) -> Result<Response, Refusal> {
    let id = item_id(&id)?;
    let values = form_values(&form);
    match db::withdraw(&state.db, &user, id, &form.reason, now()).await {
        Ok(()) => Ok(see_other(&format!("/articles/{id}"))),
        Err(AppError::NotFound) => Err(not_found()),
        Err(e) => Err(Refusal::of(e, values)),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct RereviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    next_review_on: String,
    #[serde(default)]
    opinion: String,
}

/// `POST /articles/{id}/rereview`: the periodic review of a withheld item.
pub async fn rereview(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: Staff<Reviewer>,
    Posted(form): Posted<RereviewForm>,
) -> Result<Response, Refusal> {
    let id = item_id(&id)?;
    let values = form_values(&form);
    let today = state.today();
    let mut errors = Vec::new();
    let next = chrono::NaiveDate::parse_from_str(form.next_review_on.trim(), "%Y-%m-%d").ok();
    let disclose = match form.decision.as_str() {
        "disclose" => true,
        "keep" => {
            if next.is_none_or(|d| d <= today) {
                errors.push(FieldError {
                    field: "next_review_on".into(),
                    message: "请填写晚于今天的下次评审日期".into(),
                });
            }
            false
        }
        _ => {
            errors.push(FieldError {
                field: "decision".into(),
                message: "请选择评审结论".into(),
            });
            false
        }
    };
    if form.opinion.trim().is_empty() {
        errors.push(FieldError {
            field: "opinion".into(),
            message: "请填写评审意见".into(),
        });
    }
    if !errors.is_empty() {
        return Err(Refusal::fields(errors, values));
    }
    let done = db::record_rereview(
        &state.db,
        &user,
        id,
        disclose,
        next,
        form.opinion.trim(),
        now(),
    )
    .await;
    match done {
        Ok(()) => Ok(see_other("/staff?notice=rereview")),
        Err(AppError::NotFound) => Err(not_found()),
        Err(e) => Err(Refusal::of(e, values)),
    }
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_are_judged_by_bytes_not_names() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
            Some("application/pdf")
        );
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
            Some("image/png")
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F']),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(
            sniff(b"MZ\x90\x00\x03\x00\x00\x00"),
            None,
            "an executable named .pdf is refused"
        );
        assert_eq!(sniff(b"plain text pretending to be a PDF"), None);
    }
}
