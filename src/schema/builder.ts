/**
 * The one Pothos builder every type family registers on. Families live in one file each (gpu.ts, model.ts,
 * cluster.ts, plan.ts, …) and are assembled by index.ts; a new family imports `builder` from here, defines its
 * types and adds its root fields with `builder.queryField` / `mutationField` / `subscriptionField`, then gets one
 * import line in index.ts.
 *
 * Plugins:
 * - errors: typed error results (`InputError` members in result unions, e.g. `trainingPlanOrError`);
 * - simple-objects: value types without a backing class (memory breakdowns, estimates);
 * - validation: runs the bounds of validation.ts given as `validate:` on arguments and input fields (they are Standard
 *   Schemas), reported as BAD_USER_INPUT naming field/value/range;
 * - complexity: depth, breadth and cost limits checked before any root resolver runs (HTTP and WebSocket alike);
 *   registered as `complexityPerOperation` (complexity.ts), the same plugin with its result kept per parsed operation.
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { COMPLEXITY_PLUGIN } from './complexity.js';
import type { SchemaContext } from './context.js';
import { badUserInput, describeValue, toGraphQLError } from './error-helpers.js';

/**
 * Query limits. Depth 12 covers the deepest useful selection (savedPlan → plan → memory → stages → …) with room to
 * spare; the default list multiplier (10) makes `models { … }` cost ten times its selection.
 */
export const COMPLEXITY_LIMITS = { complexity: 5_000, depth: 12, breadth: 600 } as const;

export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  Scalars: {
    ID: { Input: string; Output: string };
    /** ISO-8601 UTC timestamp. */
    DateTime: { Input: string; Output: string };
  };
  // Fields are non-null unless marked `nullable: true` (the contract's `!`s).
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, SimpleObjectsPlugin, ValidationPlugin, COMPLEXITY_PLUGIN],
  errors: { defaultTypes: [] },
  validation: {
    // One error per request, shaped like the core's InvalidInputError: "<path> = <value> is invalid: expected …".
    validationError: (failure, args) => {
      const issue = failure.issues[0];
      const path = (issue?.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p)).map(String);
      const field = path.join('.') || 'input';
      const value = path.reduce<unknown>(
        (obj, key) => (obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined),
        args,
      );
      const allowed = issue?.message ?? 'a valid value';
      const more = failure.issues.length > 1 ? ` (and ${failure.issues.length - 1} more problem(s))` : '';
      return toGraphQLError(badUserInput(field, value, allowed, `${field} = ${describeValue(value)} is invalid: expected ${allowed}${more}`));
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: COMPLEXITY_LIMITS,
    complexityError: (kind, result) => {
      const measure = kind === 'Depth' ? 'depth' : kind === 'Breadth' ? 'breadth' : 'complexity';
      const max = kind === 'Depth' ? result.maxDepth : kind === 'Breadth' ? result.maxBreadth : result.maxComplexity;
      return new GraphQLError(
        `Query too large: ${measure} ${result[measure]} exceeds the limit ${max}; split it into several requests`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', measure, value: result[measure], limit: max } },
      );
    },
  },
});

builder.queryType({ description: 'Read-only questions: catalogs, presets, estimates and saved items.' });
builder.mutationType({ description: 'Changes to saved models, clusters and plans (presets are read-only).' });
builder.subscriptionType({ description: 'Live events over SSE (Accept: text/event-stream) or WebSocket (graphql-transport-ws).' });
