/** Custom scalars, where a plain String or Float would hide meaning. */
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime = ${JSON.stringify(value)} is invalid: expected an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

builder.scalarType('DateTime', {
  description: 'A point in time as an ISO-8601 UTC string, e.g. `2026-01-31T12:00:00.000Z` (when a saved item was created or changed).',
  serialize: (value) => String(value),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
