import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentEventStore } from './kurrent-event-store';

const url = process.env.EVENT_STORE_URL;

if (url && /^(kurrentdb|esdb)(\+discover)?:\/\//.test(url)) {
  describeEventStoreContract('KurrentDB', async () => {
    const store = new KurrentEventStore(url);
    await store.ping();
    return { store, cleanup: () => store.close() };
  });
} else {
  const why = url
    ? `KurrentDB contract suite not run: EVENT_STORE_URL is not a kurrentdb:// URL (${url})`
    : 'KurrentDB contract suite not run: EVENT_STORE_URL is not set (docker compose up kurrentdb)';
  console.warn(why);
  test.skip(why, () => undefined);
}
