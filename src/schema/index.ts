/**
 * Assembles the schema: importing a family file registers its types and root fields on the builder.
 * To add a family: create src/schema/<family>.ts (import `builder` from ./builder.js, define types, add root fields
 * with builder.queryField/mutationField/subscriptionField) and add one import line below.
 */
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './enums.js';
import './errors.js';
import './gpu.js';
import './model.js';
import './cluster.js';
import './memory.js';
import './scaling.js';
import './plan.js';
import './saved-items.js';
import './reliability.js';
import './simulation.js';
import './search.js';
import './campaign.js';
import './budget.js';
import './validation-suite.js';

let built: GraphQLSchema | undefined;

/** The executable schema (built once; every later call returns the same instance). */
export function buildSchema(): GraphQLSchema {
  built ??= builder.toSchema();
  return built;
}

export const schema = buildSchema();

export { builder } from './builder.js';
export type { SchemaContext, SavedItemsStore, SavedRecord, BoundedPubSub, PubSubTopics } from './context.js';
