import { z } from 'zod';
import spec from '../../infra/containers.json';

const ContainerSpecSchema = z.object({
  database: z.string().min(1),
  containers: z
    .array(z.object({ id: z.string().min(1), partitionKey: z.string().startsWith('/'), holds: z.string() }))
    .min(1)
});

/** The containers and partition keys, from the one data file the Bicep also loads. */
export const CONTAINER_SPEC = ContainerSpecSchema.parse(spec);

export const CONTAINER_NAMES = [
  'companies',
  'portalUsers',
  'records',
  'audit',
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
