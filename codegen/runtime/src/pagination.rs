//! Typed access to the paging fields of a paged endpoint's request and response, implemented
//! by the generator for every endpoint whose metadata has a [`Pagination`]. The rules for
//! moving from one page to the next are here, in [`advance`], once for all endpoints.

use crate::endpoint::{Endpoint, Pagination};

/// Where a page starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagePosition {
    /// The previous page's cursor (cursor style).
    Cursor(String),
    /// The page number (page-number style).
    Number(i64),
}

/// What a page says about the ones after it; each field is `None` where the spec names no
/// such field or the vendor left it out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageProgress {
    /// The next page's cursor.
    pub next_cursor: Option<String>,
    /// Whether a further page follows.
    pub has_more: Option<bool>,
    /// How many items there are in all.
    pub total: Option<i64>,
}

/// A paged endpoint's request.
pub trait Paged: Endpoint {
    /// The largest page size the spec allows (the page-size field's `max`), if it states one.
    const MAX_PAGE_SIZE: Option<i64>;

    /// The page size the request asks for, or the documented default when it sets none.
    fn page_size(&self) -> Option<i64>;
    /// Asks for pages of `size` items (no-op where the endpoint takes no page size).
    fn set_page_size(&mut self, size: i64);
    /// Where the request asks its page to start (`None`: the first page).
    fn position(&self) -> Option<PagePosition>;
    /// Asks for the page at `position` (a position of the other style is ignored).
    fn set_position(&mut self, position: PagePosition);
    /// The paging fields of a page.
    fn progress(response: &Self::Response) -> PageProgress;
}

/// Points `request` at the page after the one `response` answered; `false` when that was the
/// last page.
///
/// The last page is the one that says `has_more: false`; with a cursor, also one without a
/// next cursor (or an empty one, or the same cursor again, which would page forever); with
/// page numbers and no `has_more` field, the page that reaches the total (page × size ≥
/// total, so a total of 0 ends at once). Where the endpoint says neither, there is no way to
/// tell, and the first page is the last.
pub fn advance<E: Paged>(request: &mut E, response: &E::Response) -> bool {
    let progress = E::progress(response);
    if progress.has_more == Some(false) {
        return false;
    }
    match E::METADATA.pagination {
        Some(Pagination::Cursor { .. }) => {
            let Some(next) = progress.next_cursor.filter(|next| !next.is_empty()) else {
                return false;
            };
            if request.position() == Some(PagePosition::Cursor(next.clone())) {
                return false;
            }
            request.set_position(PagePosition::Cursor(next));
            true
        }
        Some(Pagination::PageNumber { .. }) => {
            let current = match request.position() {
                Some(PagePosition::Number(number)) => number,
                _ => 1,
            };
            let reached_total = match (progress.total, request.page_size()) {
                (Some(total), Some(size)) => current.saturating_mul(size) >= total,
                (Some(total), None) => total <= 0,
                _ => false,
            };
            let more = match progress.has_more {
                Some(more) => more,
                None => progress.total.is_some() && request.page_size().is_some() && !reached_total,
            };
            if more {
                request.set_position(PagePosition::Number(current.saturating_add(1)));
            }
            more
        }
        None => false,
    }
}
