/**
 * Typed error results (Pothos errors plugin). Fields that list `types: [InvalidInputError]` in their `errors`
 * option return a union whose `InputError` member tells the client which field was wrong and what is allowed,
 * instead of a top-level GraphQL error. The contract fields (trainingPlan, createModel, …) keep plain GraphQL
 * errors with extensions.code; the `…OrError` fields are the typed alternative for form-style clients.
 */
import { InvalidInputError } from '../core/errors.js';
import { builder } from './builder.js';
import { describeValue, inputErrorMessage } from './error-helpers.js';

export const InputErrorRef = builder.objectType(InvalidInputError, {
  name: 'InputError',
  description: 'An input the planner rejected: which field, the value given, and what would be accepted.',
  fields: (t) => ({
    message: t.string({
      description: 'Human-readable sentence naming the field, the value and what is allowed.',
      // The sentence the coded GraphQL error would carry (error-helpers.ts), not the core's own rendering.
      resolve: (error) => inputErrorMessage(error),
    }),
    field: t.exposeString('field', {
      description: 'Dotted path of the offending input field, e.g. `input.tensorParallel`.',
    }),
    value: t.string({
      description: 'The rejected value, rendered as JSON (shortened past 80 characters).',
      resolve: (error) => describeValue(error.value),
    }),
    allowed: t.exposeString('allowed', {
      description: 'What would have been accepted, in words, e.g. `a divisor of attentionHeads (96)`.',
    }),
  }),
});
