import { z } from 'zod';
import spec from '../../infra/containers.json';

/**
 * An index path of the Cosmos DB indexing policy, e.g. `/companyId/?` or `/actor/id/?`. infra/main.bicep
 * indexes exactly these paths and excludes every other (`/*`); the app itself does not read them.
 */
const IndexedPath = z.string().regex(/^(\/[A-Za-z0-9_]+)+\/(\?|\*)$/, 'an index path such as /companyId/?');

const ContainerSpecSchema = z.object({
  database: z.string().min(1),
  containers: z
    .array(
      z.object({
        id: z.string().min(1),
        partitionKey: z.string().startsWith('/'),
        holds: z.string(),
        indexedPaths: z.array(IndexedPath).optional()
      })
    )
    .min(1)
});

/** The containers and partition keys, from the one data file the Bicep also loads. */
export const CONTAINER_SPEC = ContainerSpecSchema.parse(spec);

export const CONTAINER_NAMES = [
  'companies',
  'portalUsers',
  'records',
  'audit',
  'jobs',
  'staff',
  'lookups',
  'botState'
] as const;
export type ContainerName = (typeof CONTAINER_NAMES)[number];

// The code names its containers; the data file must declare exactly those.
const declared = CONTAINER_SPEC.containers.map((c) => c.id).sort();
const named = [...CONTAINER_NAMES].sort();
if (declared.join() !== named.join()) {
  throw new Error(`infra/containers.json declares [${declared.join(', ')}] but the code uses [${named.join(', ')}]`);
}
