import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { ConflictError, statusOf } from '../errors';

/** Turn state items by key, typed as the Bot Framework's Storage contract types them (its `StoreItems`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreItems = Record<string, any>;

interface TurnStateDoc {
  id: string;
  mspId: string;
  type: 'turnState';
  key: string;
  state: Record<string, unknown>;
}

/** Bot Framework keys hold '/' and may pass Cosmos' 255-character id limit: the id is their hash. */
function idOf(key: string): string {
  return `turnState|${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * teams-ai turn state kept in Cosmos DB instead of process memory, so that any of several app instances
 * can serve any turn. Keeps the Bot Framework Storage contract (read, write, delete; the bot passes it as its
 * storage, and the type checker holds the two together there): an item that carries an eTag is
 * written only if it is still current (a ConflictError otherwise); '*' or no eTag writes unconditionally.
 */
export class BotStateStorage {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const id = idOf(key);
        try {
          const { resource } = await this.container.item(id, id).read<TurnStateDoc & { _etag: string }>();
          if (resource && resource.mspId === this.mspId) items[key] = { ...resource.state, eTag: resource._etag };
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      })
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...state } = (value ?? {}) as Record<string, unknown>;
        const doc: TurnStateDoc = { id: idOf(key), mspId: this.mspId, type: 'turnState', key, state };
        const conditional = typeof eTag === 'string' && eTag !== '*';
        try {
          await this.container.items.upsert(
            doc,
            conditional ? { accessCondition: { type: 'IfMatch', condition: eTag } } : undefined
          );
        } catch (error) {
          if (statusOf(error) === 412) throw new ConflictError(doc.id);
          throw error;
        }
      })
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const id = idOf(key);
        try {
          await this.container.item(id, id).delete();
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      })
    );
  }
}
