/**
 * The OData query options of the local Graph's users endpoints, in one place for importers:
 * `$select` and projection (properties.ts), `$filter` (filter.ts) and `$search` (search.ts).
 */
export {
  DEFAULT_USER_PROPERTIES,
  GraphQueryError,
  USER_PROPERTIES,
  parseSelect,
  project,
  valueOf,
  type Predicate,
  type UserProperty
} from './properties';
export { parseFilter } from './filter';
export { parseSearch, searchTokens } from './search';
