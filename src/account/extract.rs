//! `Staff<R>`: the signed-in member of staff holding role `R`, as a handler
//! argument (in the style of crates.io's `AuthCheck`). A request without it
//! never reaches the handler's body: nobody signed in is sent to the sign-in
//! page and back, the wrong role gets 403.
//!
//! It reads only the request's head. Handlers of large uploads check the role
//! themselves after reading the body (`server::forms::refuse_after_body`), so
//! a browser still sending a file gets the answer, not a reset connection.

use crate::account::auth::{require_in, user_in};
use crate::account::types::{Role, StaffUser};
use crate::error::AppError;
use crate::server::forms::Refusal;
use axum::{extract::FromRequestParts, http::request::Parts};
use std::marker::PhantomData;

/// A role as a type, for [`Staff`].
pub trait NeedsRole {
    const ROLE: Role;
}

/// 编辑.
pub enum Editor {}
/// 审核.
pub enum Reviewer {}
/// 办件.
pub enum Handler {}
/// 管理员.
pub enum Admin {}

impl NeedsRole for Editor {
    const ROLE: Role = Role::Editor;
}
impl NeedsRole for Reviewer {
    const ROLE: Role = Role::Reviewer;
}
impl NeedsRole for Handler {
    const ROLE: Role = Role::Handler;
}
impl NeedsRole for Admin {
    const ROLE: Role = Role::Admin;
}

/// The signed-in user, who holds role `R`.
pub struct Staff<R: NeedsRole>(pub StaffUser, PhantomData<R>);

impl<R: NeedsRole> std::ops::Deref for Staff<R> {
    type Target = StaffUser;

    fn deref(&self) -> &StaffUser {
        &self.0
    }
}

impl<R: NeedsRole, S: Send + Sync> FromRequestParts<S> for Staff<R> {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
        require_in(&parts.extensions, R::ROLE)
            .map(|user| Staff(user, PhantomData))
            .map_err(|e| Refusal::access(e, parts.uri.path()))
    }
}

/// Any signed-in member of staff, whatever their roles.
pub struct SignedIn(pub StaffUser);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
        user_in(&parts.extensions)
            .map(SignedIn)
            .ok_or_else(|| Refusal::access(AppError::Unauthorized, parts.uri.path()))
    }
}
