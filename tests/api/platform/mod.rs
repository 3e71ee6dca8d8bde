//! The GraphQL edge against hostile clients: HTTP per GraphQL-over-HTTP, WebSocket per graphql-transport-ws,
//! persisted documents, budgets and limits, spoken as raw HTTP and raw frames.

mod budgets;
mod edge;
mod hostile;
mod penalty;
mod persisted;
mod proxies;
mod sockets;
