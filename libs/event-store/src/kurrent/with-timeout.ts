/** The KurrentDB client can wait forever on a port that accepts TCP but never answers HTTP/2. */
export class EventStoreTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`KurrentDB did not answer ${what} within ${ms} ms.`);
    this.name = 'EventStoreTimeout';
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventStoreTimeout(what, ms)), ms);
  });
  work.catch(() => undefined); // a failure after the timeout must not become an unhandled rejection
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
