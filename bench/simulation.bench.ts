/**
 * Simulation engine speed: one replica of a whole run, Llama-3-like reliability.
 * msPerRun16kGpus54Days (goal < 20), msPerRun100kGpus90Days (goal < 100), replicasPerSecond (16k × 54 days).
 */
import { runSimulation, type SimulationSetup } from '../src/simulation/engine.js';
import { presetParams } from '../src/simulation/presets.js';

type Report = (name: string, value: number | string) => void;

function setup(gpuCount: number, days: number, replicas: number): SimulationSetup {
  return {
    nominalStepSeconds: 6,
    tokensPerStep: 16 * 2 ** 20,
    totalSteps: 10_000_000,
    gpuCount,
    gpusPerNode: 8,
    gpuHourUsd: 2,
    checkpointBytes: 16 * 405e9,
    reliability: presetParams('llama3-405b'),
    horizonSeconds: days * 86_400,
    seed: 1,
    replicas,
    detailedReplicas: replicas, // every event generated, as a streamed run does
  };
}

function timeRun(s: SimulationSetup): number {
  const start = performance.now();
  let events = 0;
  runSimulation(s, { onEvent: () => events++ });
  return performance.now() - start;
}

export async function run(report: Report): Promise<void> {
  timeRun(setup(16_384, 54, 5)); // warm-up (JIT)
  const n16 = 30;
  report('simulation.msPerRun16kGpus54Days', timeRun(setup(16_384, 54, n16)) / n16);
  const n100 = 10;
  report('simulation.msPerRun100kGpus90Days', timeRun(setup(100_000, 90, n100)) / n100);
  const many = { ...setup(16_384, 54, 200), detailedReplicas: 1 };
  report('simulation.replicasPerSecond', 200 / (timeRun(many) / 1000));
}
