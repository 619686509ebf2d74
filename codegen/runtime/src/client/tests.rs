//! Tests of the client with a fake transport.
