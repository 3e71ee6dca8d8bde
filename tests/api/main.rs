//! API tests: every test starts the real application on a random port, against real PostgreSQL (its own
//! database), Redis (its own key prefix) and Kafka (its own topic prefix), and talks to it over HTTP and
//! WebSocket like a client.

mod helpers;

mod audit;
mod auth;
mod bins;
mod dashboard;
mod documents;
mod events;
mod housekeeping;
mod images;
mod inventory;
mod loaders;
mod outages;
mod platform;
mod products;
mod resume;
mod schema;
mod seed;
mod stock_events;
mod users;
mod webhooks;
