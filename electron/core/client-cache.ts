// AWS SDK clients kept by what they were built for (endpoint, region, keys): building one costs
// more than the call itself. Least recently used first out, at most `size` kept; `retire` says
// what to do with one pushed out (destroy it, or hold it while a stream may still use its sockets).

export class ClientCache<Client> {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly size: number,
    private readonly retire: (client: Client) => void,
  ) {}

  /** The client for `key`, built by `create` when there is none; now the most recently used. */
  get(key: string, create: () => Client): Client {
    let client = this.clients.get(key);
    if (client) {
      this.clients.delete(key); // re-inserted below: most recently used last
    } else {
      client = create();
      if (this.clients.size >= this.size) {
        const [oldestKey, oldest] = this.clients.entries().next().value!;
        this.clients.delete(oldestKey);
        this.retire(oldest);
      }
    }
    this.clients.set(key, client);
    return client;
  }

  /** Empties the cache, handing every client to `each` (to destroy it). */
  drain(each: (client: Client) => void): void {
    for (const client of this.clients.values()) each(client);
    this.clients.clear();
  }
}

/** The part of a cache key that names a set of credentials. */
export function credentialsKey(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}): string {
  return [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? ''].join('\n');
}
