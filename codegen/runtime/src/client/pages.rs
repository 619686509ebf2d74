//! Pages of a paged endpoint as a [`Stream`].

use super::{Client, ClientError, transport::BoxFuture};
use crate::endpoint::Context;
use crate::pagination::{Paged, advance};
use crate::response::VendorErrorInfo;
use futures_core::Stream;
use std::fmt;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

type PageFuture<'a, E> = BoxFuture<
    'a,
    (
        E,
        Result<<E as crate::Endpoint>::Response, ClientError<<E as crate::Endpoint>::Error>>,
    ),
>;

/// The pages of one request, fetched one after another as the stream is polled.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<'a, E: Paged> {
    client: &'a Client<E::Context>,
    next: Option<E>,
    in_flight: Option<PageFuture<'a, E>>,
}

impl<E: Paged> fmt::Debug for Pages<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("endpoint", &E::METADATA.name)
            .field("done", &(self.next.is_none() && self.in_flight.is_none()))
            .finish()
    }
}

impl<'a, E> Pages<'a, E>
where
    E: Paged + Clone + Send + Sync + 'static,
    E::Context: Context + Send + 'static,
    E::Error: VendorErrorInfo + Send,
    E::Response: Send,
{
    pub(super) fn new(client: &'a Client<E::Context>, mut request: E) -> Self {
        if request.page_size().is_none()
            && let Some(max) = E::MAX_PAGE_SIZE
        {
            request.set_page_size(max);
        }
        Self {
            client,
            next: Some(request),
            in_flight: None,
        }
    }
}

impl<E> Stream for Pages<'_, E>
where
    E: Paged + Clone + Send + Sync + Unpin + 'static,
    E::Context: Context + Send + 'static,
    E::Error: VendorErrorInfo + Send,
    E::Response: Send,
{
    type Item = Result<E::Response, ClientError<E::Error>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            let Some(request) = this.next.take() else {
                return Poll::Ready(None);
            };
            let client = this.client;
            this.in_flight = Some(Box::pin(async move {
                let outcome = client.send(request.clone()).await;
                (request, outcome)
            }));
        }
        let Some(in_flight) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let (mut request, outcome) = match in_flight.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(done) => done,
        };
        this.in_flight = None;
        if let Ok(page) = &outcome
            && advance(&mut request, page)
        {
            this.next = Some(request);
        }
        Poll::Ready(Some(outcome))
    }
}
