-- The event store and its read models, in the schema Flyway was given (ordo by default).
-- Written only by Ordo's PostgreSQL projector, from the output journal alone: every table here can be dropped and
-- projected again from zero (ordo project --from-zero) with the same content.

-- Every event of the output journal, one row each, in journal order.
CREATE TABLE events (
    position          bigint      NOT NULL, -- global position: 1, 2, 3 ... over all events, in journal order
    event_id          uuid        NOT NULL, -- name-based (version 3) from the command's sequence and event index
    sequence          bigint      NOT NULL, -- the input journal sequence of the command the event answers
    event_index       integer     NOT NULL, -- the event's place among its command's events, from 0
    type              text        NOT NULL, -- the SBE message name: OrderAccepted, Trade, BalanceChanged ...
    aggregate_type    text        NOT NULL, -- account (ledger events) or instrument (the book's events)
    aggregate_id      bigint      NOT NULL,
    aggregate_version bigint      NOT NULL, -- 1, 2, 3 ... per aggregate
    account_id        bigint,               -- the event's accountId field, if it has one
    instrument_id     integer,
    order_id          bigint,
    asset_id          integer,
    recorded_at       timestamptz NOT NULL, -- the time the sequencer stamped on the command (microseconds)
    recorded_time_ns  bigint      NOT NULL, -- the same, in nanoseconds since the epoch, as journaled
    value_at          timestamptz NOT NULL, -- the business (value) time: a money movement's, else recorded_at
    value_time_ns     bigint      NOT NULL,
    data              jsonb       NOT NULL, -- every field of the event by its schema name; enums by their names
    metadata          jsonb       NOT NULL, -- the command's account and request id, the schema version
    PRIMARY KEY (position, recorded_at)
) PARTITION BY RANGE (recorded_at);
-- One partition per month, created by the projector before it writes the month's first event
-- (events_yYYYYmMM, e.g. events_y2026m12).

CREATE INDEX events_by_aggregate ON events (aggregate_type, aggregate_id, aggregate_version);
CREATE INDEX events_by_type ON events (type, recorded_at);
CREATE INDEX events_by_time ON events (recorded_at);
CREATE INDEX events_by_account ON events (account_id, position) WHERE account_id IS NOT NULL;

-- The last version of each aggregate, kept with the events (read back when the projector starts).
CREATE TABLE aggregate_versions (
    aggregate_type text   NOT NULL,
    aggregate_id   bigint NOT NULL,
    version        bigint NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- The passbook: one line per BalanceChanged, with the balance after it.
CREATE TABLE statement_lines (
    position              bigint      PRIMARY KEY, -- the BalanceChanged event's position in events
    sequence              bigint      NOT NULL,
    account_id            bigint      NOT NULL,
    asset_id              integer     NOT NULL,
    cause                 text        NOT NULL,
    available_delta_minor bigint      NOT NULL,
    held_delta_minor      bigint      NOT NULL,
    available_after_minor bigint      NOT NULL,
    held_after_minor      bigint      NOT NULL,
    reference_id          bigint      NOT NULL,
    recorded_at           timestamptz NOT NULL,
    value_time_ns         bigint      NOT NULL,
    value_at              timestamptz NOT NULL,
    command_account_id    bigint      NOT NULL, -- the account that sent the command (for a trade: either side)
    client_request_id     bigint      NOT NULL
);
CREATE INDEX statement_lines_by_account ON statement_lines (account_id, asset_id, position);
CREATE INDEX statement_lines_by_recorded_time ON statement_lines (account_id, recorded_at);
CREATE INDEX statement_lines_by_value_time ON statement_lines (account_id, asset_id, value_time_ns);

-- Every balance as of the projector's position: the last statement line's balance of each account and asset.
CREATE TABLE balances (
    account_id      bigint  NOT NULL,
    asset_id        integer NOT NULL,
    available_minor bigint  NOT NULL,
    held_minor      bigint  NOT NULL,
    last_sequence   bigint  NOT NULL,
    PRIMARY KEY (account_id, asset_id)
);

CREATE TABLE trades (
    trade_id                       bigint      PRIMARY KEY,
    position                       bigint      NOT NULL,
    sequence                       bigint      NOT NULL,
    recorded_at                    timestamptz NOT NULL,
    instrument_id                  integer     NOT NULL,
    aggressor_side                 text        NOT NULL,
    maker_order_id                 bigint      NOT NULL,
    taker_order_id                 bigint      NOT NULL,
    maker_account_id               bigint      NOT NULL,
    taker_account_id               bigint      NOT NULL,
    price_minor                    bigint      NOT NULL,
    quantity_minor                 bigint      NOT NULL,
    maker_fee_minor                bigint      NOT NULL,
    taker_fee_minor                bigint      NOT NULL
);
CREATE INDEX trades_by_instrument_time ON trades (instrument_id, recorded_at);
CREATE INDEX trades_by_maker ON trades (maker_account_id, trade_id);
CREATE INDEX trades_by_taker ON trades (taker_account_id, trade_id);

-- The orders resting in the books as of the projector's position.
CREATE TABLE open_orders (
    order_id                 bigint  PRIMARY KEY,
    account_id               bigint  NOT NULL,
    instrument_id            integer NOT NULL,
    side                     text    NOT NULL,
    price_minor              bigint  NOT NULL,
    remaining_quantity_minor bigint  NOT NULL,
    accepted_sequence        bigint  NOT NULL,
    last_sequence            bigint  NOT NULL
);
CREATE INDEX open_orders_by_account ON open_orders (account_id, order_id);
CREATE INDEX open_orders_by_book ON open_orders (instrument_id, side, price_minor);

-- Where the projector stands in the output journal, written in the same transaction as the rows: after a crash
-- it goes on from here, so that no row is lost or written twice.
CREATE TABLE projection_position (
    name                   text        PRIMARY KEY,
    sequence               bigint      NOT NULL, -- the last command whose events are in the tables (0: none)
    checksum               integer     NOT NULL, -- that record's chained checksum in the output journal
    file_name              text        NOT NULL, -- the cycle file the next record is in
    next_document_position bigint      NOT NULL, -- where it starts in that file
    event_position         bigint      NOT NULL, -- the last event's position in events
    updated_at             timestamptz NOT NULL
);
INSERT INTO projection_position VALUES ('output journal', 0, 0, '', 0, 0, now());
