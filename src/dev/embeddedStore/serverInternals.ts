import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Every reach into the internals of `@vercel/cosmosdb-server` (pinned at 1.0.1) is in this module, with
 * the shapes of what is used. Its public API (`createHttpServer`) hides the account, so the durable store
 * builds the server from these pieces (see lib/index.js) and watches the document layer (lib/account/items.js):
 * - every create, replace, upsert and patch (single or in a batch) ends in `Documents#_set(data)` with a new
 *   object (replace = `delete` + `_set`; patch copies the document with JSON.parse(JSON.stringify())), and
 *   every removal is `Documents#delete(idOrRid, partition)`: stored documents are replaced, never mutated in
 *   place, so holding a reference to one holds that version;
 * - a stored item wraps the very object `_set` returns (`new Document(data)`, `read()` returns it).
 * Loaded lazily: the package is a development dependency and production never reaches this code.
 */

export type DocumentData = Record<string, unknown> & { id: string; _rid: string; _etag?: string; _ts?: number };

interface StoredItem<T> {
  read(): T | undefined;
}

export interface LibDocuments {
  _parent: StoredItem<{ id: string }>;
  _data: Map<string, StoredItem<DocumentData>>;
  create(data: Record<string, unknown>): DocumentData;
  delete(idOrRid: string, partition: unknown): void;
  _item(keyPath: '/id', id: string, partition: unknown): StoredItem<DocumentData>;
  _set(data: DocumentData): DocumentData;
  _getPartition(data: Record<string, unknown>): unknown;
}

export interface LibCollection extends StoredItem<{ id: string }> {
  documents: LibDocuments;
}

export interface LibDatabase extends StoredItem<{ id: string }> {
  collection(idOrRid: string): LibCollection;
  collections: { _data: Map<string, LibCollection> };
}

export interface LibAccount {
  database(idOrRid: string): LibDatabase;
  databases: { _data: Map<string, LibDatabase> };
}

export type RouteParams = Record<string, string> & { dbId?: string; collId?: string };
export type RouteHandler = (account: LibAccount, req: IncomingMessage, res: ServerResponse, params: RouteParams) => unknown;

/* eslint-disable @typescript-eslint/no-require-imports */
const lib = {
  account: () => require('@vercel/cosmosdb-server/lib/account').default as new (host: string, port: number) => LibAccount,
  routes: () => require('@vercel/cosmosdb-server/lib/routes').default as (req: IncomingMessage) => [RouteParams, RouteHandler] | undefined,
  documents: () => require('@vercel/cosmosdb-server/lib/account/documents').default as { prototype: LibDocuments }
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The account of a server listening on host:port (as lib/index.js `createAccount` makes it). */
export function createAccount(host: string, port: number): LibAccount {
  const Account = lib.account();
  return new Account(host === '0.0.0.0' || host === '::' ? 'localhost' : host, port);
}

/** The library's router: the route's parameters and handler, or undefined ("no route"). */
export function route(req: IncomingMessage): [RouteParams, RouteHandler] | undefined {
  return lib.routes()(req);
}

export type DocumentMutation =
  | { kind: 'put'; documents: LibDocuments; doc: DocumentData }
  | { kind: 'delete'; documents: LibDocuments; id: string; partitionKey: unknown };

const HOOK = Symbol.for('msp-portal.embeddedStore.documentHook');
type HookedPrototype = LibDocuments & { [HOOK]?: (mutation: DocumentMutation) => void };

/**
 * Calls `hook` after every document stored or removed, in any server of this process. Patches the
 * library's `Documents` prototype once; installing again only replaces the hook.
 */
export function onDocumentMutation(hook: (mutation: DocumentMutation) => void): void {
  const proto = lib.documents().prototype as HookedPrototype;
  const patched = Object.prototype.hasOwnProperty.call(proto, HOOK);
  proto[HOOK] = hook;
  if (patched) return;
  const set = proto._set;
  const remove = proto.delete;
  proto._set = function (this: LibDocuments, data: DocumentData) {
    const stored = set.call(this, data);
    proto[HOOK]?.({ kind: 'put', documents: this, doc: stored });
    return stored;
  };
  proto.delete = function (this: LibDocuments, idOrRid: string, partition: unknown) {
    const existing = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (existing) proto[HOOK]?.({ kind: 'delete', documents: this, id: existing.id, partitionKey: this._getPartition(existing) });
  };
}

/** The collection's id (its name), whichever of id or rid the request used. */
export function collectionIdOf(documents: LibDocuments): string | undefined {
  return documents._parent.read()?.id;
}

/** Resolves a database named by id or rid to its id. */
export function databaseIdOf(account: LibAccount, idOrRid: string): string | undefined {
  return account.database(idOrRid).read()?.id;
}

/** The documents of a container, or undefined when the database or the container does not exist. */
export function documentsOf(account: LibAccount, databaseId: string, collectionId: string): LibDocuments | undefined {
  const database = account.database(databaseId);
  if (!database.read()) return undefined;
  const collection = database.collection(collectionId);
  return collection.read() ? collection.documents : undefined;
}

/** Every stored document of every container, as references to the stored objects (no copy). */
export function everyDocument(account: LibAccount): { db: string; coll: string; docs: DocumentData[] }[] {
  const all: { db: string; coll: string; docs: DocumentData[] }[] = [];
  for (const database of account.databases._data.values()) {
    const db = database.read()?.id;
    if (db === undefined) continue;
    for (const collection of database.collections._data.values()) {
      const coll = collection.read()?.id;
      if (coll === undefined) continue;
      const docs: DocumentData[] = [];
      for (const item of collection.documents._data.values()) {
        const doc = item.read();
        if (doc) docs.push(doc);
      }
      all.push({ db, coll, docs });
    }
  }
  return all;
}

/**
 * Stores a document as it was (replay): any document with its id and partition key is removed first,
 * then it is created and given back its `_etag` and `_ts` (the stored item wraps the returned object).
 */
export function putDocument(documents: LibDocuments, doc: Record<string, unknown>): void {
  const id = String(doc.id);
  const partition = documents._getPartition(doc);
  if (documents._item('/id', id, partition).read()) documents.delete(id, partition);
  const stored = documents.create(doc);
  if (doc._etag !== undefined) stored._etag = doc._etag as string;
  if (doc._ts !== undefined) stored._ts = doc._ts as number;
}

/** Removes a document if it is there (replay). */
export function deleteDocument(documents: LibDocuments, id: string, partitionKey: unknown): void {
  if (documents._item('/id', id, partitionKey).read()) documents.delete(id, partitionKey);
}
