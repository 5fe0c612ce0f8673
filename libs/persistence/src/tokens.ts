/** The shared `pg` pool (migrations, event store, idempotency keys, timers). */
export const PG_POOL = Symbol('PG_POOL');
