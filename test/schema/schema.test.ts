/**
 * The schema itself: the committed SDL matches the code (`npm run schema:check`), the contract names exist
 * with their types, every type and field is described (with its unit), and the GraphiQL examples validate.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
  GraphQLFloat,
  GraphQLObjectType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../scripts/print-schema.js';
import { schema } from '../../src/schema/index.js';
import { GRAPHIQL_EXAMPLES } from '../../src/server/examples.js';

describe('schema/schema.graphql', () => {
  it('is what the code builds (schema:check)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('test/gql (codegen) is generated from the current SDL and documents (`graphql-codegen --check`)', () => {
    // Exits non-zero, failing this test, when `npm run codegen` would change test/gql.
    execFileSync(process.execPath, ['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'codegen.ts', '--check'], { stdio: 'pipe' });
  }, 60_000);

  it('`npm run schema:check` exits 0 now', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/print-schema.ts', '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});

/** The contract: field → printed type (args included where the contract lists them). */
const CONTRACT: Record<string, Record<string, string>> = {
  Query: {
    gpus: '[Gpu!]!',
    models: '[Model!]!',
    model: 'Model',
    clusters: '[Cluster!]!',
    cluster: 'Cluster',
    trainingPlan: 'TrainingPlan!',
    modelStateMemory: '[ZeroStageMemory!]!',
    maxTrainableParameters: 'Float!',
    computeOptimal: 'ComputeOptimal!',
    modelFromHuggingFaceConfig: 'Model!',
  },
  Mutation: { createModel: 'Model!', createCluster: 'Cluster!' },
  ComputeOptimal: { computeFlops: 'Float!', parameters: 'Float!', tokens: 'Float!', predictedLoss: 'Float' },
  Model: { id: 'ID!', name: 'String!', parameters: 'Float!', nonEmbeddingParameters: 'Float!', flopsPerToken: 'Float!' },
  TrainingPlan: {
    model: 'Model!', cluster: 'Cluster!', fits: 'Boolean!', diagnostics: '[Diagnostic!]!', parallelism: 'Parallelism!',
    memory: 'MemoryEstimate!', performance: 'PerformanceEstimate!', communication: 'CommunicationEstimate!',
    run: 'RunEstimate', predictedLoss: 'Float',
  },
  ZeroStageMemory: { stage: 'Int!', parametersBytes: 'Float!', gradientsBytes: 'Float!', optimizerStatesBytes: 'Float!', totalBytes: 'Float!' },
  Parallelism: { tensorParallel: 'Int!', pipelineParallel: 'Int!', dataParallel: 'Int!', zeroStage: 'Int!', microBatchSize: 'Int!', sequenceParallel: 'Boolean!', pipelineInterleave: 'Int!', recompute: 'RecomputeMode!' },
  MemoryEstimate: { parametersBytes: 'Float!', gradientsBytes: 'Float!', optimizerStatesBytes: 'Float!', activationsBytes: 'Float!', otherBytes: 'Float!', totalBytes: 'Float!', capacityBytes: 'Float!' },
  PerformanceEstimate: { stepSeconds: 'Float!', tokensPerSecond: 'Float!', modelTflopsPerGpu: 'Float!', hardwareTflopsPerGpu: 'Float!', modelFlopsUtilization: 'Float!', hardwareFlopsUtilization: 'Float!', bubbleFraction: 'Float!' },
  RunEstimate: { steps: 'Float!', seconds: 'Float!', days: 'Float!', gpuHours: 'Float!', costUsd: 'Float!', energyKwh: 'Float!' },
  ModelInput: {
    name: 'String', layers: 'Int!', hiddenSize: 'Int!', attentionHeads: 'Int!', kvHeads: 'Int', ffnHiddenSize: 'Int', gatedMlp: 'Boolean',
    vocabSize: 'Int!', sequenceLength: 'Int!', tiedEmbeddings: 'Boolean', experts: 'Int', expertsPerToken: 'Int',
  },
  ClusterInput: { name: 'String', gpu: 'ID!', gpusPerNode: 'Int!', nodes: 'Int!', gpuHourUsd: 'Float' },
  TrainingPlanInput: {
    model: 'ID', modelSpec: 'ModelInput', cluster: 'ID', clusterSpec: 'ClusterInput', globalBatchSize: 'Int!', microBatchSize: 'Int',
    trainingTokens: 'Float', tensorParallel: 'Int', pipelineParallel: 'Int', dataParallel: 'Int', zeroStage: 'Int', sequenceParallel: 'Boolean',
    pipelineInterleave: 'Int', recompute: 'RecomputeMode', precision: 'Precision', optimizer: 'Optimizer', offload: 'Offload',
  },
};

const CONTRACT_ENUMS: Record<string, string[]> = {
  ScalingLaw: ['KAPLAN', 'CHINCHILLA', 'CHINCHILLA_PARAMETRIC', 'EPOCH'],
  Optimizer: ['ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT'],
  Precision: ['FP32', 'FP16', 'BF16', 'FP8'],
  RecomputeMode: ['NONE', 'SELECTIVE', 'FULL'],
  Offload: ['NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME'],
};

describe('contract', () => {
  it.each(Object.entries(CONTRACT))('%s has the contract fields and types', (typeName, fields) => {
    const type = schema.getType(typeName);
    expect(type, typeName).toBeDefined();
    const actual = (isObjectType(type) || isInputObjectType(type) ? type.getFields() : {}) as Record<string, { type: unknown }>;
    for (const [field, printed] of Object.entries(fields)) expect(String(actual[field]?.type), `${typeName}.${field}`).toBe(printed);
  });

  it.each(Object.entries(CONTRACT_ENUMS))('enum %s has the contract values', (name, values) => {
    const type = schema.getType(name);
    expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual(expect.arrayContaining(values));
  });

  it('keeps the contract defaults and arguments', () => {
    const query = schema.getQueryType()!.getFields();
    const arg = (field: string, name: string) => query[field]!.args.find((a) => a.name === name)!;
    expect([String(arg('modelStateMemory', 'optimizer').type), arg('modelStateMemory', 'optimizer').defaultValue]).toEqual(['Optimizer', 'ADAM']);
    expect(arg('modelStateMemory', 'precision').defaultValue).toBe('BF16');
    expect(arg('maxTrainableParameters', 'tensorParallel').defaultValue).toBe(1);
    expect(String(arg('maxTrainableParameters', 'zeroStage').type)).toBe('Int!');
    expect(arg('computeOptimal', 'law').defaultValue).toBe('CHINCHILLA');
    expect(String(arg('modelFromHuggingFaceConfig', 'config').type)).toBe('String!');
    const input = (schema.getType('TrainingPlanInput') as import('graphql').GraphQLInputObjectType).getFields();
    expect([input.microBatchSize!.defaultValue, input.tensorParallel!.defaultValue, input.pipelineParallel!.defaultValue, input.zeroStage!.defaultValue]).toEqual([1, 1, 1, 0]);
    expect([input.recompute!.defaultValue, input.precision!.defaultValue, input.optimizer!.defaultValue, input.offload!.defaultValue, input.sequenceParallel!.defaultValue]).toEqual(['NONE', 'BF16', 'ADAM', 'NONE', false]);
    const loss = (schema.getType('TrainingPlan') as import('graphql').GraphQLObjectType).getFields().predictedLoss!;
    expect(loss.args[0]!.defaultValue).toBe('CHINCHILLA');
  });
});

describe('descriptions', () => {
  const ours = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));

  it('every type, field, argument and enum value is described', () => {
    const missing: string[] = [];
    for (const type of ours) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  /** Name pattern → what its description must say. A trailing `Delta` (differences) keeps the unit. */
  const UNITS: [RegExp, RegExp][] = [
    [/Bytes(Delta)?$/, /byte/i],
    [/BytesPerSecond(PerGpu)?$/, /bytes per second|B\/s/i],
    [/Seconds(Delta)?$/, /second/i],
    [/Usd(Delta)?$/, /dollar/i],
    [/FlopsPerSecond/, /FLOP\/s/],
    [/Flops(PerToken|PerStep)?$/, /FLOPs/],
    [/Tflops/, /TFLOP\/s|10¹² FLOP\/s/],
    [/Watts$/, /watt/i],
    [/Kwh$/, /kWh/],
    [/PfDays$/, /petaflop\/s-day|PF-day|PFLOP\/s-day/i],
    [/Hours$/, /hour/i],
    [/Days$/, /day/i],
    [/PerGpuHour$/, /GPU-hour/i],
    [/PerDay$/, /day/i],
  ];

  /** Every field, input field and argument of every type whose name carries a unit, with what it lacks. */
  function missingUnits(types: readonly GraphQLNamedType[]): string[] {
    const wrong: string[] = [];
    const check = (where: string, name: string, description: string | null | undefined): void => {
      for (const [pattern, unit] of UNITS) {
        if (pattern.test(name) && !unit.test(description ?? '')) wrong.push(`${where}: "${description ?? ''}" lacks ${unit}`);
      }
    };
    for (const type of types) {
      if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
        check(`${type.name}.${field.name}`, field.name, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.name, arg.description);
      }
    }
    return wrong;
  }

  it('every field and argument with a unit in its name says the unit in its description (all types, all areas)', () => {
    const checked = ours.filter((t) => isObjectType(t) || isInterfaceType(t) || isInputObjectType(t));
    // Every area's families are in the check: the API's, the simulation's and the plan search's.
    expect(checked.map((t) => t.name)).toEqual(expect.arrayContaining(['TrainingPlan', 'Gpu', 'SimulationSummary', 'ReliabilityInput', 'RankedPlan', 'WinnerComparison']));
    expect(missingUnits(checked)).toEqual([]);
  });

  it('the unit check catches a field that hides its unit', () => {
    const probe = new GraphQLObjectType({
      name: 'Probe',
      fields: {
        waitSeconds: { type: GraphQLFloat, description: 'How long.' },
        costUsdDelta: { type: GraphQLFloat, description: 'Cost difference.' },
        writeBytesPerSecond: { type: GraphQLFloat, description: 'Write bandwidth in bytes.' },
        sizeBytes: { type: GraphQLFloat, description: 'Size in bytes.', args: { limitSeconds: { type: GraphQLFloat, description: 'A limit.' } } },
      },
    });
    expect(missingUnits([probe]).map((w) => w.split(':')[0])).toEqual(['Probe.waitSeconds', 'Probe.costUsdDelta', 'Probe.writeBytesPerSecond', 'Probe.sizeBytes(limitSeconds)']);
  });
});

describe('GraphiQL examples', () => {
  it('validate against the schema and cover the four questions of the issue', () => {
    const document = parse(GRAPHIQL_EXAMPLES);
    expect(validate(schema, document)).toEqual([]);
    const names = document.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
    expect(names).toEqual(expect.arrayContaining(['EstimateGpt3On1024A100s', 'CompareZeroStages', 'ComputeOptimalAllocation', 'Gpt4Extrapolation']));
    expect(getNamedType(schema.getQueryType()!.getFields().trainingPlan!.type).name).toBe('TrainingPlan');
  });
});
