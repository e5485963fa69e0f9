/**
 * The Pothos complexity plugin with its result remembered per parsed operation instead of per request.
 *
 * The plugin walks the whole selection (every field, fragment and list multiplier) once per request before the
 * first root resolver runs: ≈ 10% (4–5 µs) of executing the API bench's 20-field `trainingPlan` selection, whose
 * planner work is ≈ 1 µs, and more for larger selections. Yoga hands the same parsed document (its parse cache) to
 * every request with the same query text, and with our field costs the result depends on the operation alone: no
 * field complexity is a function (the only way variables or the context could enter), and the plugin counts
 * `@skip`/`@include` fields either way. So the result is kept in a WeakMap keyed by the operation node; limits,
 * errors and the moment of the check are the plugin's own, unchanged. If any field declares a function complexity,
 * every request is measured afresh, as before.
 */
import SchemaBuilder, { type BuildCache, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { PothosComplexityPlugin, type ComplexityResult } from '@pothos/plugin-complexity';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';

export const COMPLEXITY_PLUGIN = 'complexityPerOperation';

export class ComplexityPerOperationPlugin<Types extends SchemaTypes> extends PothosComplexityPlugin<Types> {
  /** Set at build time when some field's complexity is a function of its arguments or the context. */
  private dynamicComplexity = false;
  private readonly perOperation = new WeakMap<OperationDefinitionNode, ComplexityResult>();

  constructor(buildCache: BuildCache<Types>, name: keyof PothosSchemaTypes.Plugins<Types>) {
    super(buildCache, name);
    const perRequest = this.complexityCache;
    this.complexityCache = Object.assign(
      (ctx: Types['Context'], info: GraphQLResolveInfo): ComplexityResult => {
        if (this.dynamicComplexity) return perRequest(ctx, info);
        let result = this.perOperation.get(info.operation);
        if (!result) {
          // Computed by the plugin itself; a throw (unknown field, cyclic fragment) is not remembered.
          result = perRequest(ctx, info);
          this.perOperation.set(info.operation, result);
        }
        return result;
      },
      { delete: (ctx: Types['Context']): void => perRequest.delete(ctx) },
    );
  }

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    const config = super.onOutputFieldConfig(fieldConfig);
    if (typeof config.extensions.complexity === 'function') this.dynamicComplexity = true;
    return config;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      complexityPerOperation: ComplexityPerOperationPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(COMPLEXITY_PLUGIN, ComplexityPerOperationPlugin);
